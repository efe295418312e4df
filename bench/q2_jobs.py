"""Q2: jobs within two degrees, the top 20 with their paths (the /jobs feed).

Neo4j is measured through the app's own ``JobFeedRepository.feed`` (no filters, page 1
of 20, a fixed "now"). The baselines (``bench.feed_baselines``) compute the same feed from
the generated data; before timing, every sampled viewer's top 20 (job ids, 1st/2nd
connection counts, best path, via, score) and feed total must be identical.
"""
from __future__ import annotations

import logging

import numpy as np

from graph.jobs.feed import KINDS, JobFeedRepository, JobFilters

from .cellkit import measure, viewer_groups
from .previous import PreviousJobFeed
from .feed_baselines import NOW, CsrFeed, FeedRow, JobIndex, NetworkxFeed
from .registry import Context, register

logger = logging.getLogger(__name__)

OPERATION = "Q2 jobs within two degrees, top 20 with paths"
PAGE = 20
KIND_OF = {name: kind for kind, name in KINDS.items()}


def neo4j_row(row: dict) -> FeedRow:
    """A repository feed row reduced like the baselines' rows."""
    path = row["path"]
    return FeedRow(row["job"]["id"], row["firstCount"], row["secondCount"], path["degree"],
                   KIND_OF[path["kind"]], path["target"]["id"],
                   path["via"]["id"] if path["via"] else None, row["score"])


def neo4j_variant(ctx: Context, repository: JobFeedRepository) -> tuple:
    """(timed call, comparable call) through ``repository``: viewer index -> answer."""
    data = ctx.data

    def neo4j(v):
        return repository.feed(data.ids[v], JobFilters(), 0, PAGE, now=NOW)

    def neo4j_comparable(v):
        rows, total = neo4j(v)
        return [r.key() for r in map(neo4j_row, rows)], total
    return neo4j, neo4j_comparable


def variants(ctx: Context) -> tuple[dict, dict]:
    """(timed calls, comparable calls): name -> viewer index -> answer."""
    data = ctx.data
    neo4j, neo4j_comparable = neo4j_variant(
        ctx, JobFeedRepository(ctx.driver, ctx.settings.database))
    app, app_comparable = neo4j_variant(  # the web page's path: the repository on the index
        ctx, JobFeedRepository(ctx.driver, ctx.settings.database, ctx.network_index))
    index = JobIndex(data)
    impls = [CsrFeed(data, index)]
    if ctx.networkx is not None:
        impls.append(NetworkxFeed(data, index, ctx.networkx.graph))
    calls = {"neo4j": neo4j, "app": app}
    comparable = {"neo4j": neo4j_comparable, "app": app_comparable}
    for impl in impls:
        calls[impl.name] = lambda v, impl=impl: impl.feed(v, PAGE)
        comparable[impl.name] = lambda v, impl=impl: (
            [r.key() for r in impl.feed(v, PAGE)[0]], impl.feed(v, PAGE)[1])
    return calls, comparable


@register("q2", OPERATION)
def run(ctx: Context) -> None:
    """Sample viewers (uniform, and per friend-count stratum), check, time."""
    rng = np.random.default_rng([ctx.settings.seed, 202])
    calls, comparable = variants(ctx)
    before = neo4j_variant(ctx, PreviousJobFeed(ctx.driver, ctx.settings.database))
    measure(ctx, OPERATION, calls, comparable, viewer_groups(ctx, rng), before=before[1])
