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
"""
from __future__ import annotations

import logging

from .base import Repository, utc_now
from .errors import Invalid, NotFound

logger = logging.getLogger(__name__)

WEIGHTS = {"mutual": 3, "company": 2, "school": 1, "contact": 6, "eachOther": 4, "follow": 2}

MATCH_SUGGESTIONS_PAGE = """
MATCH (v:Person {id: $meId})
CALL (v) {
  MATCH (v)-[:FRIENDS_WITH]-(:Person)-[:FRIENDS_WITH]-(c:Person) RETURN c
  UNION
  MATCH (v)-[:WORKS_AT]->(:Company)<-[:WORKS_AT]-(c:Person) RETURN c
  UNION
  MATCH (v)-[:STUDIED_AT]->(:School)<-[:STUDIED_AT]-(c:Person) RETURN c
  UNION
  MATCH (v)-[:IMPORTED]->(:ContactImport)-[:MATCHED]->(c:Person) RETURN c
}
WITH v, c
WHERE c <> v
  AND NOT EXISTS { (v)-[:FRIENDS_WITH]-(c) }
  AND NOT EXISTS { (v)-[:FRIEND_REQUEST]-(c) }
  AND NOT EXISTS { (v)-[:DISMISSED_SUGGESTION]->(c) }
WITH c,
     COLLECT { MATCH (v)-[:FRIENDS_WITH]-(m:Person)-[:FRIENDS_WITH]-(c)
               RETURN m {.id, .name} ORDER BY m.name, m.id } AS mutuals,
     COLLECT { MATCH (v)-[:WORKS_AT]->(co:Company)<-[:WORKS_AT]-(c)
               WITH DISTINCT co RETURN co.name ORDER BY co.name } AS companies,
     COLLECT { MATCH (v)-[:STUDIED_AT]->(s:School)<-[:STUDIED_AT]-(c)
               WITH DISTINCT s RETURN s.name ORDER BY s.name } AS schools,
     EXISTS { (v)-[:IMPORTED]->(:ContactImport {kind: 'address_book'})-[:MATCHED]->(c) }
       AS inContacts,
     EXISTS { (c)-[:IMPORTED]->(:ContactImport {kind: 'address_book'})-[:MATCHED]->(v) }
       AS inTheirs,
     EXISTS { (v)-[:IMPORTED]->(:ContactImport {kind: 'follow_list'})-[:MATCHED]->(c) }
       AS follows
WITH c, mutuals, companies, schools, inContacts, inContacts AND inTheirs AS eachOther, follows
WITH c, mutuals, companies, schools, inContacts, eachOther, follows,
     $w.mutual * size(mutuals) + $w.company * size(companies) + $w.school * size(schools)
     + CASE WHEN inContacts THEN $w.contact ELSE 0 END
     + CASE WHEN eachOther THEN $w.eachOther ELSE 0 END
     + CASE WHEN follows THEN $w.follow ELSE 0 END AS score
ORDER BY score DESC, c.name, c.id
WITH collect({person: c {.id, .name, .headline}, score: score, mutualCount: size(mutuals),
              mutuals: mutuals[..3], companies: companies, schools: schools,
              inContacts: inContacts, eachOther: eachOther, follows: follows}) AS rows
RETURN size(rows) AS total, rows[$skip..$skip + $limit] AS rows
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

    def page(self, me_id: str, skip: int, limit: int) -> tuple[list[dict], int]:
        """One page of suggestions (best first) with their reasons, and the total."""
        row = self._read(_single, MATCH_SUGGESTIONS_PAGE,
                         {"meId": me_id, "w": WEIGHTS, "skip": skip, "limit": limit})
        if row is None:
            return [], 0
        return [{**r, "reasons": reasons(r)} for r in row["rows"]], row["total"]

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
