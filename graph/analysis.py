"""networkx analyses: pure functions over data the repositories return (no driver here).

Each function builds its own graph from plain ids and edges and returns plain data, so
several analyses (communities here, influence elsewhere) can live side by side.
"""
from __future__ import annotations

import logging
from collections import Counter

import networkx as nx

logger = logging.getLogger(__name__)

COMMUNITY_SEED = 7
MIN_COMMUNITY_SIZE = 3


def ego_communities(members: list[str], edges: list[tuple[str, str]],
                    seed: int = COMMUNITY_SEED,
                    min_size: int = MIN_COMMUNITY_SIZE) -> list[list[str]]:
    """Communities among a member's friends (the member left out: they touch everyone
    and would glue all groups together), by Louvain modularity with a fixed seed.

    ``members`` are the friends' ids and ``edges`` the friendships among them. Returns
    groups of at least ``min_size`` ids, each sorted, largest group first (ties by first
    id). Nodes and edges are added in sorted order so the same input gives the same
    groups on every run."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(set(members)))
    known = set(members)
    graph.add_edges_from(sorted(tuple(sorted(edge)) for edge in edges
                                if edge[0] in known and edge[1] in known
                                and edge[0] != edge[1]))
    if graph.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(graph, seed=seed)
    groups = [sorted(group) for group in found if len(group) >= min_size]
    return sorted(groups, key=lambda group: (-len(group), group[0]))


def dominant_affiliation(group: list[str],
                         affiliations: dict[str, list[str]]) -> tuple[str, int] | None:
    """The company or school name that most members of ``group`` share, with how many
    share it; None unless at least two do. ``affiliations`` maps an id to the names of
    its companies and schools (each member counts once per name). Ties go by name."""
    counts = Counter(name for member in group for name in set(affiliations.get(member, ())))
    if not counts:
        return None
    name, count = min(counts.items(), key=lambda item: (-item[1], item[0]))
    return (name, count) if count >= 2 else None
