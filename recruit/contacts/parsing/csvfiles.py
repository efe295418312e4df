"""CSV address books and follow lists.

Address books: the columns of the common exports are recognised by their headers -
Google Contacts ("E-mail 1 - Value", "Phone 1 - Value", several values joined by
" ::: "), Outlook ("E-mail Address", "Mobile Phone", "Business Phone 2", ...) and the
simple name/phone/email sheets phones and people make (English or Chinese headers).
Follow lists: a handle column ("handle", "username", "login", ...) and/or an e-mail
column, or a header-less single column of handles and e-mails.
"""
from __future__ import annotations

import csv
import io
import re

from ..normalise import looks_like_email
from .common import Entry, Limits, ParseError, Parsed, check_entry, split_values

_SPACES = re.compile(r"\s+")
EMAIL_COLUMN = re.compile(
    r"^(?:e-?mail|mail|邮箱|电子邮件|电子邮箱|邮件)(?: ?\d+)?(?: address)?(?: ?\d+)?"
    r"(?: - value)?$")
PHONE_COLUMN = re.compile(
    r"^(?:(?:primary|home|mobile|business|work|other|car|company main|assistant's|radio|"
    r"cell|personal) )?(?:phone|mobile|telephone|tel|cell|phone number|mobile number|"
    r"手机|电话|手机号|手机号码|电话号码|联系电话|移动电话)(?: ?\d+)?(?: - value)?$")
HANDLE_COLUMNS = frozenset({"handle", "username", "user name", "screen_name", "screen name",
                            "login", "account", "user", "用户名", "账号"})
NAME_COLUMNS = ("name", "full name", "display name", "姓名", "名字", "联系人")
GIVEN_FAMILY = ("first name", "given name", "middle name", "last name", "family name")


def _header_key(cell: str) -> str:
    return _SPACES.sub(" ", (cell or "").replace("\ufeff", "")).strip().lower()


def _delimiter(text: str) -> str:
    """Excel writes ';' in some locales and tabs on copy-paste; the header tells which."""
    first = text.lstrip().split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _rows(text: str):
    """(first physical line, cells) for each non-blank row; csv errors name the line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text),
                        strict=True)
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ParseError(f"Line {start}: the CSV cannot be read ({exc}); check the "
                         "quotes in the entry that starts on this line.") from exc


class _Columns:
    """Which column holds what, from the header row."""

    def __init__(self, header: list[str]):
        keys = [_header_key(cell) for cell in header]
        self.width = len(keys)
        self.emails = [i for i, k in enumerate(keys) if EMAIL_COLUMN.match(k)]
        self.phones = [i for i, k in enumerate(keys) if PHONE_COLUMN.match(k)]
        self.handles = [i for i, k in enumerate(keys) if k in HANDLE_COLUMNS]
        named = [i for i, k in enumerate(keys) if k in NAME_COLUMNS]
        self.names = named[:1] or [i for i, k in enumerate(keys) if k in GIVEN_FAMILY]
        if any(k.endswith(" - value") for k in keys):
            self.layout = "Google Contacts CSV"
        elif "e-mail display name" in keys or "business phone" in keys:
            self.layout = "Outlook CSV"
        else:
            self.layout = "CSV"

    def entry(self, line: int, cells: list[str]) -> Entry:
        if len(cells) > self.width and any(c.strip() for c in cells[self.width:]):
            raise ParseError(f"Line {line}: {len(cells)} fields but the header has "
                             f"{self.width}. A value with a comma in it needs quotes.")
        cells = cells + [""] * (self.width - len(cells))
        label = " ".join(cells[i].strip() for i in self.names if cells[i].strip())
        return Entry(where=f"Line {line}", label=label[:100],
                     emails=[v for i in self.emails for v in split_values(cells[i])],
                     phones=[v for i in self.phones for v in split_values(cells[i])],
                     handles=[v for i in self.handles for v in split_values(cells[i])])


def _entries(rows, columns: _Columns, limits: Limits) -> list[Entry]:
    entries: list[Entry] = []
    for line, cells in rows:
        entries.append(columns.entry(line, cells))
        check_entry(entries[-1], len(entries), limits)
    if not entries:
        raise ParseError("The file has a header but no entries under it.")
    return entries


def parse_csv_book(text: str, limits: Limits) -> Parsed:
    """The contacts of a CSV address book; the header must name a phone or e-mail column."""
    rows = _rows(text)
    first = next(rows, None)
    if first is None:
        raise ParseError("The file is empty.")
    columns = _Columns(first[1])
    if not columns.emails and not columns.phones:
        raise ParseError("Line 1: no phone or e-mail column in the header. Upload a Google "
                         "Contacts or Outlook export, or a CSV with a header such as "
                         "name,phone,email.")
    return Parsed(layout=columns.layout, entries=_entries(rows, columns, limits))


def parse_csv_follows(text: str, limits: Limits) -> Parsed:
    """The accounts of a CSV follow list: handle and/or e-mail columns, or one column
    of values without a header."""
    rows = list(_rows(text))
    if not rows:
        raise ParseError("The file is empty.")
    columns = _Columns(rows[0][1])
    columns.phones = []  # a follow list matches handles and e-mails only
    if columns.emails or columns.handles:
        return Parsed(layout="CSV", entries=_entries(iter(rows[1:]), columns, limits))
    if all(len(cells) == 1 for _, cells in rows):
        return Parsed(layout="CSV list", entries=_single_column(rows, limits))
    raise ParseError("Line 1: no handle or e-mail column in the header. Use a header such "
                     "as handle,email, or one handle or e-mail per line.")


def _single_column(rows, limits: Limits) -> list[Entry]:
    entries: list[Entry] = []
    for line, cells in rows:
        value = cells[0].strip()
        entry = Entry(where=f"Line {line}")
        (entry.emails if looks_like_email(value) else entry.handles).append(value)
        entries.append(entry)
        check_entry(entry, len(entries), limits)
    return entries
