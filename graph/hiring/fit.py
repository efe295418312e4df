"""How well a pseudonymous candidate fits a job: pure rules, no database.

The fit a recruiter's candidate search ranks by (``CandidateSearchRepository.ranked_for_job``)
combines four parts, each between 0 and 1, weighted by ``WEIGHTS``:
- **skills**: the share of the job's skill *families* the candidate has (families, not
  exact skills, and never a family the candidate hides: ranking cannot probe the exact
  list, as filters cannot);
- **seniority**: the job's level against the candidate's band (1 same, 0.5 adjacent);
- **closeness**: 1 for a friend of the recruiter, 0.5 for a friend of a friend;
- **recency**: 1 if the candidate was active in the last week, 0.5 in the last month.
Ties are broken by pseudonym name and random id, never by anything of the member.
"""
from __future__ import annotations

from datetime import datetime

WEIGHTS = {"skills": 4.0, "seniority": 2.0, "closeness": 1.5, "recency": 1.0}
# Job levels (graph.jobs.postings.SENIORITIES) on the pseudonym's bands
# (graph.candidates.fields.SENIORITY), in order.
BANDS = ("entry", "mid", "senior", "lead")
JOB_BAND = {"intern": "entry", "junior": "entry", "mid": "mid", "senior": "senior",
            "lead": "lead", "executive": "lead"}


def skills_part(job_families: list[str], candidate_families: list[str]) -> float:
    """Share of the job's families the candidate has (0 when the job names none)."""
    wanted = set(job_families)
    return len(wanted & set(candidate_families)) / len(wanted) if wanted else 0.0


def seniority_part(job_level: str | None, band: str | None) -> float:
    """1 for the same band, 0.5 for the next one, else 0 (also for an unsaid band)."""
    job_band = JOB_BAND.get(job_level or "")
    if job_band is None or band not in BANDS:
        return 0.0
    gap = abs(BANDS.index(job_band) - BANDS.index(band))
    return 1.0 if gap == 0 else 0.5 if gap == 1 else 0.0


def closeness_part(degree: int) -> float:
    """1 for a friend, 0.5 for a friend of a friend."""
    return {1: 1.0, 2: 0.5}.get(degree, 0.0)


def recency_part(last_active: str | None, now: str) -> float:
    """1 for activity within 7 days of ``now``, 0.5 within 30, else 0."""
    if not last_active:
        return 0.0
    days = (datetime.fromisoformat(now) - datetime.fromisoformat(last_active)).days
    return 1.0 if days <= 7 else 0.5 if days <= 30 else 0.0


def fit_score(job: dict, candidate: dict, now: str) -> dict:
    """``{score, parts}`` of a candidate for a job. ``job``: ``families``, ``seniority``;
    ``candidate``: ``families``, ``seniority``, ``degree``, ``lastActive``."""
    parts = {"skills": skills_part(job["families"], candidate["families"]),
             "seniority": seniority_part(job["seniority"], candidate["seniority"]),
             "closeness": closeness_part(candidate["degree"]),
             "recency": recency_part(candidate["lastActive"], now)}
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    return {"score": round(score, 4), "parts": parts}


def ranked(job: dict, candidates: list[dict], now: str) -> list[dict]:
    """Candidates with their fit, best first; ties by pseudonym name and id."""
    scored = [{**c, "fit": fit_score(job, c, now)} for c in candidates]
    return sorted(scored, key=lambda c: (-c["fit"]["score"], c["pinyin"], c["generation"],
                                         c["id"]))
