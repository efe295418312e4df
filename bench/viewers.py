"""Who looks, and at whom: viewers sampled across the degree distribution, and target
lists shaped like the app's lists of people."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .dataset import Dataset


@dataclass(frozen=True)
class Stratum:
    """A group of viewers by friend count."""

    name: str
    members: np.ndarray

    def describe(self, degrees: np.ndarray) -> str:
        d = degrees[self.members]
        return f"{self.name} ({len(self.members)} members, {d.min()}-{d.max()} friends)"


def strata(data: Dataset) -> list[Stratum]:
    """Viewers by friend count: up to the median, median to p90, p90 to p99, above p99
    (ordinary hubs), and the generated celebrities (thousands of friends)."""
    degrees = data.friends.degrees
    celebrity = np.zeros(data.n, dtype=bool)
    celebrity[data.friends.celebrities] = True
    p50, p90, p99 = np.percentile(degrees[~celebrity], [50, 90, 99])
    bands = [("deg<=p50", degrees <= p50), ("p50-p90", (degrees > p50) & (degrees <= p90)),
             ("p90-p99", (degrees > p90) & (degrees <= p99)), ("top1%", degrees > p99)]
    groups = [Stratum(name, np.flatnonzero(mask & ~celebrity)) for name, mask in bands]
    groups.append(Stratum("celebrity", np.sort(data.friends.celebrities)))
    return [g for g in groups if len(g.members)]


def targets_for(data: Dataset, rng: np.random.Generator, viewer: int, count: int = 50,
                friends: int = 10, second: int = 20) -> list[int]:
    """A list of ``count`` people as a page would show them: some of the viewer's friends,
    some friends of friends, the rest anyone (mostly strangers in a large network)."""
    f = data.friends
    mine = f.neighbours(viewer)
    chosen: dict[int, None] = {}
    if len(mine):
        for m in rng.choice(mine, size=min(friends, len(mine)), replace=False).tolist():
            chosen[m] = None
        # Friends of friends: a random friend, then one of theirs who is not a friend.
        mine_set = set(mine.tolist())
        for _ in range(second * 4):
            if len(chosen) >= friends + second:
                break
            via = f.neighbours(int(rng.choice(mine)))
            if len(via):
                t = int(rng.choice(via))
                if t != viewer and t not in mine_set:
                    chosen[t] = None
    while len(chosen) < count:
        chosen[int(rng.integers(0, data.n))] = None
    return list(chosen)[:count]


def sample_requests(data: Dataset, rng: np.random.Generator, stratum: Stratum,
                    samples: int, count: int = 50) -> list[tuple[int, list[int]]]:
    """``samples`` (viewer, targets) pairs with viewers drawn at random from ``stratum``."""
    viewers = rng.choice(stratum.members, size=samples, replace=True)
    return [(int(v), targets_for(data, rng, int(v), count)) for v in viewers]
