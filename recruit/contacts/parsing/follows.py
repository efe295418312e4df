"""JSON follow lists: the shapes social networks and their APIs export.

Accepted: a list of strings (handles or e-mails); a list of objects with a handle-like
key ("handle", "username", "screen_name", "login") and/or "email" (GitHub's API returns
"login"); Instagram's export ({"relationships_following": [{"string_list_data":
[{"value": ...}]}]}); or an object holding such a list under "following"/"follows"/"users".
"""
from __future__ import annotations

import json
import re

from ..normalise import looks_like_email
from .common import Entry, Limits, ParseError, Parsed, check_entry

# The deepest real export (Instagram's) nests 4 levels; anything far deeper is crafted,
# and would otherwise reach the JSON decoder's recursion limit.
MAX_JSON_DEPTH = 16
# Ids in API answers are at most 20 digits; Python refuses to convert more than 4,300.
MAX_NUMBER_DIGITS = 40
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")

_JSON_KINDS = {type(None): "null", bool: "true/false", int: "a number", float: "a number",
               list: "a list"}
LIST_KEYS = ("following", "follows", "relationships_following", "users", "accounts", "data")
HANDLE_KEYS = ("handle", "username", "screen_name", "login", "user", "account")
EMAIL_KEYS = ("email", "e-mail", "mail")


def _top_list(document) -> list:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in LIST_KEYS:
            if isinstance(document.get(key), list):
                return document[key]
    raise ParseError('The JSON must be a list of handles or e-mails, or an object with a '
                     '"following" list.')


def _string(value, where: str, key: str) -> str:
    if not isinstance(value, str):
        raise ParseError('%(where)s: "%(key)s" should be text, found %(value)s.', where=where, key=key, value=_JSON_KINDS.get(type(value), "something else"))
    return value


def _from_instagram(item: dict, entry: Entry) -> None:
    """Instagram: the handle is "value" (older exports), else the profile "href"
    (newer ones put the handle in "title" next to it)."""
    data = item.get("string_list_data")
    first = data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else {}
    for key in ("value", "href"):
        if first.get(key):
            entry.handles.append(_string(first[key], entry.where, key))
            return
    if item.get("title"):
        entry.handles.append(_string(item["title"], entry.where, "title"))


def _from_object(item: dict, entry: Entry) -> None:
    if "string_list_data" in item:
        _from_instagram(item, entry)
    for key in HANDLE_KEYS:
        if item.get(key):
            entry.handles.append(_string(item[key], entry.where, key))
            break
    for key in EMAIL_KEYS:
        if item.get(key):
            entry.emails.append(_string(item[key], entry.where, key))
            break
    if not entry.handles and not entry.emails:
        raise ParseError('%(where)s: no handle or e-mail in it (expected a key such as "handle", '
                         '"username", "login" or "email").', where=entry.where)


def _entry(item, index: int) -> Entry:
    entry = Entry(where=f"Entry {index}")
    if isinstance(item, str):
        if not item.strip():
            raise ParseError("%(where)s: empty text.", where=entry.where)
        (entry.emails if looks_like_email(item) else entry.handles).append(item)
    elif isinstance(item, dict):
        _from_object(item, entry)
    else:
        kind = _JSON_KINDS.get(type(item), "something else")
        raise ParseError("%(where)s: expected a handle, an e-mail or an object, found %(kind)s.", where=entry.where, kind=kind)
    return entry


def _check_depth(text: str) -> None:
    """Raise when brackets (outside strings) nest deeper than ``MAX_JSON_DEPTH``."""
    depth = 0
    for match in _BRACKETS.finditer(_STRINGS.sub('""', text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_JSON_DEPTH:
            raise ParseError("The JSON is nested more than %(max)s levels deep; a follow list is a "
                             "flat list of accounts.", max=MAX_JSON_DEPTH)


def _bounded_number(literal: str):
    """JSON numbers, refused when longer than any id (``parse_int``/``parse_float``)."""
    if len(literal.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ParseError("The JSON holds a number of %(count)s characters; numbers in a follow "
                         "list have at most %(max)s.", count=len(literal), max=MAX_NUMBER_DIGITS)
    return float(literal) if any(c in literal for c in ".eE") else int(literal)


def _load(text: str):
    _check_depth(text)
    try:
        return json.loads(text, parse_int=_bounded_number, parse_float=_bounded_number)
    except json.JSONDecodeError as exc:
        raise ParseError("Line %(lineno)s, column %(colno)s: not valid JSON (%(msg)s).", lineno=exc.lineno, colno=exc.colno, msg=exc.msg) from exc
    except RecursionError as exc:  # the depth check should make this unreachable
        raise ParseError("The JSON is nested too deeply.") from exc


def parse_json_follows(text: str, limits: Limits) -> Parsed:
    """The followed accounts of a JSON follow list; errors name the line or the entry.
    Nesting depth and number length are bounded before anything is built."""
    items = _top_list(_load(text))
    entries: list[Entry] = []
    for index, item in enumerate(items, start=1):
        entries.append(_entry(item, index))
        check_entry(entries[-1], len(entries), limits)
    if not entries:
        raise ParseError("The follow list is empty.")
    return Parsed(layout="JSON", entries=entries)
