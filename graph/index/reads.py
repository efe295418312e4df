"""Network reads answered from a ``FriendGraph``: the same answers, in the same order, as the
Cypher in ``graph.network.degrees`` (which stays as the fallback and the reference; the
property tests compare the two and networkx on random graphs).

Orders that break ties by name compare Python strings, as Neo4j compares its strings.
"""
from __future__ import annotations

import numpy as np

from graph.index.friend_graph import FriendGraph

THIRD_OR_MORE = 3


def badges(graph: FriendGraph, viewer_id: str, target_ids: list[str],
           shown: int) -> dict[str, dict]:
    """As ``NetworkRepository.badges``: degree, mutual-friend count and the ``shown``
    closest mutual friends per known target (closeness = friends shared with the viewer,
    then name, then id)."""
    viewer = graph.dense(viewer_id)
    if viewer is None:
        return {}
    friends = graph.friends(viewer)
    friend_set = set(friends.tolist())
    closeness: dict[int, int] = {}
    found: dict[str, dict] = {}
    for target_id in dict.fromkeys(target_ids):
        target = graph.dense(target_id)
        if target is None:
            continue
        if target == viewer:
            found[target_id] = {"id": target_id, "degree": 0, "mutualCount": 0, "mutuals": []}
            continue
        mutual = np.intersect1d(graph.friends(target), friends, assume_unique=True).tolist()
        for m in mutual:
            if m not in closeness:
                closeness[m] = int(np.intersect1d(graph.friends(m), friends,
                                                  assume_unique=True).size)
        ranked = sorted(mutual, key=lambda m: (-closeness[m], graph.name(m), graph.person_id(m)))
        degree = 1 if target in friend_set else 2 if mutual else THIRD_OR_MORE
        found[target_id] = {
            "id": target_id, "degree": degree, "mutualCount": len(mutual),
            "mutuals": [{"id": graph.person_id(m), "name": graph.name(m),
                         "closeness": closeness[m]} for m in ranked[:shown]]}
    return found


def second_degree(graph: FriendGraph, viewer_id: str, skip: int,
                  limit: int) -> tuple[list[dict], int]:
    """As ``NetworkRepository.second_degree`` without the headline: a page of friends of
    friends (most mutual friends first, then name, id) with up to three friends they are
    reached through (by name, id), and the total."""
    viewer = graph.dense(viewer_id)
    if viewer is None:
        return [], 0
    friends = graph.friends(viewer)
    rows = [graph.friends(f) for f in friends.tolist()]
    if not rows:
        return [], 0
    reached = np.concatenate(rows)
    people, counts = np.unique(reached, return_counts=True)
    outside = ~np.isin(people, friends) & (people != viewer)
    people, counts = people[outside], counts[outside]
    total = len(people)
    order = sorted(range(total), key=lambda i: (-int(counts[i]), graph.name(int(people[i])),
                                                graph.person_id(int(people[i]))))
    page = []
    for i in order[skip:skip + limit]:
        person = int(people[i])
        via = np.intersect1d(graph.friends(person), friends, assume_unique=True).tolist()
        via.sort(key=lambda f: (graph.name(f), graph.person_id(f)))
        page.append({"id": graph.person_id(person), "mutualCount": int(counts[i]),
                     "via": [{"id": graph.person_id(f), "name": graph.name(f)} for f in via[:3]]})
    return page, total


def rank_by_closeness(graph: FriendGraph, viewer_id: str,
                      matches: list[dict]) -> list[dict] | None:
    """``matches`` (``{id, name}`` rows) ordered as the people search orders them: the
    viewer, then friends, then friends of friends, then everyone else, each by name and id.
    ``None`` when the viewer is not in the index yet (the caller asks Cypher). A match the
    index does not know yet (joined within the last poll) counts as unconnected."""
    viewer = graph.dense(viewer_id)
    if viewer is None:
        return None
    friends = graph.friends(viewer)
    near = np.zeros(len(graph), dtype=np.int8)  # 0: further; 1: 2nd degree; 2: friend
    rows = [graph.friends(f) for f in friends.tolist()]
    if rows:
        near[np.concatenate(rows)] = 1
    near[friends] = 2

    def closeness(match: dict) -> int:
        member = graph.dense(match["id"])
        if member is None:
            return THIRD_OR_MORE
        if member == viewer:
            return 0
        return (THIRD_OR_MORE, 2, 1)[near[member]]

    # Neo4j sorts a missing name after every name.
    return sorted(matches, key=lambda m: (closeness(m), m["name"] is None, m["name"] or "",
                                          m["id"]))


def two_degree_reach(graph: FriendGraph, viewer_id: str) -> tuple[set[str], set[str]]:
    """The viewer's friends and their friends of friends (neither holds the viewer), as ids."""
    viewer = graph.dense(viewer_id)
    if viewer is None:
        return set(), set()
    friends = graph.friends(viewer)
    rows = [graph.friends(f) for f in friends.tolist()]
    second = np.setdiff1d(np.concatenate(rows), friends) if rows else np.empty(0, np.int32)
    second = second[second != viewer]
    return ({graph.person_id(int(f)) for f in friends},
            {graph.person_id(int(s)) for s in second})
