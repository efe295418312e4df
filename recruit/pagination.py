"""Page numbers from the query string, checked."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request

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
