"""Reading uploaded address books and follow lists into raw entries.

``read_address_book`` and ``read_follow_list`` take the uploaded bytes and either return
every entry or raise ``ParseError`` naming the line or entry that breaks the file; there
is no partial result, so a malformed file changes nothing.
"""
from __future__ import annotations

from .common import Entry, Limits, ParseError, Parsed, check_size, decode
from .csvfiles import parse_csv_book, parse_csv_follows
from .follows import parse_json_follows
from .vcard import parse_vcard

__all__ = ["Entry", "Limits", "ParseError", "Parsed", "read_address_book",
           "read_follow_list"]


def read_address_book(filename: str, data: bytes, limits: Limits) -> Parsed:
    """A vCard (``.vcf`` or text starting with BEGIN:VCARD) or a CSV address book."""
    check_size(data, limits)
    text = decode(data)
    if filename.lower().endswith((".vcf", ".vcard")) or \
            text.lstrip().upper().startswith("BEGIN:VCARD"):
        return parse_vcard(text, limits)
    return parse_csv_book(text, limits)


def read_follow_list(filename: str, data: bytes, limits: Limits) -> Parsed:
    """A JSON (``.json`` or text starting with '[' or '{') or a CSV follow list."""
    check_size(data, limits)
    text = decode(data)
    if filename.lower().endswith(".json") or text.lstrip()[:1] in ("[", "{"):
        return parse_json_follows(text, limits)
    return parse_csv_follows(text, limits)
