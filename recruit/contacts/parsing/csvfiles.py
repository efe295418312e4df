"""CSV address books and follow lists.

Which column holds what is read from the header (``csvheaders``: Google, Outlook in
several languages, Thunderbird, Apple exporter apps, hand-made sheets). The delimiter
is sniffed from the header line. A row with more fields than the header is skipped and
reported by line; an open quote breaks every row after it, so it rejects the file.
An address book without a header that is one e-mail or phone number per line is read as
such. Follow lists: a handle column and/or an e-mail column, or one value per line.
"""
from __future__ import annotations

import csv
import io

from ..normalise import looks_like_email
from .common import (Entry, Limits, ParseError, Parsed, Skipped, check_entry,
                     nothing_readable, split_values)
from .csvheaders import Columns

DELIMITERS = (",", ";", "\t", "|")


def _delimiter(text: str) -> str:
    """Excel writes ';' in some locales and tabs on copy-paste; the header tells which."""
    first = text.lstrip().split("\n", 1)[0]
    counts = {d: first.count(d) for d in DELIMITERS}
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
        raise ParseError("Line %(start)s: the CSV cannot be read (%(exc)s); check the quotes in "
                         "the entry that starts on this line.", start=start, exc=exc) from exc


def _entry(columns: Columns, line: int, cells: list[str]) -> Entry:
    """The row's entry; ``ValueError`` when it has more fields than the header."""
    if len(cells) > columns.width and any(c.strip() for c in cells[columns.width:]):
        raise ValueError(f"Line {line}: {len(cells)} fields but the header has "
                         f"{columns.width}. A value with a comma in it needs quotes.")
    cells = cells + [""] * (columns.width - len(cells))
    phones = [v for i in columns.phones if not columns.is_fax_or_pager(i, cells)
              for v in split_values(cells[i])]
    return Entry(where=f"Line {line}", label=columns.label(cells),
                 emails=[v for i in columns.emails for v in split_values(cells[i])],
                 phones=phones,
                 handles=[v for i in columns.handles for v in split_values(cells[i])])


def _entries(rows, columns: Columns, limits: Limits) -> tuple[list[Entry], list[Skipped]]:
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    for line, cells in rows:
        try:
            entries.append(_entry(columns, line, cells))
            where = entries[-1]
        except ValueError as exc:
            skipped.append(Skipped(line, str(exc)))
            where = Entry(where=f"Line {line}")
        check_entry(where, len(entries) + len(skipped), limits)
    if not entries:
        if skipped:
            raise nothing_readable(skipped, "row")
        raise ParseError("The file has a header but no entries under it.")
    return entries, skipped


def parse_csv_book(text: str, limits: Limits) -> Parsed:
    """The contacts of a CSV address book: the header must name a phone or e-mail
    column, or the file must be one e-mail or phone number per line."""
    rows = _rows(text)
    first = next(rows, None)
    if first is None:
        raise ParseError("The file is empty.")
    columns = Columns.from_header(first[1])
    if not columns.emails and not columns.phones:
        if len(first[1]) == 1 and _is_contact_value(first[1][0]):
            return Parsed(layout="CSV list", entries=_single_column(
                [first, *rows], limits, phones=True))
        raise ParseError("Line 1: no phone or e-mail column in the header. Upload a Google "
                         "Contacts, Outlook or Thunderbird export, or a CSV with a header "
                         "such as name,phone,email.")
    entries, skipped = _entries(rows, columns, limits)
    return Parsed(layout=columns.layout, entries=entries, skipped=skipped)


def _is_contact_value(cell: str) -> bool:
    text = cell.strip()
    return looks_like_email(text) or (
        sum(char.isdigit() for char in text) >= 7 and not any(c.isalpha() for c in text))


def parse_csv_follows(text: str, limits: Limits) -> Parsed:
    """The accounts of a CSV follow list: handle and/or e-mail columns, or one column
    of values without a header."""
    rows = list(_rows(text))
    if not rows:
        raise ParseError("The file is empty.")
    columns = Columns.from_header(rows[0][1])
    columns.phones = []  # a follow list matches handles and e-mails only
    if columns.emails or columns.handles:
        entries, skipped = _entries(iter(rows[1:]), columns, limits)
        return Parsed(layout="CSV", entries=entries, skipped=skipped)
    if all(len(cells) == 1 for _, cells in rows):
        return Parsed(layout="CSV list", entries=_single_column(rows, limits))
    raise ParseError("Line 1: no handle or e-mail column in the header. Use a header such "
                     "as handle,email, or one handle or e-mail per line.")


def _single_column(rows, limits: Limits, phones: bool = False) -> list[Entry]:
    """One value per line: an e-mail, else a phone number (address books) or a handle."""
    entries: list[Entry] = []
    for line, cells in rows:
        value = cells[0].strip()
        entry = Entry(where=f"Line {line}")
        if looks_like_email(value):
            entry.emails.append(value)
        else:
            (entry.phones if phones else entry.handles).append(value)
        entries.append(entry)
        check_entry(entry, len(entries), limits)
    return entries
