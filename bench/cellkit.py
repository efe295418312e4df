"""What the per-viewer cells (Q2 job feed, Q4 people you may know) share: the viewer
groups they sample, and "check that every variant agrees, then time each one"."""
from __future__ import annotations

import logging
import time
from typing import Callable

import numpy as np
from neo4j.exceptions import Neo4jError

from .previous import TIMEOUT_SECONDS
from .registry import Context, Result
from .stats import ratio, summarise, time_calls
from .viewers import strata

logger = logging.getLogger(__name__)


class Mismatch(AssertionError):
    """Two variants gave different answers."""


def viewer_groups(ctx: Context, rng: np.random.Generator,
                  among: np.ndarray | None = None) -> list[tuple[str, list[int]]]:
    """(label, viewers): ``samples`` members drawn uniformly (as traffic comes: most have
    few friends), then a third as many from each friend-count stratum, celebrities
    included (the expensive tail). ``among`` (a boolean mask over members) restricts
    every group to the members a page is for (e.g. who fits: employees); a stratum with
    none of them is left out."""
    data, samples = ctx.data, ctx.settings.samples
    degrees = data.friends.degrees
    if among is None:
        groups = [("random members", rng.integers(0, data.n, samples).tolist())]
    else:
        groups = [("random eligible members",
                   rng.choice(np.flatnonzero(among), size=samples, replace=True).tolist())]
    per = max(30, samples // 3)
    for stratum in strata(data):
        members = stratum.members if among is None else stratum.members[among[stratum.members]]
        if not len(members):
            continue
        groups.append((stratum.describe(degrees),
                       rng.choice(members, size=per, replace=True).tolist()))
    return groups


def check_agreement(label: str, calls: dict[str, Callable], viewers: list[int],
                    reference: str = "csr") -> None:
    """Every variant answers every viewer identically; raises ``Mismatch`` naming the
    first difference. This pass also warms Neo4j's caches for the timed pass."""
    for v in viewers:
        answers = {name: call(v) for name, call in calls.items()}
        expected = answers[reference]
        for name, answer in answers.items():
            if answer != expected:
                raise Mismatch(f"{label}: {name} disagrees with {reference} for member {v}:\n"
                               f"  {name}: {answer}\n  {reference}: {expected}")


def with_ratios(stats: dict) -> dict:
    """For each variant, its p50 and p99 as multiples of each baseline's."""
    return {name: {f"{q}/{base}": ratio(stats[name][q], stats[base][q])
                   for base in ("csr", "networkx") if base in stats and base != name
                   for q in ("p50", "p99")}
            for name in stats}


def measure(ctx: Context, operation: str, calls: dict[str, Callable],
            comparable: dict[str, Callable], groups: list[tuple[str, list[int]]],
            before: Callable | None = None, reference: str = "csr") -> None:
    """Per group: check agreement of ``comparable`` (name -> viewer -> answer) with
    ``reference``'s, then time ``calls`` (name -> viewer -> anything) over the same viewers,
    and add the rows. ``before`` (viewer -> comparable answer) is the query as it was before
    the benchmark work: with ``--before-samples N`` it is timed, and checked against
    ``reference``, on each group's first N."""
    for label, viewers in groups:
        check_agreement(label, comparable, viewers, reference)
        logger.info("%s %s: %d viewers, all variants agree", operation, label, len(viewers))
        args = [(v,) for v in viewers]
        stats = {name: summarise(time_calls(call, args)) for name, call in calls.items()}
        notes = {}
        if before is not None and ctx.settings.before_samples:
            stats["neo4j-before"], notes["neo4j-before"] = measure_before(
                label, before, comparable[reference], viewers[:ctx.settings.before_samples])
        for name, ratios in with_ratios(stats).items():
            ctx.add(Result(operation, ctx.data.n, name, label, stats[name], ratios,
                           notes.get(name, "")))


def measure_before(label: str, before: Callable, reference: Callable,
                   viewers: list[int]) -> tuple[dict, str]:
    """Time the previous query once per viewer, checking each answer against the
    reference's. The server cancels a call after ``TIMEOUT_SECONDS``; the row then says
    so and carries that lower bound."""
    timings = []
    for v in viewers:
        try:
            started = time.perf_counter()
            answer = before(v)
            timings.append(time.perf_counter() - started)
        except Neo4jError as exc:
            if "Terminated" not in (exc.code or "") and "TimedOut" not in (exc.code or ""):
                raise
            logger.warning("%s: previous query cancelled after %d s", label, TIMEOUT_SECONDS)
            return ({"n": 0, "p50": None, "p95": None, "p99": None,
                     "max": TIMEOUT_SECONDS * 1000.0, "mean": None},
                    f"cancelled: a request took over {TIMEOUT_SECONDS} s")
        if answer != reference(v):
            raise Mismatch(f"{label}: the previous query disagrees with the reference "
                           f"for member {v}")
    return summarise(timings), ""
