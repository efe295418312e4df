"""In-process baselines for the graph operations: the same answers as the app's Neo4j
queries, from a compact CSR adjacency (numpy/scipy, the near-physical reference) and from
networkx (what a Python service holding the graph in memory would do).

Badges follow ``graph.network.degrees.MATCH_BADGES`` exactly: degree 0 (the viewer), 1 (friend),
2 (at least one mutual friend), 3 (3rd+); the mutual friends ordered by closeness to the
viewer (friends the two share), then name, then id, the first ``shown`` of them.
"""
from __future__ import annotations

import logging
import time

import networkx as nx
import numpy as np
import scipy.sparse as sp

from .dataset import Dataset

logger = logging.getLogger(__name__)


def _badge(data: Dataset, degree: int, scored: list[tuple[int, int]], shown: int) -> dict:
    """A badge in the app's shape from (closeness, member) pairs of mutual friends."""
    names, ids = data.names, data.ids
    scored.sort(key=lambda p: (-p[0], names[p[1]], ids[p[1]]))
    return {"degree": degree, "mutualCount": len(scored),
            "mutuals": [{"id": ids[m], "name": names[m], "closeness": c}
                        for c, m in scored[:shown]]}


class CsrBadges:
    """Badges from a scipy CSR adjacency with sorted neighbour arrays, using a reusable
    boolean mark of the viewer's friends: each membership test is one array lookup."""

    name = "csr"

    def __init__(self, data: Dataset):
        f = data.friends
        self.data = data
        self.matrix = sp.csr_matrix(
            (np.ones(len(f.indices), dtype=np.bool_), f.indices, f.indptr), shape=(f.n, f.n))
        self.indptr, self.indices = self.matrix.indptr, self.matrix.indices
        self.mark = np.zeros(f.n, dtype=np.bool_)

    def _friends(self, v: int) -> np.ndarray:
        return self.indices[self.indptr[v]:self.indptr[v + 1]]

    def badges(self, viewer: int, targets: list[int], shown: int = 3) -> dict[int, dict]:
        """Badges of ``targets`` (member indexes) as seen by ``viewer``."""
        friends, mark = self._friends(viewer), self.mark
        mark[friends] = True
        closeness: dict[int, int] = {}
        result = {}
        try:
            for t in dict.fromkeys(targets):
                if t == viewer:
                    result[t] = _badge(self.data, 0, [], shown)
                    continue
                theirs = self._friends(t)
                mutual = theirs[mark[theirs]].tolist()
                for m in mutual:
                    if m not in closeness:
                        closeness[m] = int(np.count_nonzero(mark[self._friends(m)]))
                degree = 1 if mark[t] else 2 if mutual else 3
                result[t] = _badge(self.data, degree, [(closeness[m], m) for m in mutual], shown)
        finally:
            mark[friends] = False
        return result


class NetworkxBadges:
    """Badges from a networkx graph with set intersections of adjacency views."""

    name = "networkx"

    def __init__(self, data: Dataset):
        started = time.perf_counter()
        self.data = data
        self.graph = nx.Graph()
        self.graph.add_nodes_from(range(data.n))
        self.graph.add_edges_from(data.friends.edges.tolist())
        self.build_seconds = time.perf_counter() - started
        logger.info("networkx graph built in %.1f s", self.build_seconds)

    def badges(self, viewer: int, targets: list[int], shown: int = 3) -> dict[int, dict]:
        """Badges of ``targets`` (member indexes) as seen by ``viewer``."""
        g = self.graph
        friends = g[viewer].keys()
        closeness: dict[int, int] = {}
        result = {}
        for t in dict.fromkeys(targets):
            if t == viewer:
                result[t] = _badge(self.data, 0, [], shown)
                continue
            mutual = friends & g[t].keys()
            for m in mutual:
                if m not in closeness:
                    closeness[m] = len(friends & g[m].keys())
            degree = 1 if t in friends else 2 if mutual else 3
            result[t] = _badge(self.data, degree, [(closeness[m], m) for m in mutual], shown)
        return result


def comparable(badges: dict) -> dict:
    """Badges reduced to what must agree across variants: degree, mutual count, and the
    shown mutual friends in order with their closeness."""
    return {key: (b["degree"], b["mutualCount"],
                  tuple((m["id"], m["closeness"]) for m in b["mutuals"]))
            for key, b in badges.items()}
