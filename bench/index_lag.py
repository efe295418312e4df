"""The change log's lag under a write load: how long after a friendship change commits
another process's index has applied it, while that index also serves the job feed.

A writer thread makes and ends friendships between members who are not friends, at
``--write-rate`` changes per second for ``--lag-seconds`` (through ``FriendshipRepository``:
request, accept; later, remove), and leaves the graph as it found it (every friendship it
made is ended again). A second ``NetworkIndex`` (as in another app process: its own
snapshot, polling the log every 0.5 s as the app does) records when it applies each change;
meanwhile a reader thread runs the feed on that index (``JobFeedRepository``, the page's
path) for random members. The lag of a change is applied-time minus commit-time (the
writer's call returned). The writer's changes are the only ones logged during the cell:
run it on the bench database, not a live one.
"""
from __future__ import annotations

import logging
import threading
import time

import numpy as np

from graph.index import NetworkIndex
from graph.jobs.feed import JobFeedRepository, JobFilters
from graph.network.friends import FriendshipRepository

from .registry import Context, Result, register
from .stats import summarise

logger = logging.getLogger(__name__)

OPERATION = "change-log lag"


def _strangers(ctx: Context, rng: np.random.Generator, count: int) -> list[tuple[int, int]]:
    """``count`` distinct pairs of members who are not friends (nor the same member)."""
    friends, pairs, seen = ctx.data.friends, [], set()
    while len(pairs) < count:
        a, b = (int(x) for x in rng.integers(0, ctx.data.n, 2))
        key = (min(a, b), max(a, b))
        if a == b or key in seen:
            continue
        row = friends.indices[friends.indptr[a]:friends.indptr[a + 1]]
        if b in row:
            continue
        seen.add(key)
        pairs.append((a, b))
    return pairs


def _write_load(ctx: Context, pairs, commits: list[float], stop: threading.Event) -> None:
    """Make friendships at the chosen rate, ending each after the next one is made; one
    logged change per commit, appended to ``commits`` as its commit time."""
    ids, rate = ctx.data.ids, ctx.settings.write_rate
    friends = FriendshipRepository(ctx.driver, ctx.settings.database)
    started = time.perf_counter()
    made: list[tuple[str, str]] = []
    for a, b in pairs:
        if stop.is_set():
            break
        due = started + len(commits) / rate
        time.sleep(max(0.0, due - time.perf_counter()))
        if made and len(commits) % 2:
            friends.remove(*made.pop())
        else:
            friends.send_request(ids[a], ids[b])
            friends.accept(ids[b], ids[a])
            made.append((ids[a], ids[b]))
        commits.append(time.perf_counter())
    for pair in made:  # leave the bench data as it was (these changes are not timed)
        friends.remove(*pair)


def _read_load(ctx: Context, index: NetworkIndex, rng, timings: list[float],
               stop: threading.Event) -> None:
    feed = JobFeedRepository(ctx.driver, ctx.settings.database, index)
    while not stop.is_set():
        viewer = ctx.data.ids[int(rng.integers(0, ctx.data.n))]
        started = time.perf_counter()
        feed.feed(viewer, JobFilters(), 0, 20)
        timings.append(time.perf_counter() - started)


@register("lag", "Change-log lag of another process's index under friendship writes")
def run(ctx: Context) -> None:
    """Write at the chosen rate while a second index applies the log and serves reads."""
    settings = ctx.settings
    rng = np.random.default_rng([settings.seed, 606])
    index = NetworkIndex(ctx.driver, settings.database)  # polls every 0.5 s, as the app
    index.rebuild()
    first_seq = index.cursor + 1
    applied: dict[int, float] = {}
    index.on_apply = lambda seq: applied.setdefault(seq, time.perf_counter())
    count = int(settings.write_rate * settings.lag_seconds)
    pairs = _strangers(ctx, rng, count)
    commits: list[float] = []
    feed_timings: list[float] = []
    most_behind = [0]
    stop = threading.Event()
    index.start()
    reader = threading.Thread(target=_read_load, args=(ctx, index, rng, feed_timings, stop))
    writer = threading.Thread(target=_write_load, args=(ctx, pairs, commits, stop))
    reader.start()
    writer.start()
    while writer.is_alive():
        lag = index.status().get("lag")
        most_behind[0] = max(most_behind[0], lag or 0)
        writer.join(0.25)
    deadline = time.perf_counter() + 30
    while len([s for s in applied if s < first_seq + len(commits)]) < len(commits) \
            and time.perf_counter() < deadline:
        time.sleep(0.05)
    stop.set()
    reader.join()
    index.stop()
    lags = [applied[first_seq + i] - t for i, t in enumerate(commits) if first_seq + i in applied]
    missing = len(commits) - len(lags)
    span = (max(applied.values()) - min(applied.values())) if len(applied) > 1 else 0.0
    summary = summarise(lags) if lags else {"p50": None, "p99": None, "max": None}
    feed = summarise(feed_timings) if feed_timings else {"p50": None, "p99": None}
    stats = {"changes": len(commits), "appliedPerSecond": round(len(lags) / span, 1) if span else None,
             "p50": summary["p50"], "p99": summary["p99"], "max": summary["max"],
             "mostBehind": most_behind[0], "feedReads": len(feed_timings),
             "feedP50": feed["p50"], "feedP99": feed["p99"]}
    ctx.add(Result(OPERATION, ctx.data.n, "lag",
                   f"{settings.write_rate:g} changes/s for {settings.lag_seconds:g} s", stats,
                   notes=f"{missing} not applied within 30 s" if missing else ""))
