"""JSON follow lists: the shapes social networks and their APIs export.

Accepted: a list of strings (handles or e-mails); a list of objects with a handle-like
key ("handle", "username", "screen_name", "login") and/or "email" (GitHub's API returns
"login"); Instagram's export ({"relationships_following": [{"string_list_data":
[{"value": ...}]}]}); or an object holding such a list under "following"/"follows"/"users".
"""
from __future__ import annotations

import json

from ..normalise import looks_like_email
from .common import Entry, Limits, ParseError, Parsed, check_entry

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
        raise ParseError(f'{where}: "{key}" should be text, found '
                         f'{_JSON_KINDS.get(type(value), "something else")}.')
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
        raise ParseError(f"{entry.where}: no handle or e-mail in it (expected a key such as "
                         '"handle", "username", "login" or "email").')


def _entry(item, index: int) -> Entry:
    entry = Entry(where=f"Entry {index}")
    if isinstance(item, str):
        if not item.strip():
            raise ParseError(f"{entry.where}: empty text.")
        (entry.emails if looks_like_email(item) else entry.handles).append(item)
    elif isinstance(item, dict):
        _from_object(item, entry)
    else:
        kind = _JSON_KINDS.get(type(item), "something else")
        raise ParseError(f"{entry.where}: expected a handle, an e-mail or an object, "
                         f"found {kind}.")
    return entry


def parse_json_follows(text: str, limits: Limits) -> Parsed:
    """The followed accounts of a JSON follow list; errors name the line or the entry."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"Line {exc.lineno}, column {exc.colno}: not valid JSON "
                         f"({exc.msg}).") from exc
    items = _top_list(document)
    entries: list[Entry] = []
    for index, item in enumerate(items, start=1):
        entries.append(_entry(item, index))
        check_entry(entries[-1], len(entries), limits)
    if not entries:
        raise ParseError("The follow list is empty.")
    return Parsed(layout="JSON", entries=entries)
