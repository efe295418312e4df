"""Who may see a pseudonymous candidate: Cypher predicates shared by every query that
shows one (browse, profile, conversations), so the rules live in one place.

Each predicate is a constant over the variables ``v`` (the viewer, a ``:Person``),
``p`` (the candidate, a ``:Person``) and ``ps`` (the candidate's ``:Pseudonym``), and is
concatenated into the queries that use it: constants only, values stay ``$parameters``
(``$seeking`` and ``$now``; see ``visibility_params``).

The rules (``../shared/product.md``):
- only members whose job status is "looking" or "open" are shown;
- never to anyone who works at (currently), recruits for (any request status) or
  administers the candidate's current employer;
- verified recruiters see the candidates within two degrees; other members only where
  the candidate's ``memberReach`` setting allows (0: nobody, 1: friends, 2: two degrees);
- once a conversation exists, its counterpart sees that pseudonym whatever the degree;
- a freshly rotated pseudonym is listed only from ``visibleFrom`` on.
"""
from __future__ import annotations

from graph.base import utc_now

SEEKING = ("looking", "open")

# The viewer is at, recruits for or administers the candidate's current employer.
EMPLOYER_CONFLICT = """EXISTS {
  MATCH (p)-[:WORKS_AT {current: true}]->(:Company)<-[r:WORKS_AT|RECRUITS_FOR|ADMIN_OF]-(v)
  WHERE type(r) <> 'WORKS_AT' OR r.current = true
}"""

IS_VERIFIED_RECRUITER = "EXISTS { (v)-[:RECRUITS_FOR {status: 'verified'}]->(:Company) }"

# 1 friend, 2 friend of a friend, 3 further or unconnected.
DEGREE = """CASE WHEN EXISTS { (v)-[:FRIENDS_WITH]-(p) } THEN 1
     WHEN EXISTS { (v)-[:FRIENDS_WITH]-(:Person)-[:FRIENDS_WITH]-(p) } THEN 2
     ELSE 3 END"""

# The candidate is on the market and the viewer is not at their employer.
SHOWN = "(v <> p AND p.jobStatus IN $seeking AND NOT " + EMPLOYER_CONFLICT + ")"

# Given ``degree`` and ``isRecruiter`` in scope: the viewer may find ``ps`` by browsing.
LISTED = """(ps.active = true AND ps.visibleFrom <= $now AND degree <= 2
  AND (isRecruiter OR degree <= ps.memberReach))"""

IN_CONVERSATION = "EXISTS { (v)<-[:COUNTERPART]-(:Conversation)-[:CANDIDATE]->(ps) }"


def visibility_params(now: str | None = None) -> dict:
    """The parameters every visibility predicate needs."""
    return {"seeking": list(SEEKING), "now": now or utc_now()}
