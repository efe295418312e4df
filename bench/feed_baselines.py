"""The network job feed (Q2) computed in process: the same job set, links, counts, score
and order as ``graph.jobs.feed.MATCH_NETWORK_JOB_FEED`` with no filters (README "Job feed
ranking"), from the generated data.

``JobIndex`` holds the job-side facts as arrays (built once); ``CsrFeed`` reaches the
viewer's 1st/2nd degree with numpy on the CSR adjacency and ranks vectorised;
``NetworkxFeed`` reaches them with networkx adjacency sets and ranks in plain Python.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from graph.jobs.feed import (RECENCY_HALF_LIFE_DAYS, WEIGHT_CLOSENESS, WEIGHT_RECENCY,
                             WEIGHT_SKILLS)

from . import rows
from .dataset import Dataset

# A fixed "now" makes the recency term, hence the ranking, reproducible across variants.
NOW = "2026-01-15T12:00:00+00:00"


@dataclass
class FeedRow:
    """One feed entry reduced to what must agree across variants."""

    job: str
    first_count: int
    second_count: int
    degree: int
    kind: int
    target: str
    via: str | None
    score: float

    def key(self) -> tuple:
        return (self.job, self.first_count, self.second_count, self.degree, self.kind,
                self.target, self.via, round(self.score, 9))


def name_ranks(data: Dataset) -> np.ndarray:
    """Each member's position when everyone is ordered by (name, id), as Cypher does."""
    order = sorted(range(data.n), key=lambda i: (data.names[i], data.ids[i]))
    rank = np.empty(data.n, dtype=np.int64)
    rank[np.asarray(order)] = np.arange(data.n)
    return rank


class JobIndex:
    """Open jobs with company, poster, required skills, age and sort keys; members'
    current company and skills. Shared by both baselines (not graph traversal)."""

    def __init__(self, data: Dataset):
        w = data.work
        self.data = data
        self.rank = name_ranks(data)
        self.current = np.full(data.n, -1, dtype=np.int64)
        self.current[w.position_person[w.position_current]] = \
            w.position_company[w.position_current]
        self.jobs = np.flatnonzero(w.job_open)                    # open job indexes
        self.company = w.job_company[self.jobs].astype(np.int64)
        self.poster = w.job_poster[self.jobs].astype(np.int64)
        created = [rows.DAYS[-1 - k % 365] for k in self.jobs.tolist()]
        now = datetime.fromisoformat(NOW)
        age = np.array([int((now - datetime.fromisoformat(c)).total_seconds()) for c in created])
        self.recency = 0.5 ** (np.maximum(age, 0) / 86400.0 / RECENCY_HALF_LIFE_DAYS)
        self.created_rank = np.unique(np.array(created), return_inverse=True)[1]
        ids = [data.job_ids[k] for k in self.jobs.tolist()]
        self.ids = ids
        self.id_rank = np.unique(np.array(ids), return_inverse=True)[1]
        skills = [w.job_skills[k] for k in self.jobs.tolist()]
        self.required = np.array([len(s) for s in skills])
        self.skill_ptr = np.concatenate(([0], np.cumsum(self.required)))
        self.skill_idx = np.concatenate(skills).astype(np.int64)
        self.skill_sets = [set(s.tolist()) for s in skills]
        counts = np.bincount(w.skill_person, minlength=data.n)
        self.member_skill_ptr = np.concatenate(([0], np.cumsum(counts)))
        order = np.argsort(w.skill_person, kind="stable")
        self.member_skill = w.skill_skill[order].astype(np.int64)
        self.skill_count = len(w.skill_names)
        self.by_company: dict[int, list[int]] = {}
        self.by_poster: dict[int, list[int]] = {}
        for j, (c, p) in enumerate(zip(self.company.tolist(), self.poster.tolist())):
            self.by_company.setdefault(c, []).append(j)
            self.by_poster.setdefault(p, []).append(j)
        self.current_list = self.current.tolist()
        self.rank_list = self.rank.tolist()

    def skills_of(self, member: int) -> np.ndarray:
        return self.member_skill[self.member_skill_ptr[member]:self.member_skill_ptr[member + 1]]

    def score(self, j: int, degree: int, matched: int) -> float:
        """The README score, term by term in the query's order."""
        required = int(self.required[j])
        share = matched / required if required else 0.0
        return (WEIGHT_CLOSENESS * (1.0 if degree == 1 else 0.5) + WEIGHT_SKILLS * share
                + WEIGHT_RECENCY * float(self.recency[j]))

    def sort_key(self, j: int, score: float) -> tuple:
        return (-score, -int(self.created_rank[j]), int(self.id_rank[j]))


def gather_neighbours(indptr: np.ndarray, indices: np.ndarray, members: np.ndarray) -> np.ndarray:
    """The concatenated neighbour lists of ``members`` (with repeats), without a loop."""
    starts, lens = indptr[members], indptr[members + 1] - indptr[members]
    total = int(lens.sum())
    offsets = np.repeat(starts - (np.cumsum(lens) - lens), lens) + np.arange(total)
    return indices[offsets]


class CsrFeed:
    """The feed with numpy: degree marks over the CSR, links grouped per company with
    bincount/lexsort, every open job scored at once."""

    name = "csr"

    def __init__(self, data: Dataset, index: JobIndex):
        self.data, self.ix = data, index
        self.indptr, self.indices = data.friends.indptr, data.friends.indices
        self.companies = len(data.work.company_names)
        self.skill_job = np.repeat(np.arange(len(index.jobs)), index.required)

    def _via(self, v: int, target: int) -> str:
        common = np.intersect1d(self.data.friends.neighbours(v),
                                self.data.friends.neighbours(target), assume_unique=True)
        return self.data.ids[int(common[np.argmin(self.ix.rank[common])])]

    def _company_links(self, reached, rdeg):
        """Per company: employees reached at degree 1 and 2, and the best one."""
        ix, size = self.ix, self.companies
        cc = ix.current[reached]
        m = cc >= 0
        emp, comp, edeg = reached[m], cc[m], rdeg[m]
        count1 = np.bincount(comp[edeg == 1], minlength=size)
        count2 = np.bincount(comp[edeg == 2], minlength=size)
        best, best_deg = np.full(size, -1), np.zeros(size, dtype=np.int8)
        if len(comp):
            order = np.lexsort((ix.rank[emp], edeg, comp))
            sc = comp[order]
            heads = np.flatnonzero(np.concatenate(([True], sc[1:] != sc[:-1])))
            best[sc[heads]] = emp[order][heads]
            best_deg[sc[heads]] = edeg[order][heads]
        return count1, count2, best, best_deg

    def feed(self, v: int, limit: int = 20) -> tuple[list[FeedRow], int]:
        """The top ``limit`` feed rows for member ``v`` and the feed's total."""
        ix = self.ix
        first = self.data.friends.neighbours(v)
        deg = np.zeros(self.data.n, dtype=np.int8)
        deg[gather_neighbours(self.indptr, self.indices, first)] = 2
        deg[first] = 1
        deg[v] = 0
        reached = np.flatnonzero(deg)
        count1, count2, best, best_deg = self._company_links(reached, deg[reached])
        pdeg, edeg = deg[ix.poster], best_deg[ix.company]
        keep = ((pdeg > 0) | (edeg > 0)) & (ix.poster != v) & (ix.company != ix.current[v])
        use_poster = (pdeg > 0) & ((edeg == 0) | (pdeg <= edeg))
        bdeg = np.where(use_poster, pdeg, edeg)
        target = np.where(use_poster, ix.poster, best[ix.company])
        mark = np.zeros(ix.skill_count, dtype=np.bool_)
        mark[ix.skills_of(v)] = True
        matched = np.bincount(self.skill_job, weights=mark[ix.skill_idx],
                              minlength=len(ix.jobs)).astype(np.int64)
        share = np.where(ix.required > 0, matched / np.maximum(ix.required, 1), 0.0)
        score = (WEIGHT_CLOSENESS * np.where(bdeg == 1, 1.0, 0.5) + WEIGHT_SKILLS * share
                 + WEIGHT_RECENCY * ix.recency)
        js = np.flatnonzero(keep)
        top = js[np.lexsort((ix.id_rank[js], -ix.created_rank[js], -score[js]))[:limit]]
        out = []
        for j in top.tolist():
            c, t, d = int(ix.company[j]), int(target[j]), int(bdeg[j])
            out.append(FeedRow(ix.ids[j], int(count1[c]), int(count2[c]), d,
                               0 if use_poster[j] else 1, self.data.ids[t],
                               self._via(v, t) if d == 2 else None, float(score[j])))
        return out, len(js)


class NetworkxFeed:
    """The feed with networkx adjacency sets and Python dicts, job by job."""

    name = "networkx"

    def __init__(self, data: Dataset, index: JobIndex, graph):
        self.data, self.ix, self.graph = data, index, graph
        self.company_list, self.poster_list = index.company.tolist(), index.poster.tolist()

    def _reach(self, v: int) -> dict[int, int]:
        g = self.graph
        deg = dict.fromkeys(g[v], 1)
        for f in g[v]:
            for s in g[f]:
                if s not in deg and s != v:
                    deg[s] = 2
        return deg

    def _via(self, v: int, target: int) -> str:
        g, rank = self.graph, self.ix.rank_list
        return self.data.ids[min(g[v].keys() & g[target].keys(), key=rank.__getitem__)]

    def feed(self, v: int, limit: int = 20) -> tuple[list[FeedRow], int]:
        """The top ``limit`` feed rows for member ``v`` and the feed's total."""
        ix, ids = self.ix, self.data.ids
        rank, current = ix.rank_list, ix.current_list
        deg = self._reach(v)
        companies: dict[int, list] = {}     # company -> [count1, count2, best link]
        for p, d in deg.items():
            c = current[p]
            if c >= 0:
                entry = companies.setdefault(c, [0, 0, (9, 1, 0, p)])
                entry[d - 1] += 1
                entry[2] = min(entry[2], (d, 1, rank[p], p))
        jobs = {j for c in companies for j in ix.by_company.get(c, ())}
        jobs.update(j for p in ix.by_poster.keys() & deg.keys() for j in ix.by_poster[p])
        mine = set(ix.skills_of(v).tolist())
        scored = []
        for j in jobs:
            c, p = self.company_list[j], self.poster_list[j]
            if p == v or c == current[v]:
                continue
            links = [companies[c][2]] if c in companies else []
            if p in deg:
                links.append((deg[p], 0, rank[p], p))
            best = min(links)
            score = ix.score(j, best[0], len(ix.skill_sets[j] & mine))
            scored.append((ix.sort_key(j, score), j, best, score))
        scored.sort()
        out = []
        for _, j, (d, kind, _, t), score in scored[:limit]:
            c = self.company_list[j]
            count1, count2 = companies[c][:2] if c in companies else (0, 0)
            out.append(FeedRow(ix.ids[j], count1, count2, d, kind, ids[t],
                               self._via(v, t) if d == 2 else None, score))
        return out, len(scored)
