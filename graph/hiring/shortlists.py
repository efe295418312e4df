"""Shortlists: per job, the pseudonymous candidates its recruiters keep an eye on.

``(j:Job)-[:SHORTLISTED {since, by}]->(ps:Pseudonym)``: shared by the job's recruiters.
A candidate is added only by an active recruiter of the job's company who may see the
pseudonym right now (the profile's predicates of ``graph.candidates.visibility``: in
one of their conversations, or findable by browsing), and the list shows only the
pseudonyms the viewer may still see: a candidate who stops looking or becomes hidden
from the viewer drops off without a trace. Only pseudonyms are held, never a member.
"""
from __future__ import annotations

from graph.base import utc_now
from graph.candidates.search import PSEUDONYM_FIELDS, generalised
from graph.candidates.visibility import (DEGREE, IN_CONVERSATION, IS_VERIFIED_RECRUITER, LISTED,
                                         SHOWN, ScopedRepository, resolve_public_id, scope_of,
                                         visibility_params)
from graph.errors import NotFound
from graph.hiring.queries import RECRUITER_OF_JOB

# ``v`` may see ``ps`` (of member ``p``) now, as on the pseudonymous profile page.
_MAY_SEE = ("(" + SHOWN + " AND (" + IN_CONVERSATION + " OR " + LISTED + "))")

ADD_TO_SHORTLIST = """
MATCH (v:Person {id: $viewerId})
MATCH (j:Job {id: $jobId})-[:AT]->(c:Company)
WHERE """ + RECRUITER_OF_JOB + """
MATCH (p:Person)-[:HAS_PSEUDONYM]->(ps:Pseudonym {id: $pseudonymId, active: true})
WITH v, j, p, ps, """ + DEGREE + " AS degree, " + IS_VERIFIED_RECRUITER + """ AS isRecruiter
WHERE """ + _MAY_SEE + """
MERGE (j)-[s:SHORTLISTED]->(ps) ON CREATE SET s.since = $now, s.by = v.id
RETURN j.title AS title
"""

REMOVE_FROM_SHORTLIST = """
MATCH (v:Person {id: $viewerId})
MATCH (j:Job {id: $jobId})-[:AT]->(c:Company)
WHERE """ + RECRUITER_OF_JOB + """
MATCH (j)-[s:SHORTLISTED]->(:Pseudonym {id: $pseudonymId})
DELETE s
RETURN j.title AS title
"""

MATCH_SHORTLIST = """
MATCH (v:Person {id: $viewerId})
MATCH (j:Job {id: $jobId})-[:AT]->(c:Company)
WHERE """ + RECRUITER_OF_JOB + """
WITH v, j, """ + IS_VERIFIED_RECRUITER + """ AS isRecruiter
OPTIONAL MATCH (j)-[s:SHORTLISTED]->(ps:Pseudonym {active: true})<-[:HAS_PSEUDONYM]-(p:Person)
WITH v, j, isRecruiter, s, ps, p,
     CASE WHEN p IS NULL THEN 3 ELSE """ + DEGREE + """ END AS degree
WITH v, j, collect(CASE WHEN p IS NOT NULL AND """ + _MAY_SEE + """ THEN {
       pseudonym: """ + PSEUDONYM_FIELDS + """, since: s.since,
       hiddenFamilies: coalesce(ps.hiddenFamilies, []),
       skills: COLLECT { MATCH (p)-[:HAS_SKILL]->(k:Skill) RETURN k.name ORDER BY k.key }}
     END) AS rows
RETURN j {.id, .title} AS job, rows, """ + scope_of("v") + """ AS scope
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _by_public_id(tx, scopes, query, params):
    """Run ``query`` on the pseudonym behind the viewer's scoped id (another company's id
    finds nothing, as a missing one would)."""
    _, pseudonym_id = resolve_public_id(tx, scopes, params["viewerId"], params["publicId"])
    return _single(tx, query, {**params, "pseudonymId": pseudonym_id})


class ShortlistRepository(ScopedRepository):
    """The shortlists of a job's recruiters."""

    def add(self, viewer_id: str, job_id: str, pseudonym_id: str, now: str | None = None) -> str:
        """Shortlist a pseudonym for a job; returns the job's title. ``NotFound`` when the
        viewer does not recruit for the job or may not see the pseudonym (alike)."""
        row = self._write(_by_public_id, self.scopes, ADD_TO_SHORTLIST,
                          {"viewerId": viewer_id, "jobId": job_id, "publicId": pseudonym_id,
                           **visibility_params(now)})
        if row is None:
            raise NotFound("No such candidate or job.")
        return row["title"]

    def remove(self, viewer_id: str, job_id: str, pseudonym_id: str) -> None:
        """Take a pseudonym off a job's shortlist."""
        if self._write(_by_public_id, self.scopes, REMOVE_FROM_SHORTLIST,
                       {"viewerId": viewer_id, "jobId": job_id,
                        "publicId": pseudonym_id}) is None:
            raise NotFound("No such candidate on this shortlist.")

    def shortlist(self, viewer_id: str, job_id: str, now: str | None = None) -> list[dict]:
        """The job's shortlist as the viewer may see it (oldest first), generalised, each
        pseudonym as the viewer's scope knows it."""
        row = self._read(_single, MATCH_SHORTLIST, {"viewerId": viewer_id, "jobId": job_id,
                                                    **visibility_params(now or utc_now())})
        if row is None:
            raise NotFound("No such job.")
        seen = [{**r, "pseudonym": self.scopes.present(row["scope"], r["pseudonym"])}
                for r in row["rows"]]
        rows = sorted(seen, key=lambda r: (r["since"], r["pseudonym"]["id"]))
        return [generalised(r) for r in rows]
