"""Loads a generated ``Dataset`` into Neo4j in ``UNWIND`` batches and reports the rates.

The bench database carries a marker node with the data set's fingerprint: a later run with
the same data reuses it, a different data set replaces it, and a database that holds data
without the marker (someone's real or development data) is never touched. The members'
contact match keys (``bench.contact_book``) carry their own version on the marker: a
reused database that lacks them, or holds another version, gets them (re)built without a
full reload.
"""
from __future__ import annotations

import logging
import time
from typing import Iterator

import argon2
from neo4j import Driver

from graph.schema import apply_schema

from . import rows
from .contact_book import MATCH_KEYS_VERSION, match_key_rows
from .dataset import BENCH_PASSWORD, Dataset

logger = logging.getLogger(__name__)

BATCH = 10_000

MATCH_MARKER = """
OPTIONAL MATCH (m:RecruitBenchDatabase)
RETURN m.fingerprint AS fingerprint, m.complete AS complete, m.matchKeys AS matchKeys,
       COUNT { MATCH (n) WHERE NOT n:RecruitBenchDatabase } AS nodes
"""
SET_MARKER = """
MERGE (m:RecruitBenchDatabase) SET m.fingerprint = $fingerprint, m.complete = $complete
"""
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS"

# As graph.contacts.match_keys stores them: (p)-[:HAS_MATCH_KEY]->(:MatchKey {digest, kind, hint?}).
# CREATE, not MERGE (no lookup per row): digests are distinct, and keys are only added to
# a database without any (a fresh load, or after WIPE_MATCH_KEYS).
CREATE_MATCH_KEYS = """
UNWIND $rows AS row
MATCH (p:Person {id: row[0]})
SET p.emailMatching = true
CREATE (p)-[:HAS_MATCH_KEY]->(:MatchKey {digest: row[1], kind: row[2], hint: row[3],
                                         createdAt: '2025-01-01T00:00:00+00:00'})
"""
WIPE_MATCH_KEYS = ("MATCH (k:MatchKey) CALL (k) { DETACH DELETE k } "
                   "IN TRANSACTIONS OF 5000 ROWS")
SET_MATCH_KEYS_MARKER = "MATCH (m:RecruitBenchDatabase) SET m.matchKeys = $version"


class ForeignDatabase(RuntimeError):
    """The database holds data that the bench did not load."""


def _run(driver: Driver, database: str, query: str, **params) -> None:
    driver.execute_query(query, database_=database, **params)


def database_state(driver: Driver, database: str) -> dict:
    """The marker's fingerprint and completeness, and how many other nodes exist."""
    records, _, _ = driver.execute_query(MATCH_MARKER, database_=database)
    return records[0].data()


def prepare(driver: Driver, database: str, data: Dataset, reload: bool = False) -> bool:
    """Make the database hold exactly ``data``. Returns True if it had to be loaded, False
    if the same data set was there already. Raises ``ForeignDatabase`` rather than wipe
    data that has no bench marker."""
    state = database_state(driver, database)
    if state["nodes"] and state["fingerprint"] is None:
        raise ForeignDatabase(
            f"the database holds {state['nodes']} nodes and no bench marker; refusing to "
            "wipe it. Point NEO4J_URI at a database of its own (scripts/bench.sh does).")
    if state["fingerprint"] == data.fingerprint and state["complete"] and not reload:
        logger.info("database already holds %s; reusing it", data.fingerprint)
        apply_schema(driver, database)
        if state["matchKeys"] != MATCH_KEYS_VERSION:
            add_match_keys(driver, database, data)
        return False
    if state["nodes"] or state["fingerprint"] is not None:
        logger.info("wiping the bench database (%d nodes)", state["nodes"])
        with driver.session(database=database) as session:
            session.run(WIPE).consume()
    apply_schema(driver, database)
    _run(driver, database, SET_MARKER, fingerprint=data.fingerprint, complete=False)
    return True


def _write_batch(tx, query: str, batch: list, params: dict) -> tuple[int, int]:
    counters = tx.run(query, rows=batch, **params).consume().counters
    return counters.nodes_created, counters.relationships_created


def _timed(driver: Driver, database: str, query: str, batches: Iterator[list],
           **params) -> dict:
    """Run ``query`` once per batch (one transaction each); rows, nodes and relationships
    created, and the seconds it took (building the rows included)."""
    totals = {"rows": 0, "nodes": 0, "relationships": 0}
    started = time.perf_counter()
    with driver.session(database=database) as session:
        for batch in batches:
            nodes, relationships = session.execute_write(_write_batch, query, batch, params)
            totals["rows"] += len(batch)
            totals["nodes"] += nodes
            totals["relationships"] += relationships
    totals["seconds"] = round(time.perf_counter() - started, 2)
    return totals


def load(driver: Driver, database: str, data: Dataset) -> list[dict]:
    """Write every node and relationship of ``data`` (into a prepared database). Returns
    one line per step: rows, nodes and relationships created, seconds, and the rates."""
    password_hash = argon2.PasswordHasher().hash(BENCH_PASSWORD)  # the app's parameters
    steps = [
        ("companies", rows.CREATE_COMPANIES, rows.companies(data), {}),
        ("schools", rows.CREATE_NAMED["School"], rows.named(data.work.school_names), {}),
        ("skills", rows.CREATE_NAMED["Skill"], rows.named(data.work.skill_names), {}),
        ("members", rows.CREATE_PEOPLE, rows.people(data), {"passwordHash": password_hash}),
        ("friendships", rows.CREATE_FRIENDSHIPS, rows.friendships(data), {}),
        ("positions", rows.CREATE_POSITIONS, rows.positions(data), {}),
        ("education", rows.CREATE_EDUCATION, rows.education(data), {}),
        ("member skills", rows.CREATE_HAS_SKILL, rows.member_skills(data), {}),
        ("company roles", rows.CREATE_COMPANY_ROLES, rows.company_roles(data), {}),
        ("jobs", rows.CREATE_JOBS, rows.jobs(data), {}),
        ("match keys", CREATE_MATCH_KEYS, match_key_rows(data), {}),
    ]
    report = []
    for name, query, row_source, params in steps:
        step = {"step": name, **_timed(driver, database, query,
                                       rows.batched(row_source, BATCH), **params)}
        seconds = step["seconds"] or 1e-9
        step["rowsPerSecond"] = round(step["rows"] / seconds)
        step["relationshipsPerSecond"] = round(step["relationships"] / seconds)
        report.append(step)
        logger.info("loaded %-14s %9d rows, %9d relationships in %6.1f s (%.0f rows/s)",
                    name, step["rows"], step["relationships"], seconds, step["rows"] / seconds)
    _run(driver, database, SET_MARKER, fingerprint=data.fingerprint, complete=True)
    _run(driver, database, SET_MATCH_KEYS_MARKER, version=MATCH_KEYS_VERSION)
    return report


def add_match_keys(driver: Driver, database: str, data: Dataset) -> dict:
    """(Re)build every member's match keys in a loaded bench database (one that predates
    them, or holds another version). Returns the step's counts and seconds."""
    with driver.session(database=database) as session:
        session.run(WIPE_MATCH_KEYS).consume()
    step = _timed(driver, database, CREATE_MATCH_KEYS,
                  rows.batched(match_key_rows(data), BATCH))
    _run(driver, database, SET_MATCH_KEYS_MARKER, version=MATCH_KEYS_VERSION)
    logger.info("added match keys: %d rows in %.1f s", step["rows"], step["seconds"])
    return step
