"""People you may know: one ranked, paged query over everything that links two members.

The score of a candidate ``c`` for viewer ``v`` (the README states the same):

    score = 3 × mutual friends
          + 2 × companies both have worked at (current or past, any overlap in time)
          + 1 × schools both attended
          + 6 if c is in v's imported address book
          + 4 more if v is also in c's imported address book ("each other's contacts")
          + 2 if v follows c (an imported follow list)

Candidates are everyone reached by one of those links, minus v, v's friends, anyone with
a pending request either way, and anyone v dismissed. Ties go by name, then id.
That c has v in their address book counts only when v has c in theirs too: on its own
it would tell v who keeps their number.

With a warm network index (``graph.index``) the scoring and the order come from memory
(``graph.index.suggest``): only the viewer's own links (requests, dismissals, imported
contacts) and the page's rows are read from Neo4j. The Cypher stays as the fallback and as
the reference; ``tests/test_network_index_profiles.py`` checks the two give equal pages.
"""
from __future__ import annotations

import logging

from graph.base import Repository, utc_now
from graph.errors import Invalid, NotFound
from graph.index.suggest import rank_suggestions

logger = logging.getLogger(__name__)

WEIGHTS = {"mutual": 3, "company": 2, "school": 1, "contact": 6, "eachOther": 4, "follow": 2}

# Scored first, named last. Each link kind is one pass that yields a row of points per
# (candidate, link): a row per mutual friend (each friend's friends), per shared company
# and school (their people), per address-book or follow-list match. Points are summed per
# candidate; candidates are grouped by score, so the page is found among the few best
# score groups, and only its rows get names, mutual friends, companies and schools.
# (Building a map per candidate before ranking, with names, cost 3-4x more at 100k
# members, where a member's companies alone reach tens of thousands of people.)
# Membership tests use lists (``c IN excluded``), which Neo4j answers with a hash set;
# the viewer's friends are listed by name, so a row's first mutual friends are its shown ones.
MATCH_SUGGESTIONS_PAGE = """
MATCH (v:Person {id: $meId})
WITH v, COLLECT { MATCH (v)-[:FRIENDS_WITH]-(f:Person)
                  RETURN DISTINCT f ORDER BY f.name, f.id } AS friends
WITH v, friends,
     friends + [v] + COLLECT { MATCH (v)-[:FRIEND_REQUEST]-(p:Person) RETURN p }
       + COLLECT { MATCH (v)-[:DISMISSED_SUGGESTION]->(d:Person) RETURN d } AS excluded
CALL (v, friends, excluded) {
  CALL (v, friends, excluded) {
    UNWIND friends AS f
    MATCH (f)-[:FRIENDS_WITH]-(c:Person)
    WHERE NOT c IN excluded
    RETURN c, $w.mutual AS points, 1 AS mutual
    UNION ALL
    MATCH (v)-[:WORKS_AT]->(co:Company)
    WITH DISTINCT co
    MATCH (co)<-[:WORKS_AT]-(c:Person)
    WHERE NOT c IN excluded
    WITH DISTINCT co, c
    RETURN c, $w.company AS points, 0 AS mutual
    UNION ALL
    MATCH (v)-[:STUDIED_AT]->(s:School)
    WITH DISTINCT s
    MATCH (s)<-[:STUDIED_AT]-(c:Person)
    WHERE NOT c IN excluded
    WITH DISTINCT s, c
    RETURN c, $w.school AS points, 0 AS mutual
    UNION ALL
    MATCH (v)-[:IMPORTED]->(i:ContactImport)-[:MATCHED]->(c:Person)
    WHERE NOT c IN excluded
    WITH DISTINCT c, i.kind AS kind
    RETURN c, CASE kind WHEN 'address_book' THEN $w.contact + CASE WHEN EXISTS {
                (c)-[:IMPORTED]->(:ContactImport {kind: 'address_book'})-[:MATCHED]->(v)
              } THEN $w.eachOther ELSE 0 END ELSE $w.follow END AS points, 0 AS mutual
  }
  WITH c, sum(points) AS score, sum(mutual) AS mutualCount
  WITH score, collect(c) AS people, collect(mutualCount) AS mutualCounts
  ORDER BY score DESC
  RETURN collect({score: score, people: people, mutualCounts: mutualCounts}) AS groups
}
WITH v, friends, reduce(n = 0, g IN groups | n + size(g.people)) AS total,
     [i IN range(0, size(groups) - 1)
      WHERE reduce(n = 0, g IN groups[..i] | n + size(g.people)) < $skip + $limit
      | groups[i]] AS needed
CALL (v, friends, needed) {
  UNWIND needed AS g
  UNWIND range(0, size(g.people) - 1) AS i
  WITH g.people[i] AS c, g.score AS score, g.mutualCounts[i] AS mutualCount
  ORDER BY score DESC, c.name, c.id
  SKIP $skip LIMIT $limit
  RETURN collect({
    person: c {.id, .name, .headline}, score: score, mutualCount: mutualCount,
    mutuals: [m IN friends WHERE EXISTS { (m)-[:FRIENDS_WITH]-(c) } | m {.id, .name}],
    companies: COLLECT { MATCH (v)-[:WORKS_AT]->(co:Company)<-[:WORKS_AT]-(c)
                         WITH DISTINCT co RETURN co.name ORDER BY co.name },
    schools: COLLECT { MATCH (v)-[:STUDIED_AT]->(s:School)<-[:STUDIED_AT]-(c)
                       WITH DISTINCT s RETURN s.name ORDER BY s.name },
    inContacts: EXISTS { (v)-[:IMPORTED]->(:ContactImport {kind: 'address_book'})
                         -[:MATCHED]->(c) },
    theirs: EXISTS { (c)-[:IMPORTED]->(:ContactImport {kind: 'address_book'})
                     -[:MATCHED]->(v) },
    follows: EXISTS { (v)-[:IMPORTED]->(:ContactImport {kind: 'follow_list'})
                      -[:MATCHED]->(c) }}) AS rows
}
// ``theirs`` alone would tell v who keeps their number: it leaves only as eachOther.
RETURN total, [r IN rows | r {.person, .score, .mutualCount, mutuals: r.mutuals[..3],
                              .companies, .schools, .inContacts, .follows,
                              eachOther: r.inContacts AND r.theirs}] AS rows
"""

# For a page the network index ranked: what only Neo4j knows of the viewer's links (the
# same clauses as above: a contact's points per (member, import kind)), then the page.
MATCH_VIEWER_LINKS = """
MATCH (v:Person {id: $meId})
RETURN COLLECT { MATCH (v)-[:FRIEND_REQUEST]-(p:Person) RETURN DISTINCT p.id }
       + COLLECT { MATCH (v)-[:DISMISSED_SUGGESTION]->(d:Person) RETURN DISTINCT d.id }
       AS excluded,
       COLLECT {
         MATCH (v)-[:IMPORTED]->(i:ContactImport)-[:MATCHED]->(c:Person)
         WITH DISTINCT c, i.kind AS kind
         RETURN {id: c.id, points: CASE kind WHEN 'address_book' THEN $w.contact + CASE WHEN
                 EXISTS { (c)-[:IMPORTED]->(:ContactImport {kind: 'address_book'})
                          -[:MATCHED]->(v) } THEN $w.eachOther ELSE 0 END ELSE $w.follow END}
       } AS contacts
"""

MATCH_SUGGESTION_ROWS = """
MATCH (v:Person {id: $meId})
UNWIND range(0, size($ids) - 1) AS position
MATCH (c:Person {id: $ids[position]})
WITH v, c, position,
     EXISTS { (v)-[:IMPORTED]->(:ContactImport {kind: 'address_book'})-[:MATCHED]->(c) }
       AS inContacts
RETURN position, c {.id, .name, .headline} AS person,
       COLLECT { MATCH (v)-[:WORKS_AT]->(co:Company)<-[:WORKS_AT]-(c)
                 WITH DISTINCT co RETURN co.name ORDER BY co.name } AS companies,
       COLLECT { MATCH (v)-[:STUDIED_AT]->(s:School)<-[:STUDIED_AT]-(c)
                 WITH DISTINCT s RETURN s.name ORDER BY s.name } AS schools,
       inContacts,
       EXISTS { (v)-[:IMPORTED]->(:ContactImport {kind: 'follow_list'})-[:MATCHED]->(c) }
         AS follows,
       inContacts AND EXISTS { (c)-[:IMPORTED]->(:ContactImport {kind: 'address_book'})
                               -[:MATCHED]->(v) } AS eachOther
"""

DISMISS = """
MATCH (me:Person {id: $meId}), (other:Person {id: $otherId})
MERGE (me)-[d:DISMISSED_SUGGESTION]->(other) ON CREATE SET d.createdAt = $now
RETURN other.id AS id
"""

RESTORE_DISMISSED = """
MATCH (:Person {id: $meId})-[d:DISMISSED_SUGGESTION]->(:Person)
DELETE d
RETURN count(*) AS restored
"""

COUNT_DISMISSED = """
MATCH (me:Person {id: $meId})
RETURN COUNT { (me)-[:DISMISSED_SUGGESTION]->(:Person) } AS dismissed
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def reasons(row: dict) -> list[str]:
    """The reasons to show for one suggestion, strongest first."""
    shown: list[str] = []
    if row["eachOther"]:
        shown.append("You are in each other's contacts")
    elif row["inContacts"]:
        shown.append("In your contacts")
    if row["follows"]:
        shown.append("You follow them")
    count = row["mutualCount"]
    if count:
        shown.append(f"{count} mutual friend{'s' if count != 1 else ''}")
    if row["companies"]:
        shown.append("Both worked at " + _names(row["companies"]))
    if row["schools"]:
        shown.append("Both studied at " + _names(row["schools"]))
    return shown


def _names(names: list[str]) -> str:
    more = len(names) - 2
    return ", ".join(names[:2]) + (f" and {more} more" if more > 0 else "")


class SuggestionRepository(Repository):
    """Ranks people the member may know, and remembers the ones they dismissed."""

    PAGE_QUERY = MATCH_SUGGESTIONS_PAGE  # a class attribute so the bench can time older ones

    def __init__(self, driver, database, index=None):
        super().__init__(driver, database)
        self.index = index

    @classmethod
    def from_settings(cls, driver, database, settings, index=None):
        return cls(driver, database, index)

    def page(self, me_id: str, skip: int, limit: int) -> tuple[list[dict], int]:
        """One page of suggestions (best first) with their reasons, and the total."""
        if self.index is not None and self.index.warm:
            indexed = self._indexed_page(me_id, skip, limit)
            if indexed is not None:
                return indexed
        row = self._read(_single, self.PAGE_QUERY,
                         {"meId": me_id, "w": WEIGHTS, "skip": skip, "limit": limit})
        if row is None:
            return [], 0
        return [{**r, "reasons": reasons(r)} for r in row["rows"]], row["total"]

    def _indexed_page(self, me_id: str, skip: int,
                      limit: int) -> tuple[list[dict], int] | None:
        """The page ranked by the network index, its rows read from Neo4j; ``None`` when
        the index cannot answer (the caller then runs the Cypher)."""
        links = self._read(_single, MATCH_VIEWER_LINKS, {"meId": me_id, "w": WEIGHTS})
        if links is None:
            return [], 0
        contact_points: dict[str, int] = {}
        for contact in links["contacts"]:  # one row per (member, import kind): they add up
            contact_points[contact["id"]] = contact_points.get(contact["id"], 0) + contact["points"]
        with self.index.read_snapshot() as snapshot:
            if snapshot is None:
                return None
            ranked = rank_suggestions(snapshot, me_id, WEIGHTS, links["excluded"],
                                      contact_points, skip, limit)
        if ranked is None:
            return None
        page, total = ranked
        details = {r["position"]: r for r in self._read(
            _rows, MATCH_SUGGESTION_ROWS, {"meId": me_id, "ids": [s.id for s in page]})}
        rows = []
        for position, suggestion in enumerate(page):
            detail = details.get(position)
            if detail is None:
                continue  # erased since the index saw them
            row = {"person": detail["person"], "score": suggestion.score,
                   "mutualCount": suggestion.mutual_count, "mutuals": suggestion.mutuals,
                   "companies": detail["companies"], "schools": detail["schools"],
                   "inContacts": detail["inContacts"], "follows": detail["follows"],
                   "eachOther": detail["eachOther"]}
            rows.append({**row, "reasons": reasons(row)})
        return rows, total

    def dismiss(self, me_id: str, other_id: str) -> None:
        """Stop suggesting ``other_id`` to the member."""
        if me_id == other_id:
            raise Invalid("You cannot dismiss yourself.")
        if self._write(_single, DISMISS,
                       {"meId": me_id, "otherId": other_id, "now": utc_now()}) is None:
            raise NotFound("No such member.")

    def restore_dismissed(self, me_id: str) -> int:
        """Suggest everyone the member dismissed again; returns how many."""
        return self._write(_single, RESTORE_DISMISSED, {"meId": me_id})["restored"]

    def dismissed_count(self, me_id: str) -> int:
        """How many members the member has dismissed."""
        row = self._read(_single, COUNT_DISMISSED, {"meId": me_id})
        return row["dismissed"] if row else 0
