"""Credit for referrers: the company leaderboard and each member's referral record.

The leaderboard sums the ``PointAward``s earned on referrals to a company's jobs, this
calendar month (UTC) and all time; it is shown to the company's current employees and
verified recruiters only. It names referrers and points, never candidates.
"""
from __future__ import annotations

import logging

from graph.base import Repository, utc_now
from graph.companies.recruiters import active_recruiter_where, is_active_recruiter
from graph.errors import Forbidden, NotFound
from graph.referrals.stages import month_start

logger = logging.getLogger(__name__)

# Every referrer's points and hires for the company, all time and this month, in one
# pass; the two boards are sorted from it.
MATCH_LEADERBOARD = """
MATCH (c:Company {id: $companyId})
OPTIONAL MATCH (v:Person {id: $viewerId})
WITH c, CASE WHEN v IS NULL THEN false
             ELSE EXISTS { (v)-[:WORKS_AT {current: true}]->(c) }
                  OR """ + is_active_recruiter("v", "c") + """ END AS allowed
CALL (c, allowed) {
  MATCH (p:Person)-[:EARNED]->(a:PointAward)-[:FOR_REFERRAL]->(r:Referral)-[:FOR_JOB]->(:Job)-[:AT]->(c)
  WHERE allowed
  WITH p, a, r, a.awardedAt >= $monthStart AS recent
  WITH p, sum(a.points) AS points, sum(CASE WHEN recent THEN a.points ELSE 0 END) AS monthPoints,
       count(DISTINCT CASE WHEN a.stage = 'hired' THEN r END) AS hires,
       count(DISTINCT CASE WHEN a.stage = 'hired' AND recent THEN r END) AS monthHires
  RETURN collect({id: p.id, name: p.name, points: points, monthPoints: monthPoints,
                  hires: hires, monthHires: monthHires}) AS scores
}
RETURN c {.id, .name} AS company, allowed, scores
"""

# The member's own record: referrals made (with points each), referrals of them, and
# totals. Capped lists: a record page is not an archive.
MATCH_RECORD = """
MATCH (me:Person {id: $me})
CALL (me) {
  OPTIONAL MATCH (me)-[:REFERRED]->(r:Referral)-[:FOR_JOB]->(j:Job)-[:AT]->(c:Company)
  OPTIONAL MATCH (r)-[:CANDIDATE]->(cand:Person)
  WITH r, j, c, cand ORDER BY r.updatedAt DESC, r.id
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {
           referral: r {.id, .status, .owner, .ownedUntil, .createdAt, .updatedAt, .source},
           job: j {.id, .title}, company: c {.id, .name},
           candidate: coalesce(cand.name, r.candidateName),
           points: reduce(total = 0, x IN COLLECT { MATCH (a:PointAward)-[:FOR_REFERRAL]->(r)
                                                    RETURN a.points } | total + x)} END)[..$max]
         AS made
}
CALL (me) {
  OPTIONAL MATCH (ref:Person)-[:REFERRED]->(r:Referral)-[:CANDIDATE]->(me)
  OPTIONAL MATCH (r)-[:FOR_JOB]->(j:Job)-[:AT]->(c:Company)
  WITH r, j, c, ref ORDER BY r.updatedAt DESC, r.id
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {
           referral: r {.id, .status, .owner, .createdAt, .updatedAt},
           job: j {.id, .title}, company: c {.id, .name}, referrer: ref {.id, .name}} END)[..$max]
         AS ofMe
}
RETURN made, ofMe,
       COUNT { (me)-[:REFERRED]->(:Referral) } AS madeCount,
       COUNT { (me)-[:REFERRED]->(x:Referral) WHERE x.confirmedAt IS NOT NULL } AS confirmedCount,
       COUNT { (me)-[:REFERRED]->(:Referral {status: 'hired'}) } AS hiredCount,
       reduce(total = 0, x IN COLLECT { MATCH (me)-[:EARNED]->(a:PointAward) RETURN a.points }
              | total + x) AS points,
       COLLECT { MATCH (me)-[:WORKS_AT {current: true}]->(c:Company)
                 RETURN DISTINCT c {.id, .name} } AS companies,
       COLLECT { MATCH (me)-[:RECRUITS_FOR {status: 'verified'}]->(c:Company)
                 WHERE """ + active_recruiter_where("me", "c") + """
                 RETURN c {.id, .name} } AS recruiting
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _board(scores: list[dict], points: str, hires: str, limit: int) -> list[dict]:
    """The top ``limit`` by ``points`` (ties by name, id), those with points only."""
    rows = [{"id": s["id"], "name": s["name"], "points": s[points], "hires": s[hires]}
            for s in scores if s[points] > 0]
    rows.sort(key=lambda r: (-r["points"], r["name"], r["id"]))
    return rows[:limit]


class ReferralCreditRepository(Repository):
    """Leaderboards and referral records."""

    def leaderboard(self, viewer_id: str, company_id: str, limit: int = 20,
                    now: str | None = None) -> dict:
        """``{company, month, allTime}``: the top referrers by points (with hires) this
        month and all time. ``Forbidden`` unless the viewer works or recruits there."""
        row = self._read(_single, MATCH_LEADERBOARD,
                         {"companyId": company_id, "viewerId": viewer_id, "limit": limit,
                          "monthStart": month_start(now or utc_now())})
        if row is None:
            raise NotFound("No such company.")
        if not row["allowed"]:
            raise Forbidden("The referral leaderboard of %(name)s is for its employees and "
                            "recruiters.", name=row['company']['name'])
        return {"company": row["company"],
                "month": _board(row["scores"], "monthPoints", "monthHires", limit),
                "allTime": _board(row["scores"], "points", "hires", limit)}

    def record(self, me_id: str, max_rows: int = 200) -> dict:
        """The member's referrals made and received, their totals and points, and the
        companies they work or recruit for (for links)."""
        row = self._read(_single, MATCH_RECORD, {"me": me_id, "max": max_rows})
        if row is None:
            raise NotFound("No such member.")
        return row
