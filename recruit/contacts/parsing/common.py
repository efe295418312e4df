"""What every parser shares: the entry type, the error type, the caps and decoding."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_VALUES_PER_ENTRY = 20
_VALUE_SEPARATORS = re.compile(r"\s*(?::::|[;,|])\s*")


class ParseError(ValueError):
    """The file cannot be read as a whole; ``message`` names the line or entry."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    """Caps on one upload."""

    max_bytes: int = 1024 * 1024
    max_entries: int = 5000


@dataclass
class Entry:
    """One contact or one followed account, still raw. ``where`` says where it is in the
    file ("Line 12" or "Entry 3") and ``label`` is its name, for messages only."""

    where: str
    label: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    handles: list[str] = field(default_factory=list)

    def value_count(self) -> int:
        return len(self.emails) + len(self.phones) + len(self.handles)

    def named(self) -> str:
        """``where`` with the label, e.g. 'Line 12 ("Li Wei")'."""
        return f'{self.where} ("{self.label}")' if self.label else self.where


@dataclass
class Parsed:
    """A parsed file: the layout it was read as and its entries."""

    layout: str
    entries: list[Entry]


def split_values(cell: str) -> list[str]:
    """The values in one cell: Google joins several with " ::: ", people use ";" or ","."""
    return [part for part in _VALUE_SEPARATORS.split(cell or "") if part.strip()]


def check_entry(entry: Entry, count: int, limits: Limits) -> None:
    """Raise when the file is over the entry cap or ``entry`` carries too many values."""
    if count > limits.max_entries:
        raise ParseError(f"{entry.where}: entry {count} is over the limit of "
                         f"{limits.max_entries} entries per file. Split the file and "
                         "upload the parts separately.")
    if entry.value_count() > MAX_VALUES_PER_ENTRY:
        raise ParseError(f"{entry.named()}: more than {MAX_VALUES_PER_ENTRY} phone numbers, "
                         "e-mails and handles in one entry.")


def check_size(data: bytes, limits: Limits) -> None:
    """Raise when the upload is over the byte cap or empty."""
    if len(data) > limits.max_bytes:
        raise ParseError(f"The file is {_size(len(data))}; the limit is "
                         f"{_size(limits.max_bytes)}. Export without photos, or split it.")
    if not data.strip():
        raise ParseError("The file is empty.")


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a BOM) or UTF-16 with a BOM, as the
    common exporters write it. Anything else gets a message naming the line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError("The file says it is UTF-16 but is not valid UTF-16.") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ParseError(f"Line {line}: the file is not UTF-8 text. Save or export it "
                         "as UTF-8 and upload it again.") from exc


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{max(1, round(count / 1024))} KB"
