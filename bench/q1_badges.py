"""Q1: degree badges with mutual-friend counts for a list of 50 people.

Neo4j is measured through the app's own ``NetworkRepository.badges`` (driver, session and
transaction included: what a page pays). Before timing, every sampled request is answered
by every variant and the answers must be identical; that pass also warms the caches.
"""
from __future__ import annotations

import logging

import numpy as np
from neo4j.exceptions import Neo4jError

from graph.network.degrees import NetworkRepository

from .baselines import comparable
from .previous import TIMEOUT_SECONDS, PreviousBadges
from .registry import Context, Result, register
from .stats import ratio, summarise, time_calls
from .viewers import sample_requests, strata

logger = logging.getLogger(__name__)

OPERATION = "Q1 badges, 50 targets"


class Mismatch(AssertionError):
    """Two variants gave different answers."""


def variants(ctx: Context) -> dict:
    """name -> badges(viewer index, target indexes) returning comparable answers by id."""
    data = ctx.data
    network = NetworkRepository(ctx.driver, ctx.settings.database)

    def neo4j(viewer, targets):
        return network.badges(data.ids[viewer], [data.ids[t] for t in targets])

    def baseline(impl):
        def call(viewer, targets):
            return {data.ids[k]: b for k, b in impl.badges(viewer, targets).items()}
        return call

    indexed = NetworkRepository(ctx.driver, ctx.settings.database, ctx.network_index)

    def app(viewer, targets):  # exactly the web pages' path: the repository on the index
        return indexed.badges(data.ids[viewer], [data.ids[t] for t in targets])

    found = {"neo4j": neo4j, "app": app, "csr": baseline(ctx.csr)}
    if ctx.networkx is not None:
        found["networkx"] = baseline(ctx.networkx)
    return found


def previous_variant(ctx: Context):
    """The query as it was before the Q1 work (``bench.previous``), called the same way."""
    data, previous = ctx.data, PreviousBadges(ctx.driver, ctx.settings.database)

    def neo4j_before(viewer, targets):
        return previous.badges(data.ids[viewer], [data.ids[t] for t in targets])
    return neo4j_before


def with_ratios(stats: dict) -> dict:
    """For each variant, its p50 and p99 as multiples of each baseline's."""
    out = {}
    for name in stats:
        out[name] = {f"{q}/{base}": ratio(stats[name][q], stats[base][q])
                     for base in ("csr", "networkx") if base in stats and base != name
                     for q in ("p50", "p99")}
    return out


def check_agreement(calls: dict, requests: list) -> None:
    """Every variant answers every request identically (degree, mutual count, and the
    shown mutual friends in order with their closeness); raises ``Mismatch``."""
    for viewer, targets in requests:
        answers = {name: comparable(call(viewer, targets)) for name, call in calls.items()}
        reference = answers["csr"]
        for name, answer in answers.items():
            if answer != reference:
                diff = sorted(k for k in set(answer) | set(reference)
                              if answer.get(k) != reference.get(k))[:3]
                raise Mismatch(f"{name} disagrees with csr for viewer {viewer}: "
                               + "; ".join(f"{k}: {answer.get(k)} != {reference.get(k)}"
                                           for k in diff))


@register("q1", OPERATION)
def run(ctx: Context) -> None:
    """For each viewer stratum: sample requests, check that every variant gives the same
    answers (which warms the caches), then time each variant over the same requests."""
    rng = np.random.default_rng([ctx.settings.seed, 101])
    calls = variants(ctx)
    degrees = ctx.data.friends.degrees
    before = ctx.settings.before_samples
    for stratum in strata(ctx.data):
        requests = sample_requests(ctx.data, rng, stratum, ctx.settings.samples,
                                   ctx.settings.targets)
        check_agreement(calls, requests)
        logger.info("Q1 %s: %d requests, all variants agree", stratum.describe(degrees),
                    len(requests))
        stats = {name: summarise(time_calls(call, requests)) for name, call in calls.items()}
        notes = {}
        if before:
            stats["neo4j-before"], notes["neo4j-before"] = measure_previous(
                ctx, calls["csr"], requests[:before])
        for name, ratios in with_ratios(stats).items():
            ctx.add(Result(OPERATION, ctx.data.n, name, stratum.describe(degrees), stats[name],
                           ratios, notes.get(name, "")))


def measure_previous(ctx: Context, csr, requests: list) -> tuple[dict, str]:
    """The previous query on a prefix of the same requests (it is slow), checked against
    the CSR answers first. A request over the server-side timeout ends the measurement:
    the row then says so and carries the lower bound."""
    old = {"csr": csr, "neo4j-before": previous_variant(ctx)}
    try:
        check_agreement(old, requests)
        return summarise(time_calls(old["neo4j-before"], requests)), ""
    except Neo4jError as exc:
        if "Terminated" not in (exc.code or "") and "TimedOut" not in (exc.code or ""):
            raise
        logger.warning("previous badges query cancelled after %d s", TIMEOUT_SECONDS)
        bound = TIMEOUT_SECONDS * 1000.0
        return ({"n": 0, "p50": None, "p95": None, "p99": None, "max": bound, "mean": None},
                f"cancelled: a request took over {TIMEOUT_SECONDS} s")
