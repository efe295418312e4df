"""Finding pseudonymous candidates: the browse list and the pseudonymous profile.

Only pseudonym fields and the candidate's skill *families* ever leave this module (the
exact skills are on the member page, so they would link the two: ``generalised`` turns
them into families before a row leaves); the member's name, e-mail, employer, school,
dates and id are never returned. Whether a candidate is
hidden from the viewer or does not exist, the answer is the same (``None`` / left out),
decided inside the query (``graph.candidates.visibility``).

Pseudonyms leave as the viewer's scope sees them (``graph.candidates.visibility``: an id and a
name per company), never with their system id or name. Lists are ordered by skill match,
then by the scoped name and id: nothing that follows from the member (creation time,
member id, degree), nor anything two companies would share, orders them.
"""
from __future__ import annotations

from graph.candidates.fields import KNOWN_SKILL_KEYS, families_of, filter_families
from graph.candidates.reach import indexed_reach, reach_query
from graph.candidates.visibility import (DEGREE, IN_CONVERSATION, IS_VERIFIED_RECRUITER, LISTED,
                                         SHOWN, ScopedRepository, resolve_public_id, scope_of,
                                         visibility_params)
from graph.companies.recruiters import is_active_recruiter
from graph.keys import normalised_key

MAX_FILTER_SKILLS = 10

# The public face of a pseudonym: what any page may show about an unrevealed candidate.
PSEUDONYM_FIELDS = ("ps {.id, .hanzi, .pinyin, .generation, .rank, .novel, .author, "
                    ".headline, .seniority, .industry, .region}")

_BROWSE_HEAD = """
MATCH (v:Person {id: $viewerId})
WITH v, """ + IS_VERIFIED_RECRUITER + " AS isRecruiter, " + scope_of("v") + """ AS scope
"""

_BROWSE_TAIL = """WITH p, ps, scope WHERE ($seniority IS NULL OR ps.seniority = $seniority)
  AND ($region IS NULL OR ps.region = $region)
// Skill filters match by family (graph.candidates.fields), never by exact
// skill, and never a family the candidate hides: filters cannot probe the exact list.
WITH p, ps, scope, size([fam IN $families WHERE NOT fam.key IN coalesce(ps.hiddenFamilies, [])
                  AND EXISTS { MATCH (p)-[:HAS_SKILL]->(s:Skill)
                               WHERE s.key IN fam.keys
                                  OR (fam.other AND NOT s.key IN $knownKeys) }]) AS matched
WHERE size($families) = 0 OR matched > 0
// Ordered in Python by the *scoped* name (``ordered``): an order by the system name
// would be the same for every company, and two companies could line their lists up.
WITH scope, collect({pseudonym: """ + PSEUDONYM_FIELDS + """, matched: matched,
              hiddenFamilies: coalesce(ps.hiddenFamilies, []),
              skills: COLLECT { MATCH (p)-[:HAS_SKILL]->(s:Skill)
                                RETURN s.name ORDER BY s.key }}) AS found
RETURN scope, found AS candidates
"""

# The candidates the viewer may see, the reach walked by Neo4j (the reference, and the
# fallback while the network index is cold) or read from the index (``$reachIds``; every
# rule still checked here: graph.candidates.reach).
MATCH_BROWSE = reach_query(False, _BROWSE_HEAD, _BROWSE_TAIL)
MATCH_BROWSE_INDEXED = reach_query(True, _BROWSE_HEAD, _BROWSE_TAIL)

# The profile: its owner, a counterpart in one of its conversations, or a viewer who
# may find it by browsing. Anything else gets no row, exactly like an unknown id.
MATCH_PROFILE = """
MATCH (v:Person {id: $viewerId})
MATCH (p:Person)-[:HAS_PSEUDONYM]->(ps:Pseudonym {id: $pseudonymId, active: true})
WITH v, p, ps, """ + DEGREE + " AS degree, " + IS_VERIFIED_RECRUITER + """ AS isRecruiter
WHERE v = p OR (""" + SHOWN + " AND (" + IN_CONVERSATION + " OR " + LISTED + """))
RETURN """ + PSEUDONYM_FIELDS + """ AS pseudonym, v = p AS own, $scope AS scope,
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


def ordered(scopes, scope: str, rows: list[dict]) -> list[dict]:
    """Candidate rows with their pseudonyms as ``scope`` sees them, best skill match
    first, then by the scoped name and id: nothing that follows from the member, nor the
    system name, orders them."""
    seen = [{**row, "pseudonym": scopes.present(scope, row["pseudonym"])} for row in rows]
    return sorted(seen, key=lambda row: (-row["matched"], row["pseudonym"]["pinyin"],
                                         row["pseudonym"]["generation"],
                                         row["pseudonym"]["id"]))


def seen_profile(scopes, row: dict | None) -> dict | None:
    """A profile row from ``MATCH_PROFILE`` as its viewer sees it: the scoped id, and the
    scoped name for everyone but the owner (who knows their pseudonym by its own name)."""
    if row is None:
        return None
    row = dict(row)
    pseudonym, scope = row["pseudonym"], row.pop("scope")
    if row["own"]:
        row["pseudonym"] = {**pseudonym, "id": scopes.public_id(scope, pseudonym["id"])}
    else:
        row["pseudonym"] = scopes.present(scope, pseudonym)
    return generalised(row)


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


def _profile(tx, scopes, params):
    # The id is decoded under the viewer's scope; another company's id (or a made-up one)
    # runs the same query with an id that matches nothing, exactly like a missing one.
    scope, pseudonym_id = resolve_public_id(tx, scopes, params["viewerId"],
                                            params["pseudonymId"])
    return seen_profile(scopes, _single(tx, MATCH_PROFILE, {
        **params, "pseudonymId": pseudonym_id, "scope": scope}))


class CandidateSearchRepository(ScopedRepository):
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
        reach = indexed_reach(self.index, viewer_id)
        if reach is None:
            row = self._read(_single, MATCH_BROWSE, params)
        else:
            row = self._read(_single, MATCH_BROWSE_INDEXED, {**params, "reachIds": reach})
        if row is None:
            return [], 0
        found = ordered(self.scopes, row["scope"], row["candidates"])
        return [generalised(c) for c in found[skip:skip + limit]], len(found)

    def profile(self, viewer_id: str, pseudonym_id: str, now: str | None = None) -> dict | None:
        """The pseudonymous profile if the viewer may see it, else None (hidden, unknown
        and another scope's id alike). ``pseudonym_id`` is the id as the viewer's scope
        sees it (``graph.candidates.visibility``)."""
        return self._read(_profile, self.scopes,
                          {"viewerId": viewer_id, "pseudonymId": pseudonym_id,
                           **visibility_params(now)})

    def own_open_jobs(self, viewer_id: str) -> list[dict]:
        """The viewer's open jobs (as a verified recruiter), for the message form."""
        return self._read(_rows, MATCH_OWN_OPEN_JOBS, {"viewerId": viewer_id})
