"""networkx analyses: pure functions over data the repositories return (never a driver).

Each function builds its own graph from plain ids and edges and returns plain data.

Communities
-----------
``ego_communities`` finds groups among a member's friends (Louvain, fixed seed) and
``dominant_affiliation`` names each group by the company or school most of it shares.

Influence
---------
A member's influence combines how central they are in the friendship graph with how
many friends they have::

    influence(m) = 0.7 * pagerank(m) / max(pagerank) + 0.3 * degree(m) / max(degree)

PageRank (damping 0.85) runs on the undirected friendship graph, so a member counts for
more when their friends are themselves well connected; the degree term rewards plain
reach. Both terms are scaled to [0, 1], so the score is in [0, 1].

Levels go by percentile: a member's percentile is the share of members whose score is
strictly lower (so equal scores share a level), and the level is 1 plus the number of
``LEVEL_PERCENTILES`` bounds it reaches: bottom 40% level 1, then up to 70% level 2, up
to 88% level 3, up to 97% level 4, the top 3% level 5. A member without friends is
level 1 whatever the distribution.

A member who joined after the last batch run gets a provisional level at once from
their friend count, placed against the friend counts at the same percentiles in that
run (``degree_cutoffs`` / ``provisional_level``); the next batch replaces it.
"""
from __future__ import annotations

import logging
import math
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

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
PAGERANK_WEIGHT = 0.7
DEGREE_WEIGHT = 0.3
PAGERANK_ALPHA = 0.85
LEVEL_PERCENTILES = (0.40, 0.70, 0.88, 0.97)  # lower bounds of levels 2, 3, 4, 5
LEVEL_COUNT = len(LEVEL_PERCENTILES) + 1
LOWEST_LEVEL = 1
# Scores are rounded before ranking so that members in symmetric positions, whose
# PageRank differs only by floating-point noise, count as equal.
SCORE_DIGITS = 12


@dataclass(frozen=True)
class Influence:
    """The result of one influence run: score and level per member id, and the friend
    counts at the level percentiles (for provisional levels of newcomers)."""

    scores: dict[str, float] = field(default_factory=dict)
    levels: dict[str, int] = field(default_factory=dict)
    degrees: dict[str, int] = field(default_factory=dict)
    degree_cutoffs: list[int] = field(default_factory=list)


def friendship_graph(member_ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> nx.Graph:
    """An undirected graph of every member (friendless ones included) and friendship."""
    graph = nx.Graph()
    graph.add_nodes_from(member_ids)
    graph.add_edges_from(edges)
    return graph


def influence_scores(graph: nx.Graph) -> dict[str, float]:
    """The influence score in [0, 1] of every node (see the module docstring)."""
    if graph.number_of_nodes() == 0:
        return {}
    pagerank = nx.pagerank(graph, alpha=PAGERANK_ALPHA)
    top_rank = max(pagerank.values()) or 1.0
    top_degree = max((d for _, d in graph.degree()), default=0) or 1
    return {node: round(PAGERANK_WEIGHT * pagerank[node] / top_rank
                        + DEGREE_WEIGHT * graph.degree(node) / top_degree, SCORE_DIGITS)
            for node in graph.nodes}


def level_for_percentile(percentile: float) -> int:
    """The level (1..LEVEL_COUNT) of a member whose score beats ``percentile`` of all."""
    return LOWEST_LEVEL + sum(1 for bound in LEVEL_PERCENTILES if percentile >= bound)


def percentile_levels(scores: dict[str, float], degrees: dict[str, int]) -> dict[str, int]:
    """Level per member from the percentile of their score; friendless members are level 1."""
    ordered = sorted(scores.values())
    count = len(ordered)
    levels = {}
    for member, score in scores.items():
        below = bisect_left(ordered, score)  # members with a strictly lower score
        level = level_for_percentile(below / count)
        levels[member] = LOWEST_LEVEL if degrees.get(member, 0) == 0 else level
    return levels


def degree_cutoffs(degrees: dict[str, int]) -> list[int]:
    """The friend count at each level percentile bound (at least 1): a newcomer with at
    least that many friends is provisionally placed at or above that level."""
    ordered = sorted(degrees.values())
    if not ordered:
        return [1] * len(LEVEL_PERCENTILES)
    last = len(ordered) - 1
    return [max(1, ordered[min(last, math.ceil(bound * len(ordered)))])
            for bound in LEVEL_PERCENTILES]


def provisional_level(degree: int, cutoffs: list[int] | None) -> int:
    """A newcomer's level from their friend count, before the next batch run: level 1
    without friends or without any run yet, else placed against the run's cutoffs."""
    if degree <= 0 or not cutoffs:
        return LOWEST_LEVEL
    return LOWEST_LEVEL + sum(1 for cutoff in cutoffs if degree >= cutoff)


def compute_influence(member_ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> Influence:
    """Scores, levels and provisional-level cutoffs for the whole friendship graph."""
    graph = friendship_graph(member_ids, edges)
    scores = influence_scores(graph)
    degrees = dict(graph.degree())
    levels = percentile_levels(scores, degrees)
    logger.info("influence computed for %d members, %d friendships",
                graph.number_of_nodes(), graph.number_of_edges())
    return Influence(scores=scores, levels=levels, degrees=degrees,
                     degree_cutoffs=degree_cutoffs(degrees))
