"""vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) address books: unfolding, properties, cards.

Only what matching needs is read (FN/N for messages, TEL, EMAIL); every other property
is skipped. Structure is checked strictly so a truncated or mangled export is rejected
with the line where it breaks, instead of being half-imported.
"""
from __future__ import annotations

import re

from .common import Entry, Limits, ParseError, Parsed, check_entry

SUPPORTED_VERSIONS = ("3.0", "4.0")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}


def unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the number of the physical line they start on. A line that
    begins with a space or a tab continues the previous one (RFC 6350 §3.2)."""
    logical: list[tuple[int, str]] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if line[:1] in (" ", "\t") and logical:
            start, previous = logical[-1]
            logical[-1] = (start, previous + line[1:])
        elif line.strip():
            logical.append((number, line))
    return logical


def split_property(line: str) -> tuple[str, list[str], str] | None:
    """(NAME, params, value) of a content line; None when it has no ':' outside quoted
    parameter values. A group prefix ("item1.TEL") is dropped."""
    if '"' in line:
        index = _colon_outside_quotes(line)
    else:  # the usual line: no quoted parameter, so the first ':' ends the name
        index = line.find(":")
    if index < 0:
        return None
    name, *params = line[:index].split(";")
    return name.rsplit(".", 1)[-1].strip().upper(), params, line[index + 1:]


def _colon_outside_quotes(line: str) -> int:
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return -1


def unescape(value: str) -> str:
    """Undo vCard text escaping (\\n, \\, \\; \\\\)."""
    if "\\" not in value:  # most values: nothing to undo, skip the regex
        return value
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), value)


class _Card:
    def __init__(self, line: int):
        self.entry = Entry(where=f"Line {line}")
        self.version: str | None = None
        self.structured_name = ""  # N, raw: only read when the card has no FN

    def add(self, name: str, params: list[str], value: str) -> None:
        if name == "VERSION":
            self.version = value.strip()
        elif name == "FN":
            self.entry.label = unescape(value).strip()
        elif name == "N":
            self.structured_name = value
        elif name == "TEL":
            self.entry.phones.append(unescape(value).strip())
        elif name == "EMAIL":
            self.entry.emails.append(unescape(value).strip())

    def finish(self) -> Entry:
        if self.version is None:
            raise ParseError(f"{self.entry.where}: this card has no VERSION line.")
        if self.version not in SUPPORTED_VERSIONS:
            raise ParseError(f"{self.entry.where}: vCard version {self.version[:10]} is not "
                             "supported. Export as vCard 3.0 or 4.0.")
        if not self.entry.label and self.structured_name:
            parts = [unescape(p).strip() for p in re.split(r"(?<!\\);", self.structured_name)]
            self.entry.label = " ".join(p for p in parts[1:2] + parts[:1] if p)
        return self.entry


def parse_vcard(text: str, limits: Limits) -> Parsed:
    """The cards of a vCard file; ``ParseError`` names the first line that breaks it."""
    entries: list[Entry] = []
    card: _Card | None = None
    for number, line in unfold(text):
        prop = split_property(line)
        if prop is None:
            raise ParseError(f"Line {number}: not a vCard line (there is no ':').")
        name, params, value = prop
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            if card is not None:
                raise ParseError(f"Line {number}: a new card begins before the card of "
                                 f"{card.entry.where.lower()} has ended (END:VCARD missing).")
            card = _Card(number)
        elif name == "END" and value.strip().upper() == "VCARD":
            if card is None:
                raise ParseError(f"Line {number}: END:VCARD without a BEGIN:VCARD.")
            entries.append(card.finish())
            check_entry(entries[-1], len(entries), limits)
            card = None
        elif card is None:
            raise ParseError(f"Line {number}: text outside a BEGIN:VCARD … END:VCARD card.")
        else:
            card.add(name, params, value)
    if card is not None:
        raise ParseError(f"{card.entry.where}: this card has no END:VCARD "
                         "(the file may be cut short).")
    if not entries:
        raise ParseError("The file holds no contacts.")
    return Parsed(layout="vCard", entries=entries)
