"""Open jobs and members' current employers, for the job feed answered in memory.

``JobTable`` keeps, per open job, what the feed ranks and filters on (company, poster, city
key, work mode, salary, currency, age, required skill keys), and, per member, the companies
they work at now (CSR arrays from the build, an overlay dict for later changes). Companies
are numbered densely like members. The feed itself is ``graph.index.feed``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

EMPTY = np.empty(0, dtype=np.int32)


@dataclass(frozen=True)
class OpenJob:
    """What the feed needs of one open job."""

    id: str
    company: int            # dense company number
    poster: str             # the recruiter's member id
    city_key: str
    remote: str
    salary_max: int | None
    currency: str | None
    created_epoch: int
    created_at: str
    skills: frozenset[str]  # required skill keys


def job_from_row(row: dict, company: int) -> OpenJob:
    """An ``OpenJob`` from a row as ``MATCH_OPEN_JOBS`` / the change log give it."""
    epoch = row.get("createdEpoch")
    if epoch is None:
        epoch = int(datetime.fromisoformat(row["createdAt"]).timestamp())
    return OpenJob(id=row["id"], company=company, poster=row["posterId"],
                   city_key=row.get("cityKey") or "", remote=row.get("remote") or "",
                   salary_max=row.get("salaryMax"), currency=row.get("currency"),
                   created_epoch=int(epoch), created_at=row["createdAt"],
                   skills=frozenset(row.get("skills") or ()))


class JobTable:
    """Open jobs by id and current employers by member. Not thread-safe (see FriendGraph)."""

    def __init__(self, company_ids: list[str], employer_indptr: np.ndarray,
                 employer_indices: np.ndarray, jobs: list[OpenJob]):
        self._company_ids = list(company_ids)
        self._company_dense = {cid: n for n, cid in enumerate(self._company_ids)}
        self._employer_indptr = employer_indptr
        self._employer_indices = employer_indices
        self._employers_changed: dict[int, np.ndarray] = {}  # member -> companies, since build
        self.jobs: dict[str, OpenJob] = {job.id: job for job in jobs}
        self._arrays: JobArrays | None = None    # columns of the open jobs, made on demand

    # ----- companies ------------------------------------------------------------------
    def company(self, company_id: str) -> int:
        """The dense number of a company, numbering it if it is new."""
        dense = self._company_dense.get(company_id)
        if dense is None:
            dense = len(self._company_ids)
            self._company_ids.append(company_id)
            self._company_dense[company_id] = dense
        return dense

    def company_id(self, dense: int) -> str:
        return self._company_ids[dense]

    # ----- employers ------------------------------------------------------------------
    def employers(self, member: int) -> np.ndarray:
        """Dense numbers of the companies a member works at now (distinct, sorted)."""
        changed = self._employers_changed.get(member)
        if changed is not None:
            return changed
        if member + 1 >= len(self._employer_indptr):
            return EMPTY
        return self._employer_indices[self._employer_indptr[member]:self._employer_indptr[member + 1]]

    def set_employers(self, member: int, company_ids: list[str]) -> None:
        """The member's current companies are ``company_ids`` from now on."""
        self._employers_changed[member] = np.array(
            sorted({self.company(cid) for cid in company_ids}), dtype=np.int32)

    def employer_pairs(self, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For an array of members, every (member position, company) pair as two arrays:
        the index into ``members`` and the company, one pair per current employer."""
        indptr = self._employer_indptr
        in_base = members + 1 < len(indptr)
        safe = np.where(in_base, members, 0)
        starts = np.where(in_base, indptr[safe], 0)
        lengths = np.where(in_base, indptr[np.minimum(safe + 1, len(indptr) - 1)] - starts, 0)
        changed = [i for i, m in enumerate(members.tolist()) if m in self._employers_changed] \
            if self._employers_changed else []
        if changed:
            lengths[changed] = 0
        positions = np.repeat(np.arange(len(members), dtype=np.int64), lengths)
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        companies = self._employer_indices[np.repeat(starts, lengths) + offsets] \
            if len(offsets) else EMPTY
        if changed:
            extra_pos = [i for i in changed for _ in self._employers_changed[int(members[i])]]
            extra_com = [c for i in changed for c in self._employers_changed[int(members[i])].tolist()]
            positions = np.concatenate([positions, np.array(extra_pos, dtype=np.int64)])
            companies = np.concatenate([companies, np.array(extra_com, dtype=np.int32)])
        return positions, companies.astype(np.int32, copy=False)

    # ----- jobs -----------------------------------------------------------------------
    def set_job(self, row: dict) -> None:
        """A job's state from a change: kept when open, dropped otherwise."""
        if row.get("status") == "open" and row.get("companyId") and row.get("posterId"):
            self.jobs[row["id"]] = job_from_row(row, self.company(row["companyId"]))
        else:
            self.jobs.pop(row["id"], None)
        self._arrays = None

    def arrays(self) -> "JobArrays":
        """The open jobs as columns (rebuilt after a job changes)."""
        if self._arrays is None:
            self._arrays = JobArrays(list(self.jobs.values()))
        return self._arrays

    def company_count(self) -> int:
        return len(self._company_ids)

    def nbytes(self) -> int:
        return self._employer_indptr.nbytes + self._employer_indices.nbytes


class JobArrays:
    """The open jobs as numpy columns, for ranking and filtering them all at once."""

    def __init__(self, jobs: list[OpenJob]):
        n = len(jobs)
        self.jobs = jobs
        self.ids = [job.id for job in jobs]
        self.poster_ids = [job.poster for job in jobs]
        self.company = np.array([job.company for job in jobs], dtype=np.int64)
        self.epoch = np.array([job.created_epoch for job in jobs], dtype=np.int64)
        self.created_rank = _ranks([job.created_at for job in jobs])
        self.id_rank = _ranks(self.ids)
        self.remote = np.array([job.remote for job in jobs], dtype=object)
        self.city_key = np.array([job.city_key for job in jobs], dtype=str) if n \
            else np.empty(0, dtype=str)
        self.currency = np.array([job.currency for job in jobs], dtype=object)
        self.salary_max = np.array([np.nan if job.salary_max is None else job.salary_max
                                    for job in jobs], dtype=np.float64)
        # Required skills as (job, skill number) pairs.
        self.skill_numbers: dict[str, int] = {}
        pairs = [(i, self.skill_numbers.setdefault(key, len(self.skill_numbers)))
                 for i, job in enumerate(jobs) for key in sorted(job.skills)]
        self.skill_job = np.array([i for i, _ in pairs], dtype=np.int64)
        self.skill_of = np.array([s for _, s in pairs], dtype=np.int64)
        self.required = np.bincount(self.skill_job, minlength=n).astype(np.int64)

    def poster_dense(self, graph) -> np.ndarray:
        """Each job's poster as a member number of ``graph`` (-1 when unknown); cached
        while the graph's membership stays the same."""
        key = (id(graph), len(graph), graph.member_count())
        if getattr(self, "_posters_key", None) != key:
            self._posters = np.array([-1 if (d := graph.dense(p)) is None else d
                                      for p in self.poster_ids], dtype=np.int64)
            self._posters_key = key
        return self._posters

    def jobs_with_skills(self, keys) -> np.ndarray:
        """How many of ``keys`` each job requires."""
        numbers = [self.skill_numbers[k] for k in keys if k in self.skill_numbers]
        hits = np.isin(self.skill_of, numbers)
        return np.bincount(self.skill_job[hits], minlength=len(self.ids))


def _ranks(values: list[str]) -> np.ndarray:
    """Each value's rank in sorted order (equal values share the lowest rank)."""
    if not values:
        return np.empty(0, dtype=np.int64)
    array = np.array(values, dtype=str)
    order = np.argsort(array, kind="stable")
    sorted_values = array[order]
    starts = np.ones(len(array), dtype=bool)
    starts[1:] = sorted_values[1:] != sorted_values[:-1]
    group_rank = np.cumsum(starts) - 1
    ranks = np.empty(len(array), dtype=np.int64)
    ranks[order] = group_rank
    return ranks
