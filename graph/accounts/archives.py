"""Data archives: a member's "download my data" file, prepared in the background.

``(p:Person)-[:REQUESTED_ARCHIVE]->(:DataArchive {id, status, requestedAt, readyAt?,
expiresAt?, body?})``. ``status`` is 'queued', 'ready' or 'failed'. The body (the JSON of
``DataExportRepository.export``) lives in the database rather than on a web host's disk,
so whichever host the member reaches serves it, and erasing the account deletes it with
the member's other owned nodes. A ready archive is kept ``ARCHIVE_HOURS`` and then pruned.

Every read and write names the owner in its ``MATCH``: an archive id on its own opens
nothing.
"""
from __future__ import annotations

import logging

from graph.base import Repository
from graph.errors import Duplicate, NotFound, TooMany
from graph.idempotency import write_key

logger = logging.getLogger(__name__)

ARCHIVE_HOURS = 48
STATUSES = ("queued", "ready", "failed")


class TooManyArchives(TooMany):
    """The member has asked for their daily number of archives."""


LOCK_MEMBER = """
MATCH (p:Person {id: $meId})
SET p.archiveLock = true
REMOVE p.archiveLock
RETURN COUNT { (p)-[:REQUESTED_ARCHIVE]->(a:DataArchive) WHERE a.requestedAt > $since }
         AS usedToday,
       COUNT { (p)-[:REQUESTED_ARCHIVE]->(:DataArchive {status: 'queued'}) } AS pending
"""

CREATE_ARCHIVE = """
MATCH (p:Person {id: $meId})
CREATE (p)-[:REQUESTED_ARCHIVE]->(a:DataArchive {id: $id, status: 'queued',
                                                 requestedAt: $now})
RETURN a.id AS id
"""

FILL_ARCHIVE = """
MATCH (:Person {id: $meId})-[:REQUESTED_ARCHIVE]->(a:DataArchive {id: $id, status: 'queued'})
SET a.status = 'ready', a.body = $body, a.readyAt = $now, a.expiresAt = $expiresAt
RETURN a.id AS id
"""

FAIL_ARCHIVE = """
MATCH (:Person {id: $meId})-[:REQUESTED_ARCHIVE]->(a:DataArchive {id: $id, status: 'queued'})
SET a.status = 'failed', a.readyAt = $now
RETURN a.id AS id
"""

MATCH_ARCHIVES = """
MATCH (:Person {id: $meId})-[:REQUESTED_ARCHIVE]->(a:DataArchive)
WHERE a.expiresAt IS NULL OR a.expiresAt > $now
RETURN a {.id, .status, .requestedAt, .readyAt, .expiresAt, size: size(a.body)} AS archive
ORDER BY a.requestedAt DESC, a.id
"""

MATCH_BODY = """
MATCH (:Person {id: $meId})-[:REQUESTED_ARCHIVE]->(a:DataArchive {id: $id, status: 'ready'})
WHERE a.expiresAt > $now
RETURN a.body AS body, a.readyAt AS readyAt
"""

PRUNE = """
MATCH (a:DataArchive)
WHERE a.expiresAt <= $now OR (a.status <> 'ready' AND a.requestedAt <= $staleBefore)
WITH a LIMIT 1000
DETACH DELETE a
RETURN count(*) AS deleted
"""


def _request(tx, params: dict, daily_limit: int) -> str:
    """Create the queued archive and return its id. A refusal is raised inside the
    transaction, so it claims no idempotency key: a retry is judged afresh."""
    counts = tx.run(LOCK_MEMBER, meId=params["meId"], since=params["since"]).single()
    if counts is None:
        raise NotFound("No such member.")
    if counts["pending"]:
        raise Duplicate("Your data archive is already being prepared; we'll tell you "
                        "when it is ready.")
    if counts["usedToday"] >= daily_limit:
        raise TooManyArchives("You can ask for %(daily_limit)s archives a day. Try again tomorrow.", daily_limit=daily_limit)
    tx.run(CREATE_ARCHIVE, params).consume()
    return params["id"]


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _all(tx, query, params):
    return [record["archive"] for record in tx.run(query, params)]


class DataArchiveRepository(Repository):
    """Archives a member asked for: requested, filled by the background task, listed,
    downloaded by their owner only, and pruned when they expire."""

    def request(self, me_id: str, archive_id: str, now: str, since: str,
                daily_limit: int, request_id: str | None = None) -> str:
        """Record a queued archive for ``me_id`` and return its id. ``Duplicate`` (409)
        while another one is being prepared, ``TooManyArchives`` after ``daily_limit``
        requests since ``since``; a repeat of ``request_id`` raises ``AlreadyApplied``
        with the first request's archive id (nothing new is recorded)."""
        return self._write_once(write_key("archive", me_id, request_id), _request,
                                {"meId": me_id, "id": archive_id, "now": now,
                                 "since": since}, daily_limit)

    def fill(self, me_id: str, archive_id: str, body: str, now: str, expires_at: str) -> bool:
        """Store the finished archive; ``False`` when it is gone or no longer queued (a
        retried task, or an account erased meanwhile)."""
        return self._write(_single, FILL_ARCHIVE, {"meId": me_id, "id": archive_id,
                                                   "body": body, "now": now,
                                                   "expiresAt": expires_at}) is not None

    def fail(self, me_id: str, archive_id: str, now: str) -> bool:
        """Mark a queued archive as failed (the member may ask again)."""
        return self._write(_single, FAIL_ARCHIVE,
                           {"meId": me_id, "id": archive_id, "now": now}) is not None

    def list(self, me_id: str, now: str) -> list[dict]:
        """The member's unexpired archives, newest first, without their bodies."""
        return self._read(_all, MATCH_ARCHIVES, {"meId": me_id, "now": now})

    def body(self, me_id: str, archive_id: str, now: str) -> dict:
        """``{body, readyAt}`` of one of the member's ready, unexpired archives; otherwise
        ``NotFound`` (another member's archive answers exactly like a missing one)."""
        row = self._read(_single, MATCH_BODY, {"meId": me_id, "id": archive_id, "now": now})
        if row is None:
            raise NotFound("No such archive.")
        return row

    def prune(self, now: str, stale_before: str) -> int:
        """Delete expired archives, and queued or failed ones requested before
        ``stale_before``; returns how many."""
        deleted = 0
        while batch := self._write(_single, PRUNE, {"now": now,
                                                    "staleBefore": stale_before})["deleted"]:
            deleted += batch
        return deleted
