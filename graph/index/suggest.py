"""People you may know, scored and ordered from the index: the candidates, scores, mutual
counts and order of ``graph.network.suggestions.MATCH_SUGGESTIONS_PAGE``, computed in
memory. The viewer's own links that the index does not hold (pending requests, dismissals,
imported contacts) come in as arguments, read from Neo4j by the repository; so do the
page's rows (names, shared companies and schools, the contact flags).

The score (the repository's docstring states it): 3 × mutual friends + 2 × companies both
have worked at (current or past) + 1 × schools both attended + the contact points. A
company or school counts once per candidate however many positions link them.
"""
from __future__ import annotations

from bisect import insort
from dataclasses import dataclass

import numpy as np

from graph.index.friend_graph import EMPTY, UNRANKED, FriendGraph
from graph.index.snapshot import Snapshot


SHOWN_MUTUALS = 3  # as the Cypher's ``mutuals[..3]``


@dataclass(frozen=True)
class Suggestion:
    """One ranked candidate: who, their score and mutual-friend count, and the viewer's
    friends they share (the first ``SHOWN_MUTUALS`` by name and id)."""

    id: str
    score: int
    mutual_count: int
    mutuals: list[dict]


def order_by_name(graph: FriendGraph, members: np.ndarray) -> list[int]:
    """``members`` in (name, id) order. Snapshot members compare by their precomputed
    rank; members added or renamed since the snapshot (few) are merged in by name."""
    ranks = graph.name_ranks(members)
    ranked = members[ranks != UNRANKED]
    ordered = ranked[np.argsort(ranks[ranks != UNRANKED], kind="stable")].tolist()
    unranked = members[ranks == UNRANKED].tolist()
    if not unranked:
        return ordered
    key = lambda m: (graph.name(m), graph.person_id(m))  # noqa: E731
    for member in unranked:
        insort(ordered, member, key=key)
    return ordered


def _shared_counts(snapshot_part, viewer: int) -> tuple[np.ndarray, np.ndarray]:
    """Members sharing a group with the viewer, and how many groups each shares."""
    people = snapshot_part.members_of_all(snapshot_part.groups_of(viewer))
    return np.unique(people, return_counts=True) if len(people) else (EMPTY, EMPTY)


def rank_suggestions(snapshot: Snapshot, viewer_id: str, weights: dict,
                     excluded_ids: list[str], contact_points: dict[str, int], skip: int,
                     limit: int) -> tuple[list[Suggestion], int] | None:
    """One page of suggestions (score, then name and id) and the total; ``None`` when the
    index does not know the viewer yet (the caller asks Cypher). ``excluded_ids``: members
    with a pending request either way or dismissed; ``contact_points``: the points each
    member the viewer imported earns (address book, each other's, follow list). Contacts
    the index does not know yet (joined within the last poll) wait for the next poll."""
    graph = snapshot.graph
    viewer = graph.dense(viewer_id)
    if viewer is None:
        return None
    friends = graph.friends(viewer)
    rows = [graph.friends(f) for f in friends.tolist()]
    reached = np.concatenate(rows) if rows else EMPTY
    mutual_people, mutual_counts = np.unique(reached, return_counts=True) if len(reached) \
        else (EMPTY, EMPTY)
    company_people, company_counts = _shared_counts(snapshot.companies, viewer)
    school_people, school_counts = _shared_counts(snapshot.schools, viewer)
    contacts = [(graph.dense(cid), points) for cid, points in contact_points.items()]
    contacts = [(d, p) for d, p in contacts if d is not None]
    people = np.concatenate([mutual_people, company_people, school_people,
                             np.array([d for d, _ in contacts], dtype=np.int32)]).astype(np.int64)
    points = np.concatenate([weights["mutual"] * mutual_counts.astype(np.int64),
                             weights["company"] * company_counts.astype(np.int64),
                             weights["school"] * school_counts.astype(np.int64),
                             np.array([p for _, p in contacts], dtype=np.int64)])
    mutual = np.concatenate([mutual_counts.astype(np.int64),
                             np.zeros(len(people) - len(mutual_counts), dtype=np.int64)])
    candidates, inverse = np.unique(people, return_inverse=True)
    scores = np.bincount(inverse, weights=points, minlength=len(candidates)).astype(np.int64)
    mutual = np.bincount(inverse, weights=mutual, minlength=len(candidates)).astype(np.int64)
    excluded = [viewer, *friends.tolist()] + [d for d in map(graph.dense, excluded_ids)
                                              if d is not None]
    keep = ~np.isin(candidates, np.array(excluded, dtype=np.int64))
    candidates, scores, mutual = candidates[keep], scores[keep], mutual[keep]
    return _page(graph, friends, candidates, scores, mutual, skip, limit), len(candidates)


def _page(graph: FriendGraph, friends: np.ndarray, candidates: np.ndarray,
          scores: np.ndarray, mutual: np.ndarray, skip: int, limit: int) -> list[Suggestion]:
    """The page's candidates: score groups from the best down, each group by name and id;
    only the groups the page reaches into are put in order."""
    page: list[int] = []
    seen = 0
    for score in np.unique(scores)[::-1].tolist():
        if seen >= skip + limit:
            break
        group = candidates[scores == score]
        if seen + len(group) > skip:
            ordered = order_by_name(graph, group)
            page += ordered[max(skip - seen, 0):skip + limit - seen]
        seen += len(group)
    found = []
    for member in page:
        shared = np.intersect1d(graph.friends(member), friends, assume_unique=True)
        i = int(np.searchsorted(candidates, member))  # candidates are sorted
        found.append(Suggestion(
            id=graph.person_id(member), score=int(scores[i]), mutual_count=int(mutual[i]),
            mutuals=[{"id": graph.person_id(m), "name": graph.name(m)}
                     for m in order_by_name(graph, shared)[:SHOWN_MUTUALS]]))
    return found
