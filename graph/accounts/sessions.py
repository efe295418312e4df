"""Server-side sessions: one ``(:Session)`` per browser, the member's via ``HAS_SESSION``.

``(:Session {key, id, data, createdAt, createdEpoch, lastSeenAt, lastSeenEpoch,
expiresEpoch, device, place, rememberDigest?})`` and ``(p:Person)-[:HAS_SESSION]->(s)``
once someone logs in. ``key`` is the SHA-256 digest of the random id the cookie carries,
``rememberDigest`` the digest of the remember-me token: a copy of the database opens no
session. ``id`` is a separate random id for the "Your sessions" page. ``data`` is the
session's serialised contents (flask-login's user id, the CSRF token, flashed messages).

A session is alive while ``lastSeenEpoch + idle >= now`` and ``now <= expiresEpoch``;
a remembered session whose idle time ran out is resumed by its remember token (which is
then replaced), until ``expiresEpoch``. Times are passed in, never read here, so callers
and tests control them.
"""
from __future__ import annotations

import logging

from neo4j.exceptions import ConstraintError

from graph.base import Repository
from graph.errors import Duplicate, NotFound

logger = logging.getLogger(__name__)

MATCH_LIVE_SESSION = """
MATCH (s:Session {key: $key})
WHERE s.lastSeenEpoch + $idle >= $now AND s.expiresEpoch >= $now
RETURN s.id AS id, s.data AS data, s.lastSeenEpoch AS lastSeenEpoch,
       s.rememberDigest IS NOT NULL AS remembered
"""

# The token is replaced in the same statement that accepts it: a second use finds nothing.
RESUME_REMEMBERED = """
MATCH (s:Session {rememberDigest: $rememberDigest})
WHERE s.expiresEpoch >= $now
SET s.key = $newKey, s.rememberDigest = $newRememberDigest,
    s.lastSeenEpoch = $now, s.lastSeenAt = $nowIso
RETURN s.id AS id, s.data AS data, s.lastSeenEpoch AS lastSeenEpoch, true AS remembered
"""

# Creates a session, or replaces the record a logged-out or logging-in browser had
# (``oldKey``): a new key stops a fixed or stolen id from carrying over.
CREATE_SESSION = """
OPTIONAL MATCH (old:Session {key: $oldKey})
DETACH DELETE old
WITH count(*) AS ignored
CREATE (s:Session {key: $key, id: $id, data: $data, createdAt: $nowIso, createdEpoch: $now,
                   lastSeenAt: $nowIso, lastSeenEpoch: $now, expiresEpoch: $expiresEpoch,
                   device: $device, place: $place, rememberDigest: $rememberDigest})
WITH s
OPTIONAL MATCH (p:Person {id: $personId})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (p)-[:HAS_SESSION]->(s))
RETURN s.id AS id
"""

SAVE_SESSION = """
MATCH (s:Session {key: $key})
SET s.data = $data, s.lastSeenEpoch = $now, s.lastSeenAt = $nowIso,
    s.device = $device, s.place = $place
RETURN s.id AS id
"""

DELETE_SESSION = """
MATCH (s:Session {key: $key})
DETACH DELETE s
RETURN count(*) AS deleted
"""

MATCH_MEMBER_SESSIONS = """
MATCH (:Person {id: $personId})-[:HAS_SESSION]->(s:Session)
WHERE s.expiresEpoch >= $now
  AND (s.lastSeenEpoch + $idle >= $now OR s.rememberDigest IS NOT NULL)
RETURN s {.id, .device, .place, .createdAt, .lastSeenAt, current: s.key = $currentKey,
          remembered: s.rememberDigest IS NOT NULL} AS session
ORDER BY s.key = $currentKey DESC, s.lastSeenEpoch DESC
"""

END_ONE = """
MATCH (:Person {id: $personId})-[:HAS_SESSION]->(s:Session {id: $id})
DETACH DELETE s
RETURN count(*) AS deleted
"""

END_OTHERS = """
MATCH (:Person {id: $personId})-[:HAS_SESSION]->(s:Session)
WHERE s.key <> $keepKey
DETACH DELETE s
RETURN count(*) AS deleted
"""

PURGE_EXPIRED = """
MATCH (s:Session)
WHERE s.expiresEpoch < $now OR (s.lastSeenEpoch + $idle < $now AND s.rememberDigest IS NULL)
WITH s LIMIT $batch
DETACH DELETE s
RETURN count(*) AS deleted
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rows(tx, query, params):
    return [record["session"] for record in tx.run(query, params)]


def _deleted(tx, query, params):
    return tx.run(query, params).single()["deleted"]


class SessionRepository(Repository):
    """Stores, resumes and ends browser sessions; never sees a cookie's clear value."""

    def load(self, key: str, now: int, idle: int) -> dict | None:
        """The live session with digest ``key`` (``{id, data, lastSeenEpoch,
        remembered}``), or None when it does not exist or timed out."""
        return self._read(_single, MATCH_LIVE_SESSION, {"key": key, "now": now, "idle": idle})

    def resume(self, remember_digest: str, new_key: str, new_remember_digest: str,
               now: int, now_iso: str) -> dict | None:
        """Accept a remember-me token once: the session gets a new key and a new token;
        None when the token is unknown, already used or past the session's end."""
        return self._write(_single, RESUME_REMEMBERED, {
            "rememberDigest": remember_digest, "newKey": new_key,
            "newRememberDigest": new_remember_digest, "now": now, "nowIso": now_iso})

    def create(self, *, key: str, session_id: str, data: str, person_id: str | None,
               now: int, now_iso: str, expires_epoch: int, device: str, place: str,
               remember_digest: str | None = None, old_key: str | None = None) -> None:
        """Write a new session (replacing the one under ``old_key``, if any)."""
        try:
            self._write(_single, CREATE_SESSION, {
                "key": key, "id": session_id, "data": data, "personId": person_id,
                "now": now, "nowIso": now_iso, "expiresEpoch": expires_epoch,
                "device": device, "place": place, "rememberDigest": remember_digest,
                "oldKey": old_key})
        except ConstraintError as exc:  # 256 random bits: only a bug gets here
            raise Duplicate("That session id is taken.") from exc

    def save(self, *, key: str, data: str, now: int, now_iso: str, device: str,
             place: str) -> bool:
        """Store a session's contents and last use; False if it was ended meanwhile."""
        return self._write(_single, SAVE_SESSION, {
            "key": key, "data": data, "now": now, "nowIso": now_iso, "device": device,
            "place": place}) is not None

    def delete(self, key: str) -> None:
        """End the session with digest ``key`` (and its remember token, on the same node)."""
        self._write(_deleted, DELETE_SESSION, {"key": key})

    def for_member(self, person_id: str, current_key: str | None, now: int,
                   idle: int) -> list[dict]:
        """The member's live sessions, the current one first, then by last use."""
        return self._read(_rows, MATCH_MEMBER_SESSIONS, {
            "personId": person_id, "currentKey": current_key or "", "now": now, "idle": idle})

    def end(self, person_id: str, session_id: str) -> None:
        """End one of the member's sessions; ``NotFound`` for anyone else's."""
        if not self._write(_deleted, END_ONE, {"personId": person_id, "id": session_id}):
            raise NotFound("No such session of yours.")

    def end_others(self, person_id: str, keep_key: str | None) -> int:
        """End every session of the member but ``keep_key``'s; returns how many."""
        return self._write(_deleted, END_OTHERS, {"personId": person_id,
                                                  "keepKey": keep_key or ""})

    def purge_expired(self, now: int, idle: int, batch: int = 10000) -> int:
        """Delete up to ``batch`` sessions that can no longer be used; returns how many."""
        return self._write(_deleted, PURGE_EXPIRED, {"now": now, "idle": idle, "batch": batch})
