"""Contact imports: matching uploaded digests against members' keys, and what came of it.

``(me)-[:IMPORTED]->(:ContactImport {id, kind, layout, network?, entries, matched,
createdAt, regions, unplaced, skipped})-[:MATCHED {via: ['phone', ...]}]->(member)``;
``regions`` are the regions local numbers were read in, ``unplaced`` how many local
numbers none of them placed and ``skipped`` how many cards or rows could not be read
(counts only: no value of an unmatched entry). Only matches are written: the
uploaded digests that equal no member's key are parameters of the query and nothing
else, so an unmatched entry leaves no trace. ``kind`` is 'address_book' or 'follow_list'.
Deleting an import deletes its matches with it.
"""
from __future__ import annotations

import logging

from graph.base import Repository
from graph.errors import DomainError, NotFound

logger = logging.getLogger(__name__)

KINDS = ("address_book", "follow_list")


class TooManyImports(DomainError):
    """The member has used up their imports for the day."""

    status = 429


# Taking the member's write lock first serialises a member's concurrent uploads, so the
# count read next is exact (READ COMMITTED sees the other upload once it has committed).
LOCK_MEMBER = """
MATCH (p:Person {id: $meId})
SET p.contactImportLock = true
REMOVE p.contactImportLock
RETURN p.id AS id
"""

COUNT_RECENT_IMPORTS = """
MATCH (p:Person {id: $meId})
RETURN size([t IN coalesce(p.contactImportTimes, []) WHERE t > $since]) AS used
"""

CREATE_IMPORT = """
MATCH (me:Person {id: $meId})
SET me.contactImportTimes = [t IN coalesce(me.contactImportTimes, []) WHERE t > $since] + $now
CREATE (me)-[:IMPORTED]->(imp:ContactImport {id: $id, kind: $kind, layout: $layout,
        network: $network, entries: $entries, createdAt: $now, regions: $regions,
        unplaced: $unplaced, skipped: $skipped})
WITH me, imp
UNWIND $digests AS digest
MATCH (k:MatchKey {digest: digest})<-[:HAS_MATCH_KEY]-(member:Person)
WHERE member <> me
WITH imp, member, collect(DISTINCT k.kind) AS via
CREATE (imp)-[:MATCHED {via: via}]->(member)
"""

SET_MATCHED_COUNT = """
MATCH (imp:ContactImport {id: $id})
SET imp.matched = COUNT { (imp)-[:MATCHED]->(:Person) }
RETURN imp.matched AS matched
"""

MATCH_IMPORTS_PAGE = """
MATCH (me:Person {id: $meId})
RETURN COUNT { (me)-[:IMPORTED]->(:ContactImport) } AS total,
       size([t IN coalesce(me.contactImportTimes, []) WHERE t > $since]) AS usedToday,
       COLLECT {
         MATCH (me)-[:IMPORTED]->(imp:ContactImport)
         WITH imp ORDER BY imp.createdAt DESC, imp.id SKIP $skip LIMIT $limit
         RETURN imp {.id, .kind, .layout, .network, .entries, .matched, .createdAt,
                     regions: coalesce(imp.regions, []), unplaced: coalesce(imp.unplaced, 0),
                     skipped: coalesce(imp.skipped, 0),
                     matches: COLLECT { MATCH (imp)-[m:MATCHED]->(p:Person)
                                        RETURN p {.id, .name, .headline, via: m.via}
                                        ORDER BY p.name, p.id }}
       } AS imports
"""

MATCH_IMPORT = """
MATCH (:Person {id: $meId})-[:IMPORTED]->(imp:ContactImport {id: $id})
RETURN imp {.id, .kind, .layout, .network, .entries, .matched, .createdAt,
            regions: coalesce(imp.regions, []), unplaced: coalesce(imp.unplaced, 0),
            skipped: coalesce(imp.skipped, 0)} AS import
"""

DELETE_IMPORT = """
MATCH (:Person {id: $meId})-[:IMPORTED]->(imp:ContactImport {id: $id})
DETACH DELETE imp
RETURN count(*) AS deleted
"""

DELETE_ALL_IMPORTS = """
MATCH (:Person {id: $meId})-[:IMPORTED]->(imp:ContactImport)
DETACH DELETE imp
RETURN count(*) AS deleted
"""

DELETE_MATCH = """
MATCH (:Person {id: $meId})-[:IMPORTED]->(imp:ContactImport {id: $id})
      -[m:MATCHED]->(:Person {id: $memberId})
DELETE m
WITH imp, count(*) AS deleted
SET imp.matched = COUNT { (imp)-[:MATCHED]->(:Person) }
RETURN deleted
"""


def _record(tx, params: dict, limit: int) -> dict:
    if tx.run(LOCK_MEMBER, meId=params["meId"]).single() is None:
        return {"outcome": "no-member"}
    used = tx.run(COUNT_RECENT_IMPORTS, meId=params["meId"],
                  since=params["since"]).single()["used"]
    if used >= limit:
        return {"outcome": "limited"}
    if params["replaces"] is not None and not tx.run(
            DELETE_IMPORT, meId=params["meId"], id=params["replaces"]).single()["deleted"]:
        return {"outcome": "no-import"}
    tx.run(CREATE_IMPORT, params).consume()
    matched = tx.run(SET_MATCHED_COUNT, id=params["id"]).single()["matched"]
    return {"outcome": "recorded", "id": params["id"], "matched": matched}


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


class ContactImportRepository(Repository):
    """Records imports (matches only), lists them and deletes them for their owner."""

    def record(self, me_id: str, *, import_id: str, kind: str, layout: str,
               network: str | None, entries: int, digests: list[str], now: str,
               since: str, daily_limit: int, regions: list[str] | None = None,
               unplaced: int = 0, skipped: int = 0, replaces: str | None = None) -> dict:
        """Match ``digests`` against members' keys and record the import with its
        matches, unless ``me_id`` has made ``daily_limit`` imports since ``since``
        (``TooManyImports``; a re-read counts as an import). ``replaces`` is the id of
        one of the member's imports that this one reads again: it is deleted, with its
        matches, in the same transaction (``NotFound`` when it is not theirs).
        Returns ``{id, matched}``."""
        if kind not in KINDS:
            raise ValueError(f"unknown import kind {kind!r}")
        params = {"meId": me_id, "id": import_id, "kind": kind, "layout": layout,
                  "network": network, "entries": entries, "digests": digests,
                  "now": now, "since": since, "regions": list(regions or []),
                  "unplaced": unplaced, "skipped": skipped, "replaces": replaces}
        result = self._write(_record, params, daily_limit)
        if result["outcome"] == "no-member":
            raise NotFound("No such member.")
        if result["outcome"] == "no-import":
            raise NotFound("No such import among yours.")
        if result["outcome"] == "limited":
            raise TooManyImports("You can import %(daily_limit)s files a day. Try again tomorrow.", daily_limit=daily_limit)
        return {"id": result["id"], "matched": result["matched"]}

    def used_since(self, me_id: str, since: str) -> int:
        """How many imports the member has made since ``since``."""
        row = self._read(_single, COUNT_RECENT_IMPORTS, {"meId": me_id, "since": since})
        return row["used"] if row else 0

    def page(self, me_id: str, since: str, skip: int, limit: int) -> dict:
        """A page of the member's imports, newest first, each with its matched members;
        the total and how many imports the member made since ``since``."""
        row = self._read(_single, MATCH_IMPORTS_PAGE,
                         {"meId": me_id, "since": since, "skip": skip, "limit": limit})
        return row or {"total": 0, "usedToday": 0, "imports": []}

    def get(self, me_id: str, import_id: str) -> dict:
        """One of the member's imports (without its matches); ``NotFound`` otherwise."""
        row = self._read(_single, MATCH_IMPORT, {"meId": me_id, "id": import_id})
        if row is None:
            raise NotFound("No such import among yours.")
        return row["import"]

    def delete(self, me_id: str, import_id: str) -> None:
        """Delete one of the member's imports and its matches."""
        if not self._write(_single, DELETE_IMPORT, {"meId": me_id, "id": import_id})["deleted"]:
            raise NotFound("No such import among yours.")

    def delete_all(self, me_id: str) -> int:
        """Delete every import of the member; returns how many there were."""
        return self._write(_single, DELETE_ALL_IMPORTS, {"meId": me_id})["deleted"]

    def delete_match(self, me_id: str, import_id: str, member_id: str) -> None:
        """Remove one matched member from one of the member's imports."""
        row = self._write(_single, DELETE_MATCH,
                          {"meId": me_id, "id": import_id, "memberId": member_id})
        if row is None:
            raise NotFound("No such match among your imports.")
