"""The network job feed answered from the index: the jobs, order, counts and best paths of
``graph.jobs.feed.MATCH_NETWORK_JOB_FEED``, computed in memory; only the page's rows are
then read from Neo4j (``JobFeedRepository``).

A link is ``(degree, kind, name, id)``: kind 0 when the reached member posted the job, 1
when they work at its company now; the best link is the smallest, as in the Cypher.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graph.index.friend_graph import UNRANKED, FriendGraph
from graph.index.jobs import JobArrays, JobTable

POSTER, EMPLOYEE = 0, 1


@dataclass(frozen=True)
class FeedQuery:
    """Who asks, with which filters (as ``JobFilters.params()`` gives them), and the
    ranking's constants."""

    viewer_id: str
    viewer_skills: frozenset[str]
    city: str
    city_exact: bool
    remote: str
    skills: tuple[str, ...]
    min_salary: int | None
    currency: str
    now_epoch: int
    w_closeness: float
    w_skills: float
    w_recency: float
    half_life_days: float


@dataclass
class FeedRow:
    job_id: str
    best: tuple[int, int, str, str]   # degree, kind, name, member id
    first_count: int
    second_count: int
    required: int
    matched: int
    score: float


NOT_REACHED = 3


def _filter_mask(jobs: JobArrays, q: FeedQuery) -> np.ndarray:
    mask = np.ones(len(jobs.ids), dtype=bool)
    if q.city:
        mask &= (jobs.city_key == q.city) if q.city_exact \
            else np.char.find(jobs.city_key, q.city) >= 0
    if q.remote:
        mask &= jobs.remote == q.remote
    if q.skills:
        wanted = set(q.skills)
        mask &= jobs.jobs_with_skills(wanted) == len(wanted)
    if q.min_salary is not None:
        with np.errstate(invalid="ignore"):
            mask &= (jobs.currency == q.currency) & (jobs.salary_max >= q.min_salary)
    return mask


def _best_employees(graph: FriendGraph, table: JobTable, reached: np.ndarray,
                    degree_of: np.ndarray, wanted: np.ndarray):
    """Per company (dense number): employees reached at 1st and 2nd degree, and the best
    one (closest, then name, id) as its degree and member, for the companies ``wanted``."""
    companies_total = table.company_count()
    positions, companies = table.employer_pairs(reached)
    keep = wanted[companies] if len(companies) else np.zeros(0, dtype=bool)
    positions, companies = positions[keep], companies[keep].astype(np.int64)
    degrees = degree_of[positions].astype(np.int64)
    members = reached[positions]
    first = np.bincount(companies[degrees == 1], minlength=companies_total)
    second = np.bincount(companies[degrees == 2], minlength=companies_total)
    best_degree = np.full(companies_total, NOT_REACHED, dtype=np.int64)
    best_member = np.full(companies_total, -1, dtype=np.int64)
    if not len(companies):
        return first, second, best_degree, best_member
    ranks = graph.name_ranks(members)
    order = np.lexsort((ranks, degrees, companies))
    sorted_companies = companies[order]
    heads = np.ones(len(order), dtype=bool)
    heads[1:] = sorted_companies[1:] != sorted_companies[:-1]
    best_degree[sorted_companies[heads]] = degrees[order][heads]
    best_member[sorted_companies[heads]] = members[order][heads]
    # Members added or renamed since the snapshot have no rank: where one of them is
    # among a company's closest, that company is decided by name.
    unranked = (ranks == UNRANKED) & (degrees == best_degree[companies])
    for company in np.unique(companies[unranked]).tolist():
        closest = members[(companies == company) & (degrees == best_degree[company])]
        best_member[company] = min(closest.tolist(),
                                   key=lambda m: (graph.name(m), graph.person_id(m)))
    return first, second, best_degree, best_member


def network_feed(graph: FriendGraph, table: JobTable, q: FeedQuery, skip: int,
                 limit: int) -> tuple[list[FeedRow], int]:
    """One page of the feed, ranked (score, newest, id), and how many jobs it has."""
    viewer = graph.dense(q.viewer_id)
    jobs = table.arrays()
    if viewer is None or not jobs.ids:
        return [], 0
    first = graph.friends(viewer)
    rows = [graph.friends(f) for f in first.tolist()]
    second = np.setdiff1d(np.concatenate(rows), first) if rows else np.empty(0, np.int32)
    second = second[second != viewer]
    reached = np.concatenate([first, second]).astype(np.int64)
    degree_of = np.concatenate([np.ones(len(first), np.int8), np.full(len(second), 2, np.int8)])

    wanted = np.zeros(table.company_count(), dtype=bool)
    wanted[jobs.company] = True
    first_count, second_count, employee_degree, employee = _best_employees(
        graph, table, reached, degree_of, wanted)

    degree_by_member = np.full(len(graph), NOT_REACHED, dtype=np.int64)
    degree_by_member[reached] = degree_of
    posters = jobs.poster_dense(graph)
    poster_degree = np.where(posters >= 0, degree_by_member[np.maximum(posters, 0)],
                             NOT_REACHED)
    job_employee_degree = employee_degree[jobs.company]
    # A posting link (kind 0) beats an employee link (kind 1) at the same degree.
    by_poster = poster_degree <= job_employee_degree
    best_degree = np.minimum(poster_degree, job_employee_degree)

    mask = (best_degree < NOT_REACHED) & ~np.isin(jobs.company, table.employers(viewer)) \
        & (posters != viewer) & _filter_mask(jobs, q)
    chosen = np.flatnonzero(mask)
    if not len(chosen):
        return [], 0
    required = jobs.required[chosen]
    matched = jobs.jobs_with_skills(q.viewer_skills)[chosen]
    age = q.now_epoch - jobs.epoch[chosen]
    # Term by term and in the order of the Cypher, so the floats come out identical.
    skill_share = np.divide(matched.astype(np.float64), required,
                            out=np.zeros(len(chosen)), where=required != 0)
    score = (q.w_closeness * np.where(best_degree[chosen] == 1, 1.0, 0.5)
             + q.w_skills * skill_share
             + q.w_recency * 0.5 ** (np.maximum(age, 0) / 86400.0 / q.half_life_days))
    order = np.lexsort((jobs.id_rank[chosen], -jobs.created_rank[chosen], -score))
    page = []
    for i in order[skip:skip + limit].tolist():
        job = int(chosen[i])
        company = int(jobs.company[job])
        if by_poster[job]:
            member, kind = int(posters[job]), POSTER
        else:
            member, kind = int(employee[company]), EMPLOYEE
        page.append(FeedRow(
            job_id=jobs.ids[job],
            best=(int(best_degree[job]), kind, graph.name(member), graph.person_id(member)),
            first_count=int(first_count[company]), second_count=int(second_count[company]),
            required=int(required[i]), matched=int(matched[i]), score=float(score[i])))
    return page, len(chosen)


def first_via(graph: FriendGraph, viewer_id: str, target_id: str) -> dict | None:
    """The friend a 2nd-degree member is reached through: the first by name, then id."""
    viewer, target = graph.dense(viewer_id), graph.dense(target_id)
    if viewer is None or target is None:
        return None
    mutual = np.intersect1d(graph.friends(viewer), graph.friends(target), assume_unique=True)
    if not len(mutual):
        return None
    best = min(mutual.tolist(), key=lambda m: (graph.name(m), graph.person_id(m)))
    return {"id": graph.person_id(best), "name": graph.name(best)}
