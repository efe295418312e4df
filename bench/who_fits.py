"""Who fits: for each open job at the employee's current companies, the friends who fit it
best (the /referrals/who-fits page).

``neo4j`` is the app's own ``WhoFitsRepository.who_fits`` with no index (the Cypher, the
reference); ``app`` is the same repository on the warm network index (what the page runs
when the index is on: the jobs and fitting friends found in memory, their rows read from
Neo4j). Before timing, every sampled viewer's whole answer (jobs, skills, fit counts, the
friends shown with their scores and reasons) must be identical in both.

There is no CSR or networkx baseline for this cell: the rank needs the friends' titles and
the jobs' levels, which only the loaded graph holds. Its ratio is ``neo4j`` over ``app``.

Viewers are drawn from the members the page is for: those with a current position at a
company with an open job (everyone else gets an empty page from both variants).
"""
from __future__ import annotations

import numpy as np

from graph.referrals.fit import WhoFitsRepository

from .cellkit import measure, viewer_groups
from .dataset import Dataset
from .registry import Context, register

OPERATION = "who fits, top 5 per open job"
TODAY = "2026-01"  # a fixed month: seniority from years since the first position
SHOWN = 5          # the page's defaults
MAX_JOBS = 50


def eligible(data: Dataset) -> np.ndarray:
    """Boolean mask: members with a current position at a company with an open job."""
    work = data.work
    hiring = np.zeros(len(data.company_ids), dtype=bool)
    hiring[work.job_company[work.job_open]] = True
    current = work.position_current & hiring[work.position_company]
    mask = np.zeros(data.n, dtype=bool)
    mask[work.position_person[current]] = True
    return mask


def variants(ctx: Context) -> tuple[dict, dict]:
    """(timed calls, comparable calls): name -> viewer index -> the page's rows."""
    data = ctx.data
    plain = WhoFitsRepository(ctx.driver, ctx.settings.database)
    indexed = WhoFitsRepository(ctx.driver, ctx.settings.database, ctx.network_index)

    def neo4j(v):
        return plain.who_fits(data.ids[v], SHOWN, MAX_JOBS, today=TODAY)

    def app(v):  # exactly the web page's path: the repository on the index
        return indexed.who_fits(data.ids[v], SHOWN, MAX_JOBS, today=TODAY)

    calls = {"neo4j": neo4j, "app": app}
    return calls, dict(calls)


@register("who-fits", OPERATION)
def run(ctx: Context) -> None:
    """Sample employees of hiring companies (uniform, and per friend-count stratum),
    check that ``app`` answers as ``neo4j`` does, time both."""
    rng = np.random.default_rng([ctx.settings.seed, 505])
    calls, comparable = variants(ctx)
    groups = viewer_groups(ctx, rng, among=eligible(ctx.data))
    measure(ctx, OPERATION, calls, comparable, groups, reference="neo4j")
