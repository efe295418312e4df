"""The two-degree reach of candidate browsing, walked by Neo4j or read from the network
index (``graph.index``), with every visibility rule still decided in Cypher.

Browsing (``graph.candidates.search``) and a recruiter's search by fit
(``graph.hiring.candidate_search``) list the pseudonyms of members within two degrees of
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
too, and through the app.

The per-pair checks (a profile, a shortlist, a conversation) ask ``DEGREE`` of one pair,
which Neo4j answers from the two members' own relationships; they stay in Cypher.
"""
from __future__ import annotations

from typing import Any

from graph.candidates.visibility import DEGREE, LISTED, SHOWN
from graph.index import reads as index_reads

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
