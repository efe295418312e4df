"""The change log: every write that changes what the network index holds records a change,
in the same transaction, and every app process applies the log to its own index.

A change is ``(:IndexChange {seq, kind, a, b, name, data, at})`` (``data``: JSON text):

- ``friend+`` / ``friend-``: members ``a`` and ``b`` are friends now / are not friends now;
- ``person``: member ``a`` exists now, with display name ``name``;
- ``person-``: member ``a`` is gone (with their friendships);
- ``employers``: member ``a`` works at the companies ``data`` (a JSON list of ids) now;
- ``companies`` / ``schools`` / ``skills``: member ``a`` has worked at the companies (ids;
  current or past) / studied at the schools (keys) / lists the skills (keys) ``data`` now;
- ``job``: job ``a`` is now as ``data`` says (its feed fields; dropped unless open);
- ``rebuild``: every process rebuilds its index (``flask index rebuild``, bulk loads).

Each kind states a fact about the present rather than a delta, so applying a change to an
index that already reflects it changes nothing; the index is the snapshot plus the last
change of each fact.

**Why no change is lost or applied twice.** Sequence numbers come from one counter node,
``(:IndexCounter {key: 'changes'})``, incremented by ``SET c.seq = c.seq + n`` inside the
writing transaction. Cypher takes the counter's write lock *before* reading ``c.seq`` when the
new value depends on it (Neo4j's "lost updates" rule), and the lock is held until commit or
rollback. So a transaction that logs changes waits for every earlier logging transaction to
finish before it can take a number: numbers are handed out in commit order. A transaction
that rolls back releases its numbers with the lock and the next writer reuses them, so the
committed numbers are exactly 1, 2, 3, ... with no holes, and seq ``n + 1`` never commits
before seq ``n``. (Taking a timestamp or a number *before* the lock, e.g. from ``timestamp()``
or a client clock, would not have that property: two transactions could commit in the
opposite order of their numbers, and a reader that saw the later one would skip the earlier
one forever.)

A reader keeps a cursor, the highest seq it has applied, and asks for ``seq > cursor`` in
order. Reads are read-committed, not a snapshot, so in principle one read could see ``n + 1``
but miss ``n`` committed a moment earlier; the reader therefore applies only the contiguous
run ``cursor + 1, cursor + 2, ...`` and stops at the first hole, which the next poll fills.
Applying a change and advancing the cursor happen together under the index's lock, so a
change is applied exactly once in steady state. On a (re)build the cursor is read *before*
the bulk read; changes committed in between may already be in the snapshot and are replayed
on top of it, which the fact semantics above make harmless.

**Why a logged state is the committed state.** ``job``, ``employers``, ``companies``,
``schools`` and ``skills`` changes carry a state read inside the writing transaction. Read
before the counter's lock, two writers of the same member's positions could each miss the
other's uncommitted write (Neo4j locks a *dense* node's relationship chains, not the node,
so two positions added to a well-connected member do not wait for each other) and log
``{X}`` then ``{Y}`` while the graph holds both. So ``log_job``, ``log_employers``,
``log_schools`` and ``log_skills`` take the counter's lock first (``LOCK_COUNTER``) and read
the state after it: every transaction that logged before has committed by then, its write
is visible to the read (read-committed), and the states follow one another in commit
order like the sequence numbers. ``tests/test_network_index.py`` has writers change
friendships, positions and jobs concurrently and checks that two indexes end equal to the
graph.

Old changes are pruned (``prune``); a process whose cursor is older than the oldest kept
change can no longer catch up and rebuilds.

The counter serialises the transactions that log changes (friendships made and ended,
members added or renamed, positions, schools, skills, jobs), one short lock per transaction; at the rates of this product
(tens of such writes per second) that costs nothing measurable.
"""
from __future__ import annotations

import json

FRIEND_ADDED = "friend+"
FRIEND_REMOVED = "friend-"
PERSON = "person"
PERSON_REMOVED = "person-"
EMPLOYERS = "employers"
JOB = "job"
COMPANIES = "companies"
SCHOOLS = "schools"
SKILLS = "skills"
REBUILD = "rebuild"
AFFILIATION_KINDS = (COMPANIES, SCHOOLS, SKILLS)

LOG_CHANGES = """
MERGE (c:IndexCounter {key: 'changes'}) ON CREATE SET c.seq = 0
SET c.seq = c.seq + size($changes)
WITH c.seq - size($changes) AS before
UNWIND range(0, size($changes) - 1) AS i
WITH before + i + 1 AS seq, $changes[i] AS change
CREATE (:IndexChange {seq: seq, kind: change.kind, a: change.a, b: change.b,
                      name: change.name, data: change.data, at: datetime()})
"""

READ_CHANGES = """
MATCH (c:IndexChange) WHERE c.seq > $after
RETURN c.seq AS seq, c.kind AS kind, c.a AS a, c.b AS b, c.name AS name, c.data AS data
ORDER BY c.seq LIMIT $limit
"""

READ_CURSOR = """
OPTIONAL MATCH (c:IndexCounter {key: 'changes'})
OPTIONAL MATCH (oldest:IndexChange) WITH c, min(oldest.seq) AS oldest
RETURN coalesce(c.seq, 0) AS seq, oldest
"""

PRUNE = """
MATCH (c:IndexChange) WHERE c.seq <= $upTo
WITH c LIMIT $batch
DELETE c
RETURN count(*) AS deleted
"""


# The counter's write lock, taken before a state is read for the log (see "Why a logged
# state is the committed state" above) and held until the transaction ends.
LOCK_COUNTER = """
MERGE (c:IndexCounter {key: 'changes'}) ON CREATE SET c.seq = 0
SET c._lock = true
REMOVE c._lock
"""

# What the feed needs of a job, read inside the writing transaction (so it is the state
# that transaction commits) and logged as a ``job`` change.
JOB_STATE = """
OPTIONAL MATCH (rec:Person)-[:POSTED]->(j)
OPTIONAL MATCH (j)-[:AT]->(c:Company)
RETURN j.id AS id, j.status AS status, c.id AS companyId, rec.id AS posterId,
       j.cityKey AS cityKey, j.remote AS remote, j.salaryMax AS salaryMax,
       j.currency AS currency, j.createdEpoch AS createdEpoch, j.createdAt AS createdAt,
       COLLECT { MATCH (j)-[:REQUIRES]->(s:Skill) RETURN s.key ORDER BY s.key } AS skills
"""
MATCH_JOB_STATE = "MATCH (j:Job {id: $id})" + JOB_STATE
MATCH_OPEN_JOB_STATES = "MATCH (j:Job {status: 'open'})" + JOB_STATE

MATCH_EMPLOYERS = """
MATCH (p:Person {id: $id})
RETURN COLLECT { MATCH (p)-[:WORKS_AT {current: true}]->(c:Company)
                 RETURN DISTINCT c.id ORDER BY c.id } AS companies,
       COLLECT { MATCH (p)-[:WORKS_AT]->(c:Company)
                 RETURN DISTINCT c.id ORDER BY c.id } AS ever
"""

MATCH_SCHOOLS = """
MATCH (p:Person {id: $id})
RETURN COLLECT { MATCH (p)-[:STUDIED_AT]->(s:School) RETURN DISTINCT s.key ORDER BY s.key }
       AS keys
"""

MATCH_SKILLS = """
MATCH (p:Person {id: $id})
RETURN COLLECT { MATCH (p)-[:HAS_SKILL]->(s:Skill) RETURN DISTINCT s.key ORDER BY s.key }
       AS keys
"""


# An erased member leaves no trace in the log: every change that named them names the
# former member instead (their new random id and "Former member").
SCRUB_MEMBER = """
MATCH (c:IndexChange)
WHERE c.a = $oldId OR c.b = $oldId OR c.data CONTAINS $oldId
SET c.name = CASE WHEN c.a = $oldId OR c.b = $oldId THEN
                  CASE WHEN c.kind = 'person' THEN $former ELSE c.name END
             ELSE c.name END,
    c.a = CASE WHEN c.a = $oldId THEN $formerId ELSE c.a END,
    c.b = CASE WHEN c.b = $oldId THEN $formerId ELSE c.b END,
    c.data = replace(c.data, $oldId, $formerId)
"""

PRUNE_BEFORE = """
MATCH (c:IndexChange) WHERE c.at < datetime() - duration({days: $days})
WITH max(c.seq) AS upTo
RETURN coalesce(upTo, 0) AS upTo
"""


def scrub_member(tx, old_id: str, former_id: str, former_name: str) -> None:
    """Rewrite the changes that named an erased member (inside the erasure transaction).
    The caller logs a ``rebuild``: indexes that applied the old changes must forget them."""
    tx.run(SCRUB_MEMBER, oldId=old_id, formerId=former_id, former=former_name).consume()


def prune_older_than(tx, days: int) -> int:
    """Delete (a batch of) changes logged more than ``days`` ago; how many were deleted.
    Processes whose cursor is older than what is left rebuild (``FellBehind``)."""
    up_to = tx.run(PRUNE_BEFORE, days=days).single()["upTo"]
    return prune(tx, up_to) if up_to else 0


def change(kind: str, a: str, b: str | None = None, name: str | None = None,
           data: object = None) -> dict:
    """One change row for ``log_changes`` (``data`` is stored as JSON text)."""
    return {"kind": kind, "a": a, "b": b, "name": name,
            "data": None if data is None else json.dumps(data, sort_keys=True)}


def _lock_counter(tx) -> None:
    """Wait for every earlier logging transaction to end, before reading a state to log."""
    tx.run(LOCK_COUNTER).consume()


def log_job(tx, job_id: str) -> None:
    """Log the job's state as the caller's transaction leaves it."""
    _lock_counter(tx)
    row = tx.run(MATCH_JOB_STATE, id=job_id).single()
    state = row.data() if row else {"id": job_id, "status": "deleted"}
    log_changes(tx, [change(JOB, job_id, data=state)])


def log_employers(tx, person_id: str) -> None:
    """Log the member's current companies, and every company they have worked at, as the
    caller's transaction leaves them (call after any write to their positions)."""
    _lock_counter(tx)
    row = tx.run(MATCH_EMPLOYERS, id=person_id).single()
    if row is not None:
        log_changes(tx, [change(EMPLOYERS, person_id, data=row["companies"]),
                         change(COMPANIES, person_id, data=row["ever"])])


def log_schools(tx, person_id: str) -> None:
    """Log the member's schools as the caller's transaction leaves them."""
    _lock_counter(tx)
    row = tx.run(MATCH_SCHOOLS, id=person_id).single()
    if row is not None:
        log_changes(tx, [change(SCHOOLS, person_id, data=row["keys"])])


def log_skills(tx, person_id: str) -> None:
    """Log the member's skills as the caller's transaction leaves them."""
    _lock_counter(tx)
    row = tx.run(MATCH_SKILLS, id=person_id).single()
    if row is not None:
        log_changes(tx, [change(SKILLS, person_id, data=row["keys"])])


def log_changes(tx, changes: list[dict]) -> None:
    """Record ``changes`` inside the caller's write transaction (see the module docstring
    for why this must run in the same transaction as the write it describes)."""
    if changes:
        tx.run(LOG_CHANGES, changes=changes).consume()


def read_changes(tx, after: int, limit: int) -> list[dict]:
    """Up to ``limit`` changes after seq ``after``, in order."""
    return [record.data() for record in tx.run(READ_CHANGES, after=after, limit=limit)]


def read_cursor(tx) -> dict:
    """The last seq handed out and the oldest seq still kept (``None`` when none is)."""
    return tx.run(READ_CURSOR).single().data()


def prune(tx, up_to: int, batch: int = 10_000) -> int:
    """Delete up to ``batch`` changes with seq <= ``up_to``; how many were deleted."""
    return tx.run(PRUNE, upTo=up_to, batch=batch).single()["deleted"]
