"""Who fits, from the index: for each open job at the employee's current companies, the
friends who list at least one of its required skills and do not work there now, as
``graph.referrals.fit.MATCH_WHO_FITS`` finds them. The ranking itself (skills, seniority
from the friends' positions) stays in ``graph.referrals.fit.rank_friends``, fed by the
rows the repository reads from Neo4j for the friends found here.

Nothing private is held or weighed: the index has no job status (docs/trust.md), so the
friends found, and so the order, cannot depend on one.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graph.index.snapshot import Snapshot


@dataclass(frozen=True)
class JobFits:
    """One open job and the friends who fit it (ids, in no particular order)."""

    job_id: str
    friend_ids: list[str]


def who_fits(snapshot: Snapshot, me_id: str, company_names: dict[str, str],
             max_jobs: int) -> list[JobFits] | None:
    """The open jobs at the member's current companies (by company name, newest first,
    then id; at most ``max_jobs``) with the friends who fit each. ``company_names``: the
    names of the member's current companies, read from Neo4j (the index holds no names).
    ``None`` when the index does not know the member (the caller asks Cypher)."""
    graph, table, skills = snapshot.graph, snapshot.jobs, snapshot.skills
    me = graph.dense(me_id)
    if me is None:
        return None
    mine = {table.company_id(c) for c in table.employers(me).tolist()}
    jobs = [job for job in table.jobs.values() if table.company_id(job.company) in mine]
    # ORDER BY c.name, j.createdAt DESC, j.id: stable sorts, last key first.
    jobs.sort(key=lambda job: job.id)
    jobs.sort(key=lambda job: job.created_at, reverse=True)
    jobs.sort(key=lambda job: company_names.get(table.company_id(job.company), ""))
    friends = graph.friends(me)
    found = []
    for job in jobs[:max_jobs]:
        groups = [g for g in map(skills.known_group, sorted(job.skills)) if g is not None]
        having = skills.members_of_all(np.array(groups, dtype=np.int64))
        fitting = np.intersect1d(np.unique(having), friends, assume_unique=True).tolist()
        fitting = [f for f in fitting if job.company not in table.employers(f).tolist()]
        found.append(JobFits(job_id=job.id, friend_ids=[graph.person_id(f) for f in fitting]))
    return found
