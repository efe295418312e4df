"""A recruiter's candidate search for one job, ranked by fit (``graph.hiring.fit``).

The candidates are exactly those the recruiter may find by browsing: the same
predicates of ``graph.candidates.visibility`` (two degrees, on the market, never anyone
hidden from the recruiter's companies), minus those who said "not interested" in the
job's company. What leaves is what browsing shows (``graph.candidates.search``:
``PSEUDONYM_FIELDS``, ``generalised``) plus one overall score; the degree and the
activity time that feed the score never leave this module.
"""
from __future__ import annotations

from graph.base import utc_now
from graph.candidates.fields import family_of
from graph.candidates.search import PSEUDONYM_FIELDS, generalised, indexed_reach, reach_query
from graph.candidates.visibility import (IS_VERIFIED_RECRUITER, ScopedRepository, scope_of,
                                         visibility_params)
from graph.companies.recruiters import is_active_recruiter
from graph.errors import Forbidden, NotFound
from graph.hiring.fit import WEIGHTS, ranked

# The job a recruiter searches for, and whether they recruit for its company now.
MATCH_SEARCH_JOB = """
MATCH (v:Person {id: $viewerId})
MATCH (j:Job {id: $jobId})-[:AT]->(c:Company)
RETURN j {.id, .title, .seniority, .status} AS job, c {.id, .name} AS company,
       """ + is_active_recruiter("v", "c") + """ AS isJobRecruiter, """ + scope_of("v") + """ AS scope,
       COLLECT { MATCH (j)-[:REQUIRES]->(s:Skill) RETURN s.name } AS skills
"""

# Every candidate the recruiter may find by browsing (the same predicates), minus those
# who said "not interested" in the job's company, with what the fit needs. ``lastActive``
# and ``degree`` only feed the score in Python and never leave this module. The reach is
# walked by Neo4j, or read from the network index (``$reachIds``; graph.candidates.search).
_FIT_HEAD = """
MATCH (v:Person {id: $viewerId})
MATCH (:Job {id: $jobId})-[:AT]->(c:Company)
WITH v, c, """ + IS_VERIFIED_RECRUITER + """ AS isRecruiter
"""

_FIT_TAIL = """WITH p, ps, c, degree WHERE NOT EXISTS { (p)-[:NOT_INTERESTED_IN]->(c) }
RETURN """ + PSEUDONYM_FIELDS + """ AS pseudonym, degree,
       coalesce(ps.hiddenFamilies, []) AS hiddenFamilies,
       COLLECT { MATCH (p)-[:HAS_SKILL]->(s:Skill) RETURN s.name ORDER BY s.key } AS skills,
       head(COLLECT { MATCH (p)-[:HAS_SESSION]->(s:Session)
                      RETURN s.lastSeenAt ORDER BY s.lastSeenAt DESC }) AS lastActive
"""

MATCH_FIT_CANDIDATES = reach_query(False, _FIT_HEAD, _FIT_TAIL)
MATCH_FIT_CANDIDATES_INDEXED = reach_query(True, _FIT_HEAD, _FIT_TAIL)


def _ranked_rows(tx, params):
    head = tx.run(MATCH_SEARCH_JOB, params).single()
    if head is None:
        return None
    candidates = MATCH_FIT_CANDIDATES if params.get("reachIds") is None \
        else MATCH_FIT_CANDIDATES_INDEXED
    rows = [r.data() for r in tx.run(candidates, params)] if head["isJobRecruiter"] else []
    return {**head.data(), "candidates": rows}


class CandidateFitRepository(ScopedRepository):
    """Pseudonymous candidates ranked by fit to a recruiter's job."""

    def ranked_for_job(self, viewer_id: str, job_id: str, skip: int, limit: int,
                       now: str | None = None) -> dict:
        """The candidates a recruiter of the job's company may find, best fit to the job
        first (``graph.hiring.fit``), one page of them: ``{job, company, total,
        candidates}``, each candidate generalised with its ``score`` (0-100) only.
        ``NotFound`` for an unknown job, ``Forbidden`` for anyone but its recruiters."""
        now = now or utc_now()
        params = {"viewerId": viewer_id, "jobId": job_id, **visibility_params(now),
                  "reachIds": indexed_reach(self.index, viewer_id)}
        found = self._read(_ranked_rows, params)
        if found is None:
            raise NotFound("No such job.")
        if not found["isJobRecruiter"]:
            raise Forbidden("Only verified recruiters of %(name)s search candidates for this job.", name=found['company']['name'])
        job = {"families": sorted({family_of(s) for s in found["skills"]}),
               "seniority": found["job"]["seniority"]}
        # Per-company pseudonyms: each row as the recruiter's scope knows it, before the
        # ranking, so ties fall by that scope's names and ids, as browsing orders them.
        for row in found["candidates"]:
            row["pseudonym"] = self.scopes.present(found["scope"], row["pseudonym"])
        rows = [{**row["pseudonym"], "degree": row["degree"], "lastActive": row["lastActive"],
                 "families": sorted({family_of(s) for s in row["skills"]}
                                    - set(row["hiddenFamilies"])),
                 "row": row} for row in found["candidates"]]
        best = ranked(job, rows, now)
        top = sum(WEIGHTS.values())
        page = [{**generalised({"pseudonym": c["row"]["pseudonym"], "skills": c["row"]["skills"],
                                "hiddenFamilies": c["row"]["hiddenFamilies"]}),
                 "score": round(100 * c["fit"]["score"] / top)}
                for c in best[skip:skip + limit]]
        return {"job": found["job"], "company": found["company"], "total": len(best),
                "candidates": page}
