"""The whole generated data set: friendships, workplaces, and the members' public facts.

``generate(members, seed)`` is deterministic: the same arguments give the same ids, names
and edges, so a database loaded once can be reused by later runs (see ``fingerprint``).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import numpy as np

from . import vocab
from .friendgraph import FriendGraph, generate_friendships
from .workplace import Workplace, generate_workplace

logger = logging.getLogger(__name__)

# Bump when the generator changes what it produces, so stale bench databases reload.
GENERATOR_VERSION = 2  # 2: jobs carry titleKey, cityKey and a work-mode word
BENCH_PASSWORD = "bench-password-2026"
EMAIL_DOMAIN = "bench.example"


def _hex_ids(rng: np.random.Generator, count: int) -> list[str]:
    """``count`` random 128-bit hex ids, like ``graph.people.members.new_id`` but seeded."""
    blob = rng.bytes(16 * count).hex()
    return [blob[i:i + 32] for i in range(0, len(blob), 32)]


@dataclass
class Dataset:
    """A generated network of ``n`` members, by member index 0..n-1."""

    n: int
    seed: int
    mean_degree: float
    friends: FriendGraph
    work: Workplace
    ids: list[str]
    names: list[str]
    job_status: np.ndarray          # index into vocab.JOB_STATUS_WEIGHTS
    company_ids: list[str]
    job_ids: list[str]
    position_ids: list[str]
    study_ids: list[str]
    seconds: float = 0.0
    index_of: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def fingerprint(self) -> str:
        """Identifies the data set: equal fingerprints mean identical data."""
        return f"v{GENERATOR_VERSION}-n{self.n}-s{self.seed}-d{self.mean_degree:g}"

    def email(self, member: int) -> str:
        """The bench account's e-mail; every member's password is ``BENCH_PASSWORD``."""
        return f"member{member}@{EMAIL_DOMAIN}"

    def member(self, person_id: str) -> int:
        """The member index of a public id."""
        if not self.index_of:
            self.index_of = {pid: i for i, pid in enumerate(self.ids)}
        return self.index_of[person_id]

    def summary(self) -> dict:
        """Sizes and shape, for the report."""
        degrees = self.friends.degrees
        w = self.work
        return {
            "members": self.n, "friendships": int(len(self.friends.edges)),
            "meanDegree": round(float(degrees.mean()), 1),
            "medianDegree": float(np.median(degrees)),
            "p99Degree": float(np.percentile(degrees, 99)), "maxDegree": int(degrees.max()),
            "celebrities": int(len(self.friends.celebrities)),
            "celebrityDegreeMin": int(degrees[self.friends.celebrities].min()),
            "companies": len(w.company_names), "schools": len(w.school_names),
            "skills": len(w.skill_names), "positions": int(len(w.position_person)),
            "currentPositions": int(w.position_current.sum()),
            "hasSkill": int(len(w.skill_person)), "studiedAt": int(len(w.study_person)),
            "recruiters": int(len(w.recruiter_person)),
            "verifiedRecruiters": int(w.recruiter_verified.sum()),
            "openJobs": int(w.job_open.sum()), "jobs": int(len(w.job_company)),
            "generateSeconds": round(self.seconds, 2),
        }


def generate(members: int, seed: int = 2026, mean_degree: float = 50.0) -> Dataset:
    """The data set for ``members`` and ``seed``."""
    started = time.perf_counter()
    friends = generate_friendships(members, seed, mean_degree)
    rng = np.random.default_rng([seed, 1])
    work = generate_workplace(rng, members, friends.circle)
    names = np.array(vocab.PERSON_NAMES, dtype=object)[
        rng.integers(0, len(vocab.PERSON_NAMES), members)].tolist()
    weights = np.array([share for _, share in vocab.JOB_STATUS_WEIGHTS])
    data = Dataset(
        n=members, seed=seed, mean_degree=mean_degree, friends=friends, work=work,
        ids=_hex_ids(rng, members), names=names,
        job_status=rng.choice(len(weights), size=members, p=weights),
        company_ids=_hex_ids(rng, len(work.company_names)),
        job_ids=_hex_ids(rng, len(work.job_company)),
        position_ids=_hex_ids(rng, len(work.position_person)),
        study_ids=_hex_ids(rng, len(work.study_person)))
    data.seconds = time.perf_counter() - started
    logger.info("generated %s in %.1f s", data.fingerprint, data.seconds)
    return data
