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


# What can tell two openings with one title at one company apart, in the order a card
# shows it.
_JOB_DISTINCTIONS = (
    ("city", lambda job: job.get("city") or ""),
    ("team", lambda job: job.get("team") or ""),
    ("posted", lambda job: (job.get("createdAt") or "")[:10]),
    ("remote", lambda job: job.get("remote") or ""),
    ("seniority", lambda job: job.get("seniority") or ""),
    ("salary", lambda job: (job.get("currency"), job.get("salaryMin"), job.get("salaryMax"))),
)


def tell_jobs_apart(rows: list[dict]) -> list[dict]:
    """Mark the job rows (``{job, company, ...}``) that share a title and a company with
    another row of the list: each gets ``tellApart``, the ``(kind, value)`` pairs whose
    values differ within its group (city, team, posted date, ...), or ``("ref", id)``
    when nothing does, so two "ML Engineer at Acme Cloud" cards never look the same."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        key = ((row["job"].get("title") or "").casefold(), row["company"]["id"])
        groups.setdefault(key, []).append(row)
    marked = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        differing = [(kind, value) for kind, value in _JOB_DISTINCTIONS
                     if len({value(r["job"]) for r in group}) > 1]
        shown = [[(kind, value(row["job"])) for kind, value in differing
                  if kind != "salary" and value(row["job"])] for row in group]
        for row, pairs in zip(group, shown):
            # Still alike another card of the group (or nothing to show): the reference.
            if not pairs or shown.count(pairs) > 1:
                pairs = pairs + [("ref", row["job"]["id"][:8])]
            marked[id(row)] = pairs
    return [{**row, "tellApart": marked[id(row)]} if id(row) in marked else row
            for row in rows]
