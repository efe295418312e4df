"""What every parser shares: the entry type, the error type, the caps and decoding."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

MAX_VALUES_PER_ENTRY = 20
_VALUE_SEPARATORS = re.compile(r"\s*(?::::|[;,|])\s*")


class ParseError(ValueError):
    """The file cannot be read as a whole; ``message`` names the line or entry."""

    def __init__(self, message: str, **params):
        # As graph.errors.DomainError: English ``message`` (the catalogue key) with
        # ``%(name)s`` placeholders filled from ``params``; pages show it translated.
        self.template = message
        self.params = params
        self.message = message % params if params else message
        super().__init__(self.message)


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


@dataclass(frozen=True)
class Skipped:
    """A card or row that could not be read: the line it starts on and why."""

    line: int
    reason: str


@dataclass
class Parsed:
    """A parsed file: the layout it was read as, its entries, and the cards or rows that
    could not be read and were skipped (the rest of the file is still imported)."""

    layout: str
    entries: list[Entry]
    skipped: list[Skipped] = field(default_factory=list)
    encoding: str = "utf-8"


def skipped_lines(skipped: list[Skipped], shown: int = 5) -> str:
    """'lines 40, 77, 120' (the first ``shown``, then 'and N more')."""
    lines = [str(s.line) for s in skipped[:shown]]
    more = f" and {len(skipped) - shown} more" if len(skipped) > shown else ""
    return ("line " if len(skipped) == 1 else "lines ") + ", ".join(lines) + more


def nothing_readable(skipped: list[Skipped], what: str) -> ParseError:
    """The error for a file in which every card or row was unreadable."""
    return ParseError("No %(what)s in the file could be read (%(value)s). %(reason)s", what=what, value=skipped_lines(skipped), reason=skipped[0].reason)


def _has_cjk(text: str) -> bool:
    return any("\u3040" <= char <= "\u9fff" for char in text)


def person_label(given: str, middle: str, family: str) -> str:
    """A display name from its parts: "王芳" (family first, no spaces) for Chinese and
    Japanese names, "Fang Wang" otherwise. For messages only."""
    parts = [p.strip() for p in (given, middle, family) if p and p.strip()]
    if _has_cjk("".join(parts)):
        return "".join(reversed(parts))[:100]
    return " ".join(parts)[:100]


def split_values(cell: str) -> list[str]:
    """The values in one cell: Google joins several with " ::: ", people use ";" or ","."""
    return [part for part in _VALUE_SEPARATORS.split(cell or "") if part.strip()]


def check_entry(entry: Entry, count: int, limits: Limits) -> None:
    """Raise when the file is over the entry cap or ``entry`` carries too many values."""
    if count > limits.max_entries:
        raise ParseError("%(where)s: entry %(count)s is over the limit of %(max_entries)s entries "
                         "per file. Split the file and upload the parts separately.", where=entry.where, count=count, max_entries=limits.max_entries)
    if entry.value_count() > MAX_VALUES_PER_ENTRY:
        raise ParseError("%(value)s: more than %(max)s phone numbers, e-mails and handles in one "
                         "entry.", value=entry.named(), max=MAX_VALUES_PER_ENTRY)


def check_size(data: bytes, limits: Limits) -> None:
    """Raise when the upload is over the byte cap or empty."""
    if len(data) > limits.max_bytes:
        raise ParseError("The file is %(value)s; the limit is %(value2)s. Export without photos, "
                         "or split it.", value=_size(len(data)), value2=_size(limits.max_bytes))
    if not data.strip():
        raise ParseError("The file is empty.")


# Legacy encodings that address books arrive in when they are not Unicode: GB18030 (a
# superset of GBK/GB2312: Chinese Windows, Outlook and feature phones), Big5 (Taiwan and
# Hong Kong) and Windows-1252 (Western Outlook CSV exports).
LEGACY_ENCODINGS = ("gb18030", "big5", "cp1252")
_CHARSET_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030",
                    "big5-hkscs": "big5", "iso-8859-1": "cp1252", "latin1": "cp1252"}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def canonical_charset(name: str) -> str | None:
    """The Python codec for a declared charset ('GBK' -> 'gb18030'); None if unknown."""
    key = (name or "").strip().strip('"').lower()
    key = _CHARSET_ALIASES.get(key, key)
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding): by BOM, else UTF-8, else the charset the file declares
    (``declared``, e.g. a vCard's CHARSET=GBK), else the best of ``LEGACY_ENCODINGS``
    by ``charset_normalizer``. A file that is none of these gets a message naming the
    line where UTF-8 reading failed."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ParseError("The file says it is %(value)s but is not valid %(value)s.", value=encoding.upper()) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        failed_at = exc.start
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is not None and best.encoding in LEGACY_ENCODINGS:
        return str(best), best.encoding
    line = data[:failed_at].count(b"\n") + 1
    raise ParseError("Line %(line)s: the file is not text in UTF-8, UTF-16, GB18030, Big5 or "
                     "Windows-1252. Save or export it as UTF-8 and upload it again.", line=line)


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{max(1, round(count / 1024))} KB"
