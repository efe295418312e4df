"""Applies ``schema.cypher`` to a database; safe to run any number of times."""
import logging
from pathlib import Path

from neo4j import Driver

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
    logger.info("schema applied: %d statements", len(statements))
    return len(statements)
