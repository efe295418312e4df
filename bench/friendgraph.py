"""A seeded friendship graph with the shape of a real social network, built with numpy.

Model (a clustered Chung-Lu graph):
- every member gets a target degree from a truncated power law (exponent ``ALPHA``), a few
  "celebrities" get thousands, and the weights are scaled to the wanted average degree;
- members live in circles (a team, a class, a group of old friends) of a few dozen to a few
  hundred people; most of an ordinary member's friendships are drawn inside their circle,
  the rest across the whole network, each endpoint chosen in proportion to its weight.

Circle-internal edges make friends of friends likely to be friends (clustering far above a
random graph's), the weights give the heavy-tailed degree distribution. Duplicate pairs and
self-loops are dropped, so degrees come out slightly below the weights.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ALPHA = 2.3              # power-law exponent of the ordinary members' degrees
MAX_ORDINARY = 1500      # ordinary members' weight cap; celebrities are above it
CELEBRITY_EVERY = 5000   # one celebrity per this many members (at least 3)
CELEBRITY_RANGE = (2000.0, 8000.0)
LOCAL_SHARE = 0.7        # share of an ordinary member's friendships inside their circle
LOCAL_CAP = 120.0        # nobody has more than about this many friends from one circle
CIRCLE_MEAN = 150.0      # mean circle size (log-normal)


@dataclass
class FriendGraph:
    """The friendships of ``n`` members (0..n-1) as a symmetric CSR adjacency.

    ``indices[indptr[v]:indptr[v + 1]]`` are v's friends, sorted; ``edges`` holds each
    friendship once as ``(low, high)``.
    """

    n: int
    edges: np.ndarray        # (m, 2) int32, low < high, sorted, unique
    indptr: np.ndarray       # (n + 1,) int64
    indices: np.ndarray      # (2m,) int32
    circle: np.ndarray       # (n,) int32: each member's circle
    celebrities: np.ndarray  # member indexes generated as celebrities

    @property
    def degrees(self) -> np.ndarray:
        return np.diff(self.indptr)

    def neighbours(self, v: int) -> np.ndarray:
        """v's friends, sorted."""
        return self.indices[self.indptr[v]:self.indptr[v + 1]]


def degree_weights(rng: np.random.Generator, n: int, mean: float) -> tuple[np.ndarray, np.ndarray]:
    """Target degrees: truncated power law for ordinary members, a few celebrities with
    thousands (capped at a fifth of the network for tiny graphs). Returns (weights,
    celebrity indexes)."""
    cap = min(MAX_ORDINARY, n / 8)
    # Inverse-CDF sampling of a Pareto truncated at ``cap`` (x_min = 1, rescaled below).
    lo, hi = 1.0, cap
    u = rng.random(n)
    a = 1.0 - ALPHA
    weights = (lo ** a + u * (hi ** a - lo ** a)) ** (1.0 / a)
    count = max(3, n // CELEBRITY_EVERY)
    celebrities = rng.choice(n, size=count, replace=False)
    low, high = (min(x, n / 5) for x in CELEBRITY_RANGE)
    weights[celebrities] = np.exp(rng.uniform(np.log(low), np.log(max(high, low)), count))
    ordinary = np.ones(n, dtype=bool)
    ordinary[celebrities] = False
    # Scale the ordinary weights (keeping the cap) so that the whole averages ``mean``.
    wanted = mean * n - weights[celebrities].sum()
    for _ in range(20):
        scale = wanted / weights[ordinary].sum()
        weights[ordinary] = np.minimum(weights[ordinary] * scale, cap)
        if abs(weights[ordinary].sum() - wanted) < 1e-6 * wanted:
            break
    return weights, np.sort(celebrities)


def circles(rng: np.random.Generator, n: int) -> np.ndarray:
    """Each member's circle: log-normal sizes around ``CIRCLE_MEAN``, members shuffled."""
    sigma = 0.6
    sizes = rng.lognormal(np.log(CIRCLE_MEAN) - sigma ** 2 / 2, sigma, n // 10 + 10)
    sizes = np.maximum(sizes.astype(np.int64), 5)
    ends = np.cumsum(sizes)
    count = int(np.searchsorted(ends, n)) + 1
    labels = np.repeat(np.arange(count, dtype=np.int32), sizes[:count])[:n]
    return rng.permutation(labels).astype(np.int32)


def _pick(rng: np.random.Generator, cumulative: np.ndarray, k: int) -> np.ndarray:
    """k indexes drawn in proportion to the weights whose running sum is ``cumulative``."""
    draws = rng.random(k) * cumulative[-1]
    return np.minimum(np.searchsorted(cumulative, draws, side="right"), len(cumulative) - 1)


def _local_edges(rng, circle, local_weight) -> tuple[np.ndarray, np.ndarray]:
    """Edges inside circles: u by weight over everyone, v by weight within u's circle."""
    order = np.argsort(circle, kind="stable")
    cumulative = np.cumsum(local_weight[order])
    sorted_circle = circle[order]
    count = int(circle.max()) + 1
    first = np.searchsorted(sorted_circle, np.arange(count), side="left")
    last = np.searchsorted(sorted_circle, np.arange(count), side="right")
    before = np.concatenate(([0.0], cumulative))
    lo, hi = before[first], before[last]
    k = int(local_weight.sum() / 2)
    u = order[_pick(rng, cumulative, k)]
    c = circle[u]
    draws = lo[c] + rng.random(k) * (hi[c] - lo[c])
    v = order[np.minimum(np.searchsorted(cumulative, draws, side="right"), len(order) - 1)]
    return u, v


def _global_edges(rng, global_weight) -> tuple[np.ndarray, np.ndarray]:
    cumulative = np.cumsum(global_weight)
    k = int(global_weight.sum() / 2)
    return _pick(rng, cumulative, k), _pick(rng, cumulative, k)


def to_csr(n: int, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique undirected edges (low, high) and the symmetric CSR of the pairs (u, v);
    self-loops and repeated pairs are dropped."""
    u, v = u.astype(np.int64), v.astype(np.int64)
    keep = u != v
    low, high = np.minimum(u[keep], v[keep]), np.maximum(u[keep], v[keep])
    keys = low * n + high
    keys.sort()  # sort + compare: much faster than np.unique's hashing at this size
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    edges = np.stack((keys // n, keys % n), axis=1).astype(np.int32)
    both = np.concatenate((keys, (keys % n) * n + keys // n))
    both.sort()
    rows, cols = both // n, both % n
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return edges, indptr, cols.astype(np.int32)


def generate_friendships(n: int, seed: int, mean_degree: float = 50.0) -> FriendGraph:
    """The friendship graph of ``n`` members for ``seed`` (same graph every time)."""
    rng = np.random.default_rng(seed)
    weights, celebrities = degree_weights(rng, n, mean_degree)
    circle = circles(rng, n)
    # Celebrities' friends come from everywhere: a circle holds only so many people.
    local_weight = np.minimum(weights * LOCAL_SHARE, LOCAL_CAP)
    lu, lv = _local_edges(rng, circle, local_weight)
    gu, gv = _global_edges(rng, weights - local_weight)
    u, v = np.concatenate((lu, gu)), np.concatenate((lv, gv))
    edges, indptr, indices = to_csr(n, u, v)
    # Repeated pairs (mostly inside circles) were dropped: top up with network-wide
    # friendships until the average degree is within 2% of the target.
    for _ in range(3):
        missing = int(mean_degree * n / 2) - len(edges)
        if missing < 0.01 * mean_degree * n:
            break
        extra = (weights - local_weight) * (2 * missing / (weights - local_weight).sum())
        eu, ev = _global_edges(rng, extra)
        u, v = np.concatenate((u, eu)), np.concatenate((v, ev))
        edges, indptr, indices = to_csr(n, u, v)
    return FriendGraph(n=n, edges=edges, indptr=indptr, indices=indices, circle=circle,
                       celebrities=celebrities)


def clustering_sample(graph: FriendGraph, rng: np.random.Generator, k: int = 500) -> float:
    """Average local clustering coefficient over ``k`` random members of degree >= 2."""
    degrees = graph.degrees
    candidates = np.flatnonzero(degrees >= 2)
    chosen = rng.choice(candidates, size=min(k, len(candidates)), replace=False)
    mark = np.zeros(graph.n, dtype=bool)
    total = 0.0
    for v in chosen:
        friends = graph.neighbours(v)
        mark[friends] = True
        links = sum(int(mark[graph.neighbours(f)].sum()) for f in friends) / 2
        mark[friends] = False
        d = len(friends)
        total += links / (d * (d - 1) / 2)
    return total / len(chosen)
