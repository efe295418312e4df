"""Applying one change of the log to a snapshot (see ``graph.index.changelog`` for what
each kind states)."""
from __future__ import annotations

import json

from graph.index import changelog
from graph.index.snapshot import Snapshot


# Kinds whose member ``a`` (and ``b``) the index adds when it does not know them yet.
MEMBER_KINDS = (changelog.FRIEND_ADDED, changelog.FRIEND_REMOVED, changelog.EMPLOYERS,
                *changelog.AFFILIATION_KINDS)


def apply_change(snapshot: Snapshot, row: dict, names: dict[str, str]) -> None:
    """Make ``snapshot`` state the fact ``row`` records (a no-op when it already does).
    Unknown kinds (from a newer version) are skipped, not fatal."""
    kind, graph = row["kind"], snapshot.graph
    if kind in (changelog.FRIEND_ADDED, changelog.FRIEND_REMOVED):
        a = graph.add_member(row["a"], names.get(row["a"]))
        b = graph.add_member(row["b"], names.get(row["b"]))
        graph.set_friends(a, b, kind == changelog.FRIEND_ADDED)
    elif kind == changelog.PERSON:
        graph.add_member(row["a"], row["name"] or "")
    elif kind == changelog.PERSON_REMOVED:
        graph.remove_member(row["a"])
    elif kind == changelog.EMPLOYERS:
        member = graph.add_member(row["a"], names.get(row["a"]))
        snapshot.jobs.set_employers(member, json.loads(row["data"]))
    elif kind in changelog.AFFILIATION_KINDS:
        member = graph.add_member(row["a"], names.get(row["a"]))
        getattr(snapshot, kind).set_groups(member, json.loads(row["data"]))
    elif kind == changelog.JOB:
        snapshot.jobs.set_job(json.loads(row["data"]))
