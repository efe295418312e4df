"""Finding pseudonymous candidates: the browse list and the pseudonymous profile.

Only pseudonym fields and the candidate's skill *families* ever leave this module (the
exact skills are on the member page, so they would link the two: ``generalised`` turns
them into families before a row leaves); the member's name, e-mail, employer, school,
dates and id are never returned. Whether a candidate is
hidden from the viewer or does not exist, the answer is the same (``None`` / left out),
decided inside the query (``graph.candidates.visibility``).

Lists are ordered by skill match, then by pseudonym name and random id: nothing that
follows from the member (creation time, member id, degree) orders them.
"""
from __future__ import annotations

from graph.base import Repository
from graph.candidates.fields import KNOWN_SKILL_KEYS, families_of, filter_families
from graph.candidates.visibility import (DEGREE, IN_CONVERSATION, IS_VERIFIED_RECRUITER, LISTED,
                                         SHOWN, visibility_params)
from graph.companies.recruiters import is_active_recruiter
from graph.keys import normalised_key

MAX_FILTER_SKILLS = 10

# The public face of a pseudonym: what any page may show about an unrevealed candidate.
PSEUDONYM_FIELDS = ("ps {.id, .hanzi, .pinyin, .generation, .rank, .novel, .author, "
                    ".headline, .seniority, .industry, .region}")

MATCH_BROWSE = """
MATCH (v:Person {id: $viewerId})
WITH v, """ + IS_VERIFIED_RECRUITER + """ AS isRecruiter
CALL (v) {
  MATCH (v)-[:FRIENDS_WITH]-(p:Person) RETURN p, 1 AS degree
  UNION
  MATCH (v)-[:FRIENDS_WITH]-(:Person)-[:FRIENDS_WITH]-(p:Person)
  WHERE p <> v AND NOT EXISTS { (v)-[:FRIENDS_WITH]-(p) }
  RETURN p, 2 AS degree
}
MATCH (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
WHERE """ + SHOWN + " AND " + LISTED + """
  AND ($seniority IS NULL OR ps.seniority = $seniority)
  AND ($region IS NULL OR ps.region = $region)
// Skill filters match by family (graph.candidates.fields), never by exact
// skill, and never a family the candidate hides: filters cannot probe the exact list.
WITH p, ps, size([fam IN $families WHERE NOT fam.key IN coalesce(ps.hiddenFamilies, [])
                  AND EXISTS { MATCH (p)-[:HAS_SKILL]->(s:Skill)
                               WHERE s.key IN fam.keys
                                  OR (fam.other AND NOT s.key IN $knownKeys) }]) AS matched
WHERE size($families) = 0 OR matched > 0
WITH p, ps, matched ORDER BY matched DESC, ps.pinyin, ps.generation, ps.id
WITH collect({pseudonym: """ + PSEUDONYM_FIELDS + """, matched: matched,
              hiddenFamilies: coalesce(ps.hiddenFamilies, []),
              skills: COLLECT { MATCH (p)-[:HAS_SKILL]->(s:Skill)
                                RETURN s.name ORDER BY s.key }}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS candidates
"""

# The profile: its owner, a counterpart in one of its conversations, or a viewer who
# may find it by browsing. Anything else gets no row, exactly like an unknown id.
MATCH_PROFILE = """
MATCH (v:Person {id: $viewerId})
MATCH (p:Person)-[:HAS_PSEUDONYM]->(ps:Pseudonym {id: $pseudonymId, active: true})
WITH v, p, ps, """ + DEGREE + " AS degree, " + IS_VERIFIED_RECRUITER + """ AS isRecruiter
WHERE v = p OR (""" + SHOWN + " AND (" + IN_CONVERSATION + " OR " + LISTED + """))
RETURN """ + PSEUDONYM_FIELDS + """ AS pseudonym, v = p AS own,
       coalesce(ps.hiddenFamilies, []) AS hiddenFamilies,
       COLLECT { MATCH (p)-[:HAS_SKILL]->(s:Skill) RETURN s.name ORDER BY s.key } AS skills
"""

# A recruiter's open jobs at companies they are verified for, to attach to a message.
MATCH_OWN_OPEN_JOBS = """
MATCH (v:Person {id: $viewerId})-[:POSTED]->(j:Job {status: 'open'})-[:AT]->(c:Company)
WHERE """ + is_active_recruiter("v", "c") + """
RETURN j.id AS id, j.title AS title, c.name AS company
ORDER BY j.title, c.name, j.id
"""

def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def generalised(row: dict | None) -> dict | None:
    """A candidate row as others see it: skill families instead of skills, without the
    families the candidate hides."""
    if row is None:
        return None
    row = dict(row)
    row["skills"] = families_of(row.get("skills") or [], row.pop("hiddenFamilies", []))
    return row


def skill_keys(skills: list[str]) -> list[str]:
    """Normalised, de-duplicated skill keys for a filter (at most ``MAX_FILTER_SKILLS``)."""
    keys = [normalised_key(s) for s in skills if normalised_key(s)]
    return list(dict.fromkeys(keys))[:MAX_FILTER_SKILLS]


class CandidateSearchRepository(Repository):
    """Pseudonymous candidates as a recruiter or contact may see them."""

    def browse(self, viewer_id: str, skills: list[str], seniority: str | None,
               region: str | None, skip: int, limit: int,
               now: str | None = None) -> tuple[list[dict], int]:
        """One page of the candidates the viewer may see, best skill match first, and how
        many there are in all. Filters: any of ``skills``, a seniority band, a region."""
        params = {"viewerId": viewer_id, "families": filter_families(skill_keys(skills)),
                  "knownKeys": KNOWN_SKILL_KEYS,
                  "seniority": seniority or None, "region": region or None,
                  "skip": skip, "limit": limit, **visibility_params(now)}
        row = self._read(_single, MATCH_BROWSE, params)
        if row is None:
            return [], 0
        return [generalised(c) for c in row["candidates"]], row["total"]

    def profile(self, viewer_id: str, pseudonym_id: str, now: str | None = None) -> dict | None:
        """The pseudonymous profile if the viewer may see it, else None (hidden and
        unknown alike)."""
        return generalised(self._read(_single, MATCH_PROFILE,
                                      {"viewerId": viewer_id, "pseudonymId": pseudonym_id,
                                       **visibility_params(now)}))

    def own_open_jobs(self, viewer_id: str) -> list[dict]:
        """The viewer's open jobs (as a verified recruiter), for the message form."""
        return self._read(_rows, MATCH_OWN_OPEN_JOBS, {"viewerId": viewer_id})
