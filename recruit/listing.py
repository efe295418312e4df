"""Helpers for the lists every blueprint shows: page numbers from the query string, checked,
and the viewer's degree badges on a list of people."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request
from flask_login import current_user

from .extensions import graph

MAX_PAGE = 10_000


@dataclass(frozen=True)
class Page:
    """A requested page: 1-based ``number``, ``size`` rows."""

    number: int
    size: int

    @property
    def skip(self) -> int:
        return (self.number - 1) * self.size

    def pages_for(self, total: int) -> int:
        """How many pages ``total`` rows make (at least 1)."""
        return max(1, -(-total // self.size))


def requested_page(arg: str = "page") -> Page:
    """The page asked for in ``?page=``; nonsense becomes page 1 rather than an error."""
    raw = request.args.get(arg, "1")
    number = int(raw) if raw.isdigit() else 1
    return Page(number=min(max(number, 1), MAX_PAGE), size=current_app.config["PAGE_SIZE"])


def with_badges(rows: list[dict], key: str = "id") -> list[dict]:
    """Attach the viewer's degree badge to each row, in one query for the whole list."""
    badges = graph().network.badges(current_user.id, [row[key] for row in rows])
    return [{**row, "badge": badges.get(row[key])} for row in rows]
