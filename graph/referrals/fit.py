""""Who fits": for each open job at the employee's current companies, the friends who fit
it best, with the reasons.

The rank blends two things (weights below, documented in README):
- skill overlap: the share of the job's required skills the friend lists;
- seniority: the friend's level, estimated from their current title or, failing a telling
  word, their years since their first position, against the job's level.

The job status is private, and an order someone else sees must not reveal it
(docs/trust.md): it is neither read by the query nor weighed in the rank. Ties go by
name and id.

With a warm network index the jobs and the friends who fit them are found in memory
(``graph.index.fits``; the index holds no job status) and only their rows are read from
Neo4j; the Cypher stays as the fallback and the reference.
"""
from __future__ import annotations

import logging
import re

from graph.i18n import N_
from graph.base import Repository, utc_now
from graph.errors import NotFound
from graph.index.fits import who_fits as indexed_who_fits

logger = logging.getLogger(__name__)

LEVELS = ("intern", "junior", "mid", "senior", "lead", "executive")
LEVEL_LABELS = {"intern": N_("Intern"), "junior": N_("Junior"), "mid": N_("Mid-level"), "senior": N_("Senior"),
                "lead": N_("Lead / Staff"), "executive": N_("Director / Executive")}
# The first group with a word in the title decides; most telling first.
TITLE_WORDS = (
    ("executive", ("director", "vp", "vice president", "head of", "chief", "cto", "ceo", "cfo")),
    ("lead", ("staff", "principal", "lead", "engineering manager", "architect")),
    ("senior", ("senior", "sr")),
    ("junior", ("junior", "jr", "graduate", "assistant", "associate")),
    ("intern", ("intern", "trainee")),
)
WEIGHT_SKILLS = 3.0       # x the share of the job's required skills the friend has
WEIGHT_SENIORITY = 1.5    # x 1.0 same level, 0.5 one level apart
_WORD = re.compile(r"[a-z]+(?: [a-z]+)?")

MATCH_WHO_FITS = """
MATCH (me:Person {id: $me})-[:WORKS_AT {current: true}]->(c:Company)
WITH DISTINCT me, c
MATCH (j:Job {status: 'open'})-[:AT]->(c)
WITH me, c, j ORDER BY c.name, j.createdAt DESC, j.id LIMIT $maxJobs
CALL (me, c, j) {
  MATCH (me)-[:FRIENDS_WITH]-(f:Person)
  WHERE NOT EXISTS { (f)-[:WORKS_AT {current: true}]->(c) }
  WITH f, COLLECT { MATCH (j)-[:REQUIRES]->(s:Skill)<-[:HAS_SKILL]-(f)
                    RETURN s.name ORDER BY s.key } AS matched
  WHERE size(matched) > 0
  RETURN collect(f {.id, .name, .headline, matched: matched,
    positions: COLLECT { MATCH (f)-[w:WORKS_AT]->(:Company)
                         RETURN w {.title, .start, .current} },
    myReferral: head(COLLECT { MATCH (me)-[:REFERRED]->(r:Referral)-[:FOR_JOB]->(j)
                               WHERE EXISTS { (r)-[:CANDIDATE]->(f) }
                               RETURN r {.id, .status} })}) AS friends
}
RETURN j {.id, .title, .seniority, .city, .createdAt} AS job, c {.id, .name} AS company,
       COLLECT { MATCH (j)-[:REQUIRES]->(s:Skill) RETURN s.name ORDER BY s.key } AS skills,
       friends
"""

# For an answer the network index found: the member's current companies (names for the
# order), then the jobs' rows and, per job, the rows of the friends who fit it (the same
# fields as above).
MATCH_MY_COMPANIES = """
MATCH (me:Person {id: $me})
RETURN COLLECT { MATCH (me)-[:WORKS_AT {current: true}]->(c:Company)
                 RETURN DISTINCT c {.id, .name} } AS companies
"""

MATCH_FITS_ROWS = """
MATCH (me:Person {id: $me})
UNWIND range(0, size($jobs) - 1) AS position
MATCH (j:Job {id: $jobs[position].id})-[:AT]->(c:Company)
WITH me, j, c, position,
     COLLECT { MATCH (j)-[:REQUIRES]->(s:Skill) RETURN s ORDER BY s.key } AS required
RETURN position, j {.id, .title, .seniority, .city, .createdAt} AS job,
       c {.id, .name} AS company, [s IN required | s.name] AS skills,
       COLLECT {
         UNWIND $jobs[position].friends AS friendId
         MATCH (f:Person {id: friendId})
         RETURN f {.id, .name, .headline,
           matched: [s IN required WHERE EXISTS { (f)-[:HAS_SKILL]->(s) } | s.name],
           positions: COLLECT { MATCH (f)-[w:WORKS_AT]->(:Company)
                                RETURN w {.title, .start, .current} },
           myReferral: head(COLLECT { MATCH (me)-[:REFERRED]->(r:Referral)-[:FOR_JOB]->(j)
                                      WHERE EXISTS { (r)-[:CANDIDATE]->(f) }
                                      RETURN r {.id, .status} })}
       } AS friends
ORDER BY position
"""

# The refer form: the job, whether the member may refer to it, and their friends who could
# be referred (not already working there), by name.
MATCH_REFER_PAGE = """
MATCH (j:Job {id: $jobId})-[:AT]->(c:Company), (me:Person {id: $me})
RETURN j {.id, .title, .status, .seniority} AS job, c {.id, .name} AS company,
       EXISTS { (me)-[:WORKS_AT {current: true}]->(c) } AS employee,
       COLLECT { MATCH (me)-[:FRIENDS_WITH]-(f:Person)
                 WHERE NOT EXISTS { (f)-[:WORKS_AT {current: true}]->(c) }
                 RETURN f {.id, .name} ORDER BY f.name, f.id LIMIT $maxFriends } AS friends
"""

MATCH_WORKS_AT = """
MATCH (me:Person {id: $me}), (c:Company {id: $companyId})
RETURN EXISTS { (me)-[:WORKS_AT {current: true}]->(c) } AS employee
"""


def estimate_level(positions: list[dict], today: str) -> str | None:
    """A member's level from their positions (``title``, ``start`` 'YYYY-MM',
    ``current``): a telling word in a current title, else years since the first start.
    None when they list no position."""
    if not positions:
        return None
    for position in positions:
        if position.get("current"):
            title = " " + " ".join(_WORD.findall((position.get("title") or "").lower())) + " "
            for level, words in TITLE_WORDS:
                if any(f" {word} " in title for word in words):
                    return level
    starts = [p["start"] for p in positions if p.get("start")]
    if not starts:
        return None
    years = int(today[:4]) - int(min(starts)[:4])
    return "junior" if years < 2 else "mid" if years < 5 else "senior" if years < 9 else "lead"


def fit(friend: dict, required: int, job_level: str, today: str) -> tuple[float, list[str]]:
    """The score and the reasons shown for one friend and job; nothing private weighs in."""
    matched = friend["matched"]
    reasons = [f"{len(matched)} of {required} skills match ({', '.join(matched)})"]
    level = estimate_level(friend.get("positions") or [], today)
    seniority = 0.0
    if level and job_level in LEVELS:
        gap = abs(LEVELS.index(level) - LEVELS.index(job_level))
        if gap == 0:
            seniority = 1.0
            reasons.append(f"seniority fits ({LEVEL_LABELS[level]})")
        elif gap == 1:
            seniority = 0.5
            reasons.append(f"seniority close ({LEVEL_LABELS[level]})")
    score = WEIGHT_SKILLS * len(matched) / max(required, 1) + WEIGHT_SENIORITY * seniority
    return score, reasons


def rank_friends(friends: list[dict], required: int, job_level: str, today: str,
                 shown: int) -> list[dict]:
    """The best ``shown`` friends, best first (ties by name and id), each as
    ``{person: {id, name, headline}, reasons, score, myReferral}``."""
    scored = []
    for friend in friends:
        score, reasons = fit(friend, required, job_level, today)
        scored.append({"person": {"id": friend["id"], "name": friend["name"],
                                  "headline": friend.get("headline") or ""},
                       "reasons": reasons, "score": round(score, 3),
                       "myReferral": friend.get("myReferral")})
    scored.sort(key=lambda row: (-row["score"], row["person"]["name"], row["person"]["id"]))
    return scored[:shown]


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


class WhoFitsRepository(Repository):
    """The employee's view of their company's openings and their friends who fit."""

    def __init__(self, driver, database, index=None):
        super().__init__(driver, database)
        self.index = index

    @classmethod
    def from_settings(cls, driver, database, settings, index=None):
        return cls(driver, database, index)

    def who_fits(self, me_id: str, shown: int = 5, max_jobs: int = 50,
                 today: str | None = None) -> list[dict]:
        """For each open job at the member's current companies (newest first per company):
        ``{job, company, skills, fits, fitCount}`` with the best ``shown`` friends."""
        today = today or utc_now()[:7]
        rows = None
        if self.index is not None and self.index.warm:
            rows = self._indexed_rows(me_id, max_jobs)
        if rows is None:
            rows = self._read(_rows, MATCH_WHO_FITS, {"me": me_id, "maxJobs": max_jobs})
        return [{"job": row["job"], "company": row["company"], "skills": row["skills"],
                 "fitCount": len(row["friends"]),
                 "fits": rank_friends(row["friends"], len(row["skills"]),
                                      row["job"]["seniority"], today, shown)}
                for row in rows]

    def _indexed_rows(self, me_id: str, max_jobs: int) -> list[dict] | None:
        """``MATCH_WHO_FITS``'s rows, with the jobs and fitting friends found by the
        network index; ``None`` when it cannot answer (the caller runs the Cypher)."""
        mine = self._read(_single, MATCH_MY_COMPANIES, {"me": me_id})
        if mine is None:
            return []
        names = {c["id"]: c["name"] for c in mine["companies"]}
        with self.index.read_snapshot() as snapshot:
            if snapshot is None:
                return None
            found = indexed_who_fits(snapshot, me_id, names, max_jobs)
        if found is None:
            return None
        if not found:
            return []
        jobs = [{"id": f.job_id, "friends": f.friend_ids} for f in found]
        rows = self._read(_rows, MATCH_FITS_ROWS, {"me": me_id, "jobs": jobs})
        for row in rows:
            row.pop("position")
        return rows

    def refer_page(self, me_id: str, job_id: str, max_friends: int = 2000) -> dict:
        """``{job, company, employee, friends}`` for the refer form; ``NotFound`` for an
        unknown job."""
        row = self._read(_single, MATCH_REFER_PAGE,
                         {"me": me_id, "jobId": job_id, "maxFriends": max_friends})
        if row is None:
            raise NotFound("No such job.")
        return row

    def works_at(self, me_id: str, company_id: str) -> bool:
        """Whether the member works at the company now (may refer to its jobs)."""
        row = self._read(_single, MATCH_WORKS_AT, {"me": me_id, "companyId": company_id})
        return bool(row and row["employee"])
