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

**The reach, walked by Neo4j or read from the network index** (``graph.index``). Browsing
and a recruiter's search by fit (``graph.hiring.candidate_search``) list the pseudonyms of members within two degrees of
the viewer that ``graph.candidates.visibility`` lets the viewer see. The expensive part
is the walk: every friend of every friend, deduplicated, before a single rule is checked.
A warm index knows the friendship graph, so it can hand Cypher the ids of that reach
instead.

What the index supplies, and what it never decides:

- It supplies **only a set of member ids**: the viewer's friends and friends of friends
  as its last applied change left them. It holds no job status, pseudonym, position,
  work e-mail, role or block; nothing private goes into the index or is read from it.
- Cypher then checks, in the same query and with the same predicates as the walk:
  ``SHOWN`` (on the market, not the viewer, not tied to a company the candidate is hidden
  from) and ``LISTED`` (an active, already visible pseudonym; the recruiter's two degrees
  or the candidate's own ``memberReach``). The degree those rules use is computed again
  by Cypher (``DEGREE``) for each candidate that passed ``SHOWN``, never taken from the
  index.

So the indexed answer is the Cypher answer restricted to the index's reach: it can only
*leave out* a candidate the Cypher walk would list, never add one. A lagging index (a
friendship made elsewhere within the last poll) may leave out someone for up to a poll;
a friendship that ended, or a position that now ties the viewer, hides the candidate at
once, because both are read from Neo4j. With the index current (as after ``catch_up``,
which a process runs after its own writes) the two answers are equal;
``tests/test_candidate_reach_index.py`` checks that on random worlds, against networkx
too, and ``tests/test_candidate_reach_web.py`` through the app.

The per-pair checks (a profile, a shortlist, a conversation) ask ``DEGREE`` of one pair,
which Neo4j answers from the two members' own relationships; they stay in Cypher.
"""
from __future__ import annotations

from typing import Any

from graph.candidates.fields import KNOWN_SKILL_KEYS, families_of, filter_families
from graph.candidates.visibility import (DEGREE, IN_CONVERSATION, IS_VERIFIED_RECRUITER, LISTED,
                                         SHOWN, ScopedRepository, resolve_public_id, scope_of,
                                         visibility_params)
from graph.companies.recruiters import is_active_recruiter
from graph.index import reads as index_reads
from graph.keys import normalised_key

MAX_FILTER_SKILLS = 10

# The public face of a pseudonym: what any page may show about an unrevealed candidate.
PSEUDONYM_FIELDS = ("ps {.id, .hanzi, .pinyin, .generation, .rank, .novel, .author, "
                    ".headline, .seniority, .industry, .region}")

# The viewer's friends (degree 1) and friends of friends (degree 2), each once, walked
# by Neo4j: the reference the index is tested against, and the fallback while it is cold.
WITHIN_TWO_DEGREES = """CALL (v) {
  MATCH (v)-[:FRIENDS_WITH]-(p:Person) RETURN p, 1 AS degree
  UNION
  MATCH (v)-[:FRIENDS_WITH]-(:Person)-[:FRIENDS_WITH]-(p:Person)
  WHERE p <> v AND NOT EXISTS { (v)-[:FRIENDS_WITH]-(p) }
  RETURN p, 2 AS degree
}
"""

# Given ``v`` and ``isRecruiter``: binds ``p``, ``ps`` and ``degree`` for every candidate
# the viewer may find by browsing, walking the reach in Neo4j.
VISIBLE_WITHIN_REACH = WITHIN_TWO_DEGREES + """MATCH (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
WHERE """ + SHOWN + " AND " + LISTED + "\n"

# The same, over the ids in ``$reachIds`` (the index's reach). ``SHOWN`` first, then the
# degree from Neo4j for the few that pass, then ``LISTED`` on that degree: the rules of
# ``VISIBLE_WITHIN_REACH`` split at the point where the degree is needed.
VISIBLE_WITHIN_INDEXED_REACH = """UNWIND $reachIds AS reachId
MATCH (p:Person {id: reachId})-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
WHERE """ + SHOWN + """
WITH *, """ + DEGREE + """ AS degree
WHERE """ + LISTED + "\n"


def indexed_reach(index: Any, viewer_id: str) -> list[str] | None:
    """The ids of the viewer's friends and friends of friends from the warm network
    index, or ``None`` when it cannot say (no index, not warm yet, or a viewer it does not
    know yet): the caller then walks the reach in Cypher."""
    if index is None or not index.warm:
        return None
    with index.read() as graph:
        if graph is None or graph.dense(viewer_id) is None:
            return None
        first, second = index_reads.two_degree_reach(graph, viewer_id)
    return sorted(first | second)


def reach_query(indexed: bool, head: str, tail: str) -> str:
    """``head`` + the visible candidates within reach (walked, or from ``$reachIds``) +
    ``tail``: the two forms of a query, composed at import time from constants."""
    return head + (VISIBLE_WITHIN_INDEXED_REACH if indexed else VISIBLE_WITHIN_REACH) + tail


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
# rule still checked here: graph.candidates.search).
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
        many there are in all. Filters: any of ``skills``, a seniority band, a region.
        With a warm network index the two-degree reach comes from it; every rule is still
        decided in Cypher (``graph.candidates.search``)."""
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
