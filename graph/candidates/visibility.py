"""Who may see a pseudonymous candidate: Cypher predicates shared by every query that
shows one (browse, profile, conversations), so the rules live in one place.

Each predicate is a constant over the variables ``v`` (the viewer, a ``:Person``),
``p`` (the candidate, a ``:Person``) and ``ps`` (the candidate's ``:Pseudonym``), and is
concatenated into the queries that use it: constants only, values stay ``$parameters``
(``$seeking`` and ``$now``; see ``visibility_params``).

The rules (``../shared/product.md``):
- only members whose job status is "looking" or "open" are shown;
- never to anyone *tied* to a company the candidate is hidden from: their current
  employers (by position, or by their own confirmed work e-mail's domain) and every
  company on their block list, under any alias or folded spelling of its name. The viewer
  is tied by a current position, a confirmed work e-mail on one of its domains, or a
  recruiter (any request status) or admin role (``graph.companies.ties``);
- verified recruiters (active: ``graph.companies.recruiters``) see the candidates within two degrees; other members only where
  the candidate's ``memberReach`` setting allows (0: nobody, 1: friends, 2: two degrees);
- once a conversation exists, its counterpart sees that pseudonym whatever the degree;
- a freshly rotated pseudonym is listed only from ``visibleFrom`` on.
"""
from __future__ import annotations

from graph.base import utc_now
from graph.companies.recruiters import is_active_recruiter
from graph.companies.ties import TIED

SEEKING = ("looking", "open")

# The viewer is tied to the candidate's employer or to a company they block.
EMPLOYER_CONFLICT = TIED

IS_VERIFIED_RECRUITER = is_active_recruiter("v")

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
