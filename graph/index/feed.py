"""The network job feed answered from the index: the jobs, order, counts and best paths of
``graph.jobs.feed.MATCH_NETWORK_JOB_FEED``, computed in memory; only the page's rows are
then read from Neo4j (``JobFeedRepository``).

A link is ``(degree, kind, name, id)``: kind 0 when the reached member posted the job, 1
when they work at its company now; the best link is the smallest, as in the Cypher.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graph.index.friend_graph import FriendGraph
from graph.index.jobs import JobTable, OpenJob

POSTER, EMPLOYEE = 0, 1


@dataclass(frozen=True)
class FeedQuery:
    """Who asks, with which filters (as ``JobFilters.params()`` gives them), and the
    ranking's constants."""

    viewer_id: str
    viewer_skills: frozenset[str]
    city: str
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
    job: OpenJob
    best: tuple[int, int, str, str]   # degree, kind, name, member id
    first_count: int
    second_count: int
    required: int
    matched: int
    score: float


def _passes(job: OpenJob, q: FeedQuery) -> bool:
    return ((not q.city or q.city in job.city_key)
            and (not q.remote or job.remote == q.remote)
            and all(key in job.skills for key in q.skills)
            and (q.min_salary is None or (job.currency == q.currency and job.salary_max is not None
                                          and job.salary_max >= q.min_salary)))


def _score(q: FeedQuery, degree: int, required: int, matched: int, age: int) -> float:
    # Term by term and in the order of the Cypher, so the floats come out identical.
    return (q.w_closeness * (1.0 if degree == 1 else 0.5)
            + q.w_skills * (0.0 if required == 0 else float(matched) / required)
            + q.w_recency * 0.5 ** ((age if age > 0 else 0) / 86400.0 / q.half_life_days))


def network_feed(graph: FriendGraph, table: JobTable, q: FeedQuery) -> list[FeedRow]:
    """Every job of the feed, ranked (score, newest, id), unpaged."""
    viewer = graph.dense(q.viewer_id)
    if viewer is None:
        return []
    first = graph.friends(viewer)
    rows = [graph.friends(f) for f in first.tolist()]
    second = np.setdiff1d(np.concatenate(rows), first) if rows else np.empty(0, np.int32)
    second = second[second != viewer]
    reached = np.concatenate([first, second]).astype(np.int64)
    degree_of = np.concatenate([np.ones(len(first), np.int8), np.full(len(second), 2, np.int8)])

    # Employees: per company, how many at each degree and the best (closest, then name, id).
    companies_with_jobs = {job.company for job in table.jobs.values()}
    positions, companies = table.employer_pairs(reached)
    keep = np.isin(companies, np.fromiter(companies_with_jobs, dtype=np.int32,
                                          count=len(companies_with_jobs)))
    positions, companies = positions[keep], companies[keep]
    counts: dict[int, list[int]] = {}
    best_employee: dict[int, tuple] = {}
    for pos, company in zip(positions.tolist(), companies.tolist()):
        degree = int(degree_of[pos])
        tally = counts.setdefault(company, [0, 0])
        tally[degree - 1] += 1
        current = best_employee.get(company)
        if current is None or degree <= current[0]:
            member = int(reached[pos])
            link = (degree, EMPLOYEE, graph.name(member), graph.person_id(member))
            if current is None or link < current:
                best_employee[company] = link

    reach = {int(m): int(d) for m, d in zip(reached.tolist(), degree_of.tolist())}
    own_employers = set(table.employers(viewer).tolist())
    found: list[FeedRow] = []
    for job in table.jobs.values():
        links = []
        if job.company in best_employee:
            links.append(best_employee[job.company])
        poster = graph.dense(job.poster)
        if poster is not None and poster in reach:
            links.append((reach[poster], POSTER, graph.name(poster), job.poster))
        if not links or job.company in own_employers or job.poster == q.viewer_id \
                or not _passes(job, q):
            continue
        best = min(links)
        first_count, second_count = counts.get(job.company, (0, 0))
        required = len(job.skills)
        matched = len(job.skills & q.viewer_skills)
        score = _score(q, best[0], required, matched, q.now_epoch - job.created_epoch)
        found.append(FeedRow(job, best, first_count, second_count, required, matched, score))
    # score desc, then created desc, then id asc: stable sorts from the last key to the first.
    found.sort(key=lambda row: row.job.id)
    found.sort(key=lambda row: row.job.created_at, reverse=True)
    found.sort(key=lambda row: row.score, reverse=True)
    return found


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
