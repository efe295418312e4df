"""Applies ``schema.cypher`` to a database; safe to run any number of times."""
import logging
import re
import time
from pathlib import Path

from neo4j import Driver
from neo4j.exceptions import DatabaseUnavailable, ServiceUnavailable, SessionExpired

from graph.backfills import backfill_city_keys, backfill_search_keys
from graph.companies.ties import backfill_name_keys

logger = logging.getLogger(__name__)

SCHEMA_FILE = Path(__file__).with_name("schema.cypher")

# Data written by older versions, brought up to date (each statement idempotent).
BACKFILLS = (
    # The job feed ranks by age with an epoch (parsing two datetimes per job cost ~20%).
    "MATCH (j:Job) WHERE j.createdEpoch IS NULL AND j.createdAt IS NOT NULL "
    "CALL (j) { SET j.createdEpoch = datetime(j.createdAt).epochSeconds } "
    "IN TRANSACTIONS OF 10000 ROWS",
    # The job feed follows POSTED only from members labelled JobPoster.
    "MATCH (p:Person)-[:POSTED]->(:Job) WHERE NOT p:JobPoster "
    "CALL (p) { SET p:JobPoster } IN TRANSACTIONS OF 10000 ROWS",
)


def schema_statements(text: str | None = None) -> list[str]:
    """The statements of the schema file, comments and blank lines removed."""
    text = SCHEMA_FILE.read_text(encoding="utf-8") if text is None else text
    lines = [line for line in text.splitlines() if not line.strip().startswith("//")]
    return [stmt.strip() for stmt in "\n".join(lines).split(";") if stmt.strip()]


def apply_schema(driver: Driver, database: str) -> int:
    """Create every constraint and index that is missing, wait for the indexes to come
    online, then run the backfills. Returns the number of schema statements run."""
    statements = schema_statements()
    with driver.session(database=database) as session:
        for statement in statements:
            # Schema commands cannot share a transaction with each other: one each.
            session.run(statement).consume()
        session.run("CALL db.awaitIndexes(300)").consume()
        for backfill in BACKFILLS:
            session.run(backfill).consume()
        # Folding names needs Python (NFKC, legal suffixes), so this one is not Cypher.
        backfill_name_keys(session)
        backfill_search_keys(session)
        backfill_city_keys(session)
    logger.info("schema applied: %d statements", len(statements))
    return len(statements)


SCHEMA_NAME = re.compile(r"CREATE\s+(?:CONSTRAINT|(?:\w+\s+)?INDEX)\s+(\w+)", re.IGNORECASE)
# SHOW commands do not combine with UNION; constraints are backed by indexes of the same
# name, but listing both keeps the check independent of that detail.
LIST_CONSTRAINT_NAMES = "SHOW CONSTRAINTS YIELD name RETURN name"
LIST_INDEX_NAMES = "SHOW INDEXES YIELD name RETURN name"
UNREACHABLE = (ServiceUnavailable, SessionExpired, DatabaseUnavailable)


def schema_names(statements: list[str] | None = None) -> set[str]:
    """The names of the constraints and indexes the schema file creates."""
    statements = schema_statements() if statements is None else statements
    return {match.group(1) for stmt in statements for match in [SCHEMA_NAME.match(stmt)] if match}


def missing_schema(driver: Driver, database: str) -> list[str]:
    """The constraints and indexes of the schema file the database does not have yet."""
    present = {record["name"]
               for query in (LIST_CONSTRAINT_NAMES, LIST_INDEX_NAMES)
               for record in driver.execute_query(query, database_=database).records}
    return sorted(schema_names() - present)


def apply_schema_when_reachable(driver: Driver, database: str, wait_seconds: float,
                                first_delay: float = 1.0, max_delay: float = 15.0,
                                sleep=time.sleep, clock=time.monotonic) -> int:
    """``apply_schema``, retried with exponential back-off while the database cannot be
    reached, for at most ``wait_seconds``; then the last error is raised."""
    deadline = clock() + wait_seconds
    delay = first_delay
    while True:
        try:
            return apply_schema(driver, database)
        except UNREACHABLE as exc:
            if clock() + delay > deadline:
                raise
            logger.warning("schema not applied, database unreachable (%s); retrying in %.0f s",
                           type(exc).__name__, delay)
            sleep(delay)
            delay = min(delay * 2, max_delay)
