"""Degrees of connection, mutual friends and the viewer's network.

Degrees: 0 is the viewer, 1 a friend, 2 a friend of a friend, 3 stands for "3rd+"
(further away or not connected at all). Every list of people gets its badges from
``badges``: one query for the whole list.
"""
from __future__ import annotations

from contextlib import nullcontext

from graph.base import Repository
from graph.errors import NotFound
from graph.index import reads as index_reads
from graph.people.name_keys import search_terms

THIRD_OR_MORE = 3

# For each target: degree, how many mutual friends, and the closest few of them.
# A mutual friend's closeness to the viewer is how many friends the two share: the
# friend you know best is the one to ask for an introduction, so they come first.
#
# Shaped for speed (docs/benchmarks.md, Q1): the viewer's friends are collected once and
# tested with `IN`, which Neo4j answers from a hash set built once per query, instead of a
# relationship check per row; the targets are found with one index seek; and each mutual
# friend's closeness is counted once even when it links the viewer to several targets.
# The work is then one pass over the targets' friends plus one over the mutual friends'.
MATCH_BADGES = """
MATCH (v:Person {id: $viewerId})
WITH v, COLLECT { MATCH (v)-[:FRIENDS_WITH]-(f:Person) RETURN f } AS friends
CALL (v, friends) {
  MATCH (t:Person)-[:FRIENDS_WITH]-(m)
  WHERE t.id IN $targetIds AND t <> v AND m IN friends
  WITH m, collect(t) AS linked
  WITH m, linked, COUNT { (m)-[:FRIENDS_WITH]-(x) WHERE x IN friends } AS closeness
  ORDER BY closeness DESC, m.name, m.id
  UNWIND linked AS t
  WITH t, count(m) AS mutualCount, collect(m {.id, .name, closeness: closeness})[..$shown] AS mutuals
  RETURN collect({t: t, mutualCount: mutualCount, mutuals: mutuals}) AS found
}
UNWIND $targetIds AS targetId
MATCH (t:Person {id: targetId})
WITH v, friends, t, [f IN found WHERE f.t = t][0] AS f
RETURN t.id AS id,
       CASE WHEN t = v THEN 0
            WHEN t IN friends THEN 1
            WHEN f IS NOT NULL THEN 2
            ELSE 3 END AS degree,
       coalesce(f.mutualCount, 0) AS mutualCount, coalesce(f.mutuals, []) AS mutuals
"""

MATCH_FIRST_DEGREE_PAGE = """
MATCH (v:Person {id: $viewerId})-[:FRIENDS_WITH]-(f:Person)
WITH f ORDER BY f.name, f.id SKIP $skip LIMIT $limit
RETURN f {.id, .name, .headline} AS person
"""

COUNT_FIRST_DEGREE = """
MATCH (v:Person {id: $viewerId})
RETURN COUNT { (v)-[:FRIENDS_WITH]-(:Person) } AS total
"""

MATCH_SECOND_DEGREE_PAGE = """
MATCH (v:Person {id: $viewerId})-[:FRIENDS_WITH]-(f:Person)-[:FRIENDS_WITH]-(s:Person)
WHERE s <> v AND NOT EXISTS { (v)-[:FRIENDS_WITH]-(s) }
WITH s, f ORDER BY f.name, f.id
WITH s, collect(f {.id, .name}) AS via
ORDER BY size(via) DESC, s.name, s.id
SKIP $skip LIMIT $limit
RETURN s {.id, .name, .headline} AS person, size(via) AS mutualCount, via[..3] AS via
"""

COUNT_SECOND_DEGREE = """
MATCH (v:Person {id: $viewerId})-[:FRIENDS_WITH]-(:Person)-[:FRIENDS_WITH]-(s:Person)
WHERE s <> v AND NOT EXISTS { (v)-[:FRIENDS_WITH]-(s) }
RETURN count(DISTINCT s) AS total
"""

MATCH_PERSON_EXISTS = "MATCH (p:Person {id: $id}) RETURN p.id AS id"

# The page's people, for a page whose order the network index decided.
MATCH_PEOPLE_BY_ID = """
UNWIND $ids AS id
MATCH (s:Person {id: id})
RETURN s {.id, .name, .headline} AS person
"""

# People search: by name, skill or company (current or past), each member once; the
# viewer's friends first, then friends of friends, then everyone else, each by name.
# A constant fragment shared by the Cypher search and the index's (no value inside).
# Names match as written (nameLower), as toneless pinyin without spaces (namePinyin) or by
# the initials' prefix (nameInitials): keys written with the name (graph.people.name_keys)
# and each read through its own text index, so no name is converted per query. A key that
# does not apply to the query unwinds nothing: a guard in WHERE would run after a scan of
# the whole index.
PEOPLE_MATCHING = """
CALL () {
  MATCH (p:Person) WHERE p.nameLower CONTAINS $q RETURN p
  UNION
  UNWIND CASE $qCompact WHEN '' THEN [] ELSE [$qCompact] END AS compact
  MATCH (p:Person) WHERE p.namePinyin CONTAINS compact RETURN p
  UNION
  UNWIND CASE $qInitials WHEN '' THEN [] ELSE [$qInitials] END AS initials
  MATCH (p:Person) WHERE p.nameInitials STARTS WITH initials RETURN p
  UNION
  UNWIND CASE $qInitials WHEN '' THEN [] ELSE [' ' + $qInitials] END AS later
  MATCH (p:Person) WHERE p.nameInitials CONTAINS later RETURN p
  UNION
  MATCH (p:Person)-[:HAS_SKILL]->(s:Skill) WHERE s.key CONTAINS $q RETURN p
  UNION
  MATCH (p:Person)-[:WORKS_AT]->(c:Company) WHERE c.key CONTAINS $q RETURN p
}
"""

MATCH_PEOPLE_SEARCH = """
MATCH (v:Person {id: $viewerId})
WITH v, COLLECT { MATCH (v)-[:FRIENDS_WITH]-(f:Person) RETURN DISTINCT f } AS friends
""" + PEOPLE_MATCHING + """
// Closeness by list membership (a hash lookup), not a 2-hop pattern per match: that
// walked from every match back to the viewer (seconds for a surname at 100k members).
WITH p, CASE WHEN p = v THEN 0
             WHEN p IN friends THEN 1
             WHEN EXISTS { (p)-[:FRIENDS_WITH]-(m:Person) WHERE m IN friends } THEN 2
             ELSE 3 END AS closeness
ORDER BY closeness, p.name, p.id
WITH collect(p) AS found
RETURN size(found) AS total,
       [p IN found[$skip..$skip + $limit] | p {.id, .name, .headline, .city,
         company: head(COLLECT { MATCH (p)-[r:WORKS_AT {current: true}]->(c:Company)
                                 RETURN c.name ORDER BY r.start DESC })}] AS people
"""


# The same matches, for the index's closeness: ids and names only.
MATCH_PEOPLE_SEARCH_MATCHES = PEOPLE_MATCHING + "RETURN p.id AS id, p.name AS name\n"

MATCH_SEARCH_ROWS = """
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p {.id, .name, .headline, .city,
          company: head(COLLECT { MATCH (p)-[r:WORKS_AT {current: true}]->(c:Company)
                                  RETURN c.name ORDER BY r.start DESC })} AS person
"""


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _page(tx, page_query, count_query, params):
    total = tx.run(count_query, params).single()["total"]
    rows = [record.data() for record in tx.run(page_query, params)]
    return rows, total


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


class NetworkRepository(Repository):
    """Answers "how am I connected to this person?" for one person or a whole list.

    With a warm network index (``graph.index``) the friendship walks run in memory and
    only the page's rows are read from Neo4j; otherwise, and as the reference the index is
    tested against, the Cypher above answers.
    """

    def __init__(self, driver, database, index=None):
        super().__init__(driver, database)
        self.index = index

    @classmethod
    def from_settings(cls, driver, database, settings, index=None):
        return cls(driver, database, index)

    def _indexed(self):
        """A context yielding the warm index's graph, or ``None`` (use Cypher)."""
        return self.index.read() if self.index is not None else nullcontext(None)

    def badges(self, viewer_id: str, target_ids: list[str], shown: int = 3) -> dict[str, dict]:
        """Degree, mutual-friend count and the ``shown`` closest mutual friends for each
        target, keyed by target id, in a single query. Unknown ids are left out."""
        if not target_ids:
            return {}
        with self._indexed() as graph:
            if graph is not None:
                return index_reads.badges(graph, viewer_id, target_ids, shown)
        rows = self._read(_rows, MATCH_BADGES,
                          {"viewerId": viewer_id, "targetIds": list(dict.fromkeys(target_ids)),
                           "shown": shown})
        return {row["id"]: row for row in rows}

    def connection(self, viewer_id: str, target_id: str) -> dict:
        """Degree and every mutual friend (closest first) between viewer and target;
        raises ``NotFound`` for an unknown target."""
        found = self.badges(viewer_id, [target_id], shown=1000)
        if target_id not in found:
            raise NotFound("No such member.")
        return found[target_id]

    def first_degree(self, viewer_id: str, skip: int, limit: int) -> tuple[list[dict], int]:
        """A page of the viewer's friends by name, and how many friends in all."""
        return self._read(_page, MATCH_FIRST_DEGREE_PAGE, COUNT_FIRST_DEGREE,
                          {"viewerId": viewer_id, "skip": skip, "limit": limit})

    def friend_count(self, viewer_id: str) -> int:
        """How many friends the viewer has."""
        row = self._read(_single, COUNT_FIRST_DEGREE, {"viewerId": viewer_id})
        return row["total"] if row else 0

    def second_degree(self, viewer_id: str, skip: int, limit: int) -> tuple[list[dict], int]:
        """A page of friends of friends (most mutual friends first) with the friends
        they are reached through, and how many such people in all."""
        with self._indexed() as graph:
            page = (index_reads.second_degree(graph, viewer_id, skip, limit)
                    if graph is not None else None)
        if page is not None:
            rows, total = page
            people = {row["person"]["id"]: row["person"]
                      for row in self._read(_rows, MATCH_PEOPLE_BY_ID,
                                            {"ids": [r["id"] for r in rows]})}
            return ([{"person": people[r["id"]], "mutualCount": r["mutualCount"],
                      "via": r["via"]} for r in rows if r["id"] in people], total)
        return self._read(_page, MATCH_SECOND_DEGREE_PAGE, COUNT_SECOND_DEGREE,
                          {"viewerId": viewer_id, "skip": skip, "limit": limit})

    def search_people(self, viewer_id: str, query: str, skip: int,
                      limit: int) -> tuple[list[dict], int]:
        """Members whose name (as written, in toneless pinyin with or without spaces, or
        by its initials), a skill or a company contains ``query`` (case-insensitive),
        closest to the viewer first, then by name: one page of them and the total."""
        terms = search_terms(query)
        if self.index is not None and self.index.warm:
            matches = self._read(_rows, MATCH_PEOPLE_SEARCH_MATCHES, terms)
            with self._indexed() as graph:
                ranked = (index_reads.rank_by_closeness(graph, viewer_id, matches)
                          if graph is not None else None)
            if ranked is not None:
                page_ids = [match["id"] for match in ranked[skip:skip + limit]]
                people = {row["person"]["id"]: row["person"]
                          for row in self._read(_rows, MATCH_SEARCH_ROWS, {"ids": page_ids})}
                return [people[i] for i in page_ids if i in people], len(ranked)
        row = self._read(_single, MATCH_PEOPLE_SEARCH,
                         {**terms, "viewerId": viewer_id, "skip": skip, "limit": limit})
        return (row["people"], row["total"]) if row else ([], 0)
