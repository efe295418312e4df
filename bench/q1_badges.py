"""Q1: degree badges with mutual-friend counts for a list of 50 people.

Neo4j is measured through the app's own ``NetworkRepository.badges`` (driver, session and
transaction included: what a page pays). Before timing, every sampled request is answered
by every variant and the answers must be identical; that pass also warms the caches.
"""
from __future__ import annotations

import logging

import numpy as np

from graph.network import NetworkRepository

from .baselines import comparable
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

    found = {"neo4j": neo4j, "csr": baseline(ctx.csr)}
    if ctx.networkx is not None:
        found["networkx"] = baseline(ctx.networkx)
    return found


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
    """For each viewer stratum: sample requests, check agreement, time each variant."""
    rng = np.random.default_rng([ctx.settings.seed, 101])
    calls = variants(ctx)
    degrees = ctx.data.friends.degrees
    for stratum in strata(ctx.data):
        requests = sample_requests(ctx.data, rng, stratum, ctx.settings.samples,
                                   ctx.settings.targets)
        check_agreement(calls, requests)
        logger.info("Q1 %s: %d requests, all variants agree", stratum.describe(degrees),
                    len(requests))
        stats = {name: summarise(time_calls(call, requests)) for name, call in calls.items()}
        for name, summary in stats.items():
            ratios = {f"p50 vs {base}": ratio(summary["p50"], stats[base]["p50"])
                      for base in stats if base != name and base != "neo4j"}
            ctx.add(Result(OPERATION, ctx.data.n, name, stratum.describe(degrees), summary,
                           ratios))
