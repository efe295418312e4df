"""Start-up backfills that need Python (pinyin, the city table), run by
``graph.schema.apply_schema`` after the Cypher ones; each is idempotent and cheap once done.

- People written before name search keys existed get ``namePinyin``/``nameInitials``.
- Jobs and profiles written before the city table get their city's canonical key
  (``graph.cities``): "上海" typed in an old job now matches a "Shanghai" filter. This one
  runs once per table version (``(:Migration {key})``), since a free-text city keeps a
  key that differs from nothing the table knows.
"""
from __future__ import annotations

import logging

from graph.base import utc_now
from graph.cities import canonical_city
from graph.index.changelog import REBUILD, change, log_changes
from graph.people.name_keys import name_keys

logger = logging.getLogger(__name__)

BATCH = 5000
CITY_MIGRATION = "city-keys-1"

MATCH_PEOPLE_WITHOUT_SEARCH_KEYS = """
MATCH (p:Person) WHERE p.namePinyin IS NULL AND p.name IS NOT NULL AND NOT p:FormerMember
RETURN p.id AS id, p.name AS name LIMIT $batch
"""

SET_SEARCH_KEYS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
SET p.nameLower = row.nameLower, p.namePinyin = row.namePinyin,
    p.nameInitials = row.nameInitials
"""

MATCH_CITY_MIGRATION = "MATCH (m:Migration {key: $key}) RETURN m.key AS key"

MATCH_PLACES_WITH_CITIES = """
CALL () {
  MATCH (j:Job) WHERE j.city IS NOT NULL AND j.city <> ''
  RETURN 'job' AS kind, j.id AS id, j.city AS city, j.cityKey AS cityKey
  UNION ALL
  MATCH (p:Person) WHERE p.city IS NOT NULL AND p.city <> ''
  RETURN 'person' AS kind, p.id AS id, p.city AS city, p.cityKey AS cityKey
}
RETURN kind, id, city, cityKey
"""

SET_JOB_CITY_KEYS = """
UNWIND $rows AS row
MATCH (j:Job {id: row.id}) SET j.cityKey = row.cityKey
"""

SET_PERSON_CITY_KEYS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.id}) SET p.cityKey = row.cityKey
"""

MARK_MIGRATION = "MERGE (m:Migration {key: $key}) ON CREATE SET m.at = $now"


def _log_rebuild(tx):
    log_changes(tx, [change(REBUILD, "all")])


def backfill_search_keys(session) -> int:
    """Give members written before name search keys existed their keys; returns how many."""
    done = 0
    while True:
        rows = [r.data() for r in session.run(MATCH_PEOPLE_WITHOUT_SEARCH_KEYS, batch=BATCH)]
        if not rows:
            return done
        batch = [{"id": row["id"], **name_keys(row["name"])} for row in rows]
        session.run(SET_SEARCH_KEYS, rows=batch).consume()
        done += len(batch)


def backfill_city_keys(session) -> int:
    """Re-key the cities of jobs and profiles by the city table, once; returns how many
    keys changed. Job keys feed the network index, so a change logs a rebuild."""
    if session.run(MATCH_CITY_MIGRATION, key=CITY_MIGRATION).single() is not None:
        return 0
    changed = {"job": [], "person": []}
    for record in session.run(MATCH_PLACES_WITH_CITIES):
        key = canonical_city(record["city"])[1]
        if key != record["cityKey"]:
            changed[record["kind"]].append({"id": record["id"], "cityKey": key})
    for query, rows in ((SET_JOB_CITY_KEYS, changed["job"]),
                        (SET_PERSON_CITY_KEYS, changed["person"])):
        for start in range(0, len(rows), BATCH):
            session.run(query, rows=rows[start:start + BATCH]).consume()
    if changed["job"]:
        session.execute_write(_log_rebuild)
    session.run(MARK_MIGRATION, key=CITY_MIGRATION, now=utc_now()).consume()
    total = len(changed["job"]) + len(changed["person"])
    logger.info("city keys re-keyed: %d", total)
    return total
