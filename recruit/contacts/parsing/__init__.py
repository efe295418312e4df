"""Reading uploaded address books and follow lists into raw entries.

``read_address_book`` and ``read_follow_list`` take the uploaded bytes and return the
entries they can read, with the cards or rows they had to skip (by line); they raise
``ParseError`` naming the line or entry when nothing can be read, the structure is
broken for the whole file (an open CSV quote, invalid JSON) or a cap is exceeded.
"""
from __future__ import annotations

from .common import Entry, Limits, ParseError, Parsed, Skipped, check_size, decode
from .csvfiles import parse_csv_book, parse_csv_follows
from .follows import parse_json_follows
from .vcard import declared_charset, looks_like_vcard, parse_vcard

__all__ = ["Entry", "Limits", "ParseError", "Parsed", "Skipped", "read_address_book",
           "read_follow_list"]


def read_address_book(filename: str, data: bytes, limits: Limits) -> Parsed:
    """A vCard (``.vcf`` or text starting with BEGIN:VCARD) or a CSV address book."""
    check_size(data, limits)
    vcard = filename.lower().endswith((".vcf", ".vcard"))
    text, encoding = decode(data, declared_charset(data) if vcard else None)
    if not vcard and looks_like_vcard(text):
        vcard = True
        text, encoding = decode(data, declared_charset(data))
    parsed = parse_vcard(text, limits) if vcard else parse_csv_book(text, limits)
    parsed.encoding = encoding
    return parsed


def read_follow_list(filename: str, data: bytes, limits: Limits) -> Parsed:
    """A JSON (``.json`` or text starting with '[' or '{') or a CSV follow list."""
    check_size(data, limits)
    text, _ = decode(data)
    if filename.lower().endswith(".json") or text.lstrip()[:1] in ("[", "{"):
        return parse_json_follows(text, limits)
    return parse_csv_follows(text, limits)
