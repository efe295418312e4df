"""Members' match keys: keyed digests of their e-mail, confirmed phone and handles.

``(p:Person)-[:HAS_MATCH_KEY]->(k:MatchKey {digest, kind, network?, hint?})``. The digest
is an HMAC computed by the caller with the server's key; the value itself is never
stored. ``hint`` is what the owner sees of it ("+86 …78"). A key has exactly one owner;
removing it deletes the node. A phone being confirmed is a
``(p)-[:CONFIRMING_PHONE]->(:PhoneConfirmation {digest, hint, codeDigest, expiresAt,
attempts})`` until the member enters the code.
"""
from __future__ import annotations

import hmac
import logging

from neo4j.exceptions import ConstraintError

from graph.base import Repository, utc_now
from graph.errors import Duplicate, Invalid, NotFound

logger = logging.getLogger(__name__)

MAX_CODE_ATTEMPTS = 5

SET_EMAIL_KEYS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
WHERE coalesce(p.emailMatching, true) AND p.emailVerifiedAt IS NOT NULL
OPTIONAL MATCH (p)-[:HAS_MATCH_KEY]->(old:MatchKey {kind: 'email'})
WHERE old.digest <> row.digest
DETACH DELETE old
WITH DISTINCT p, row
OPTIONAL MATCH (other:Person)-[held:HAS_MATCH_KEY]->(:MatchKey {digest: row.digest})
WHERE other <> p
DELETE held
WITH DISTINCT p, row
SET p.emailMatching = true
MERGE (k:MatchKey {digest: row.digest}) ON CREATE SET k.kind = 'email', k.createdAt = $now
MERGE (p)-[:HAS_MATCH_KEY]->(k)
RETURN count(DISTINCT p) AS changed
"""

MATCH_EMAIL_ROWS = """
MATCH (p:Person)
WHERE coalesce(p.emailMatching, true) AND p.emailVerifiedAt IS NOT NULL
  AND ($missingOnly = false OR NOT EXISTS { (p)-[:HAS_MATCH_KEY]->(:MatchKey {kind: 'email'}) })
RETURN p.id AS id, p.email AS email
"""

SET_EMAIL_MATCHING = """
MATCH (p:Person {id: $personId})
SET p.emailMatching = $on
WITH p
OPTIONAL MATCH (p)-[:HAS_MATCH_KEY]->(k:MatchKey {kind: 'email'})
WHERE NOT $on
DETACH DELETE k
RETURN p.email AS email
"""

START_PHONE = """
MATCH (p:Person {id: $personId})
OPTIONAL MATCH (p)-[:CONFIRMING_PHONE]->(old:PhoneConfirmation)
DETACH DELETE old
WITH DISTINCT p
CREATE (p)-[:CONFIRMING_PHONE]->(:PhoneConfirmation {digest: $digest, hint: $hint,
        codeDigest: $codeDigest, expiresAt: $expiresAt, attempts: 0})
RETURN p.id AS id
"""

MATCH_PENDING_PHONE = """
MATCH (:Person {id: $personId})-[:CONFIRMING_PHONE]->(c:PhoneConfirmation)
RETURN c {.digest, .hint, .codeDigest, .expiresAt, .attempts} AS pending
"""

COUNT_WRONG_CODE = """
MATCH (:Person {id: $personId})-[:CONFIRMING_PHONE]->(c:PhoneConfirmation)
SET c.attempts = c.attempts + 1
"""

# The member proved they hold the number: it becomes theirs, and leaves any member who
# held it before (numbers are recycled by carriers).
CONFIRM_PHONE = """
MATCH (p:Person {id: $personId})-[:CONFIRMING_PHONE]->(c:PhoneConfirmation)
DETACH DELETE c
WITH p
OPTIONAL MATCH (p)-[:HAS_MATCH_KEY]->(old:MatchKey {kind: 'phone'})
WHERE old.digest <> $digest
DETACH DELETE old
WITH DISTINCT p
OPTIONAL MATCH (:Person)-[held:HAS_MATCH_KEY]->(:MatchKey {digest: $digest})
DELETE held
WITH DISTINCT p
MERGE (k:MatchKey {digest: $digest})
SET k.kind = 'phone', k.hint = $hint, k.createdAt = $now
MERGE (p)-[:HAS_MATCH_KEY]->(k)
"""

DELETE_KEY = """
MATCH (:Person {id: $personId})-[:HAS_MATCH_KEY]->(k:MatchKey {kind: $kind})
WHERE $network IS NULL OR k.network = $network
DETACH DELETE k
RETURN count(*) AS deleted
"""

MATCH_KEY_OWNER = """
MATCH (p:Person)-[:HAS_MATCH_KEY]->(:MatchKey {digest: $digest})
RETURN p.id AS ownerId
"""

SET_HANDLE = """
MATCH (p:Person {id: $personId})
OPTIONAL MATCH (p)-[:HAS_MATCH_KEY]->(old:MatchKey {kind: 'handle', network: $network})
WHERE old.digest <> $digest
DETACH DELETE old
WITH DISTINCT p
MERGE (k:MatchKey {digest: $digest})
  ON CREATE SET k.kind = 'handle', k.network = $network, k.hint = $hint, k.createdAt = $now
MERGE (p)-[:HAS_MATCH_KEY]->(k)
"""

MATCH_KEYS = """
MATCH (p:Person {id: $personId})
RETURN p.email AS email, coalesce(p.emailMatching, true) AS emailMatching,
       EXISTS { (p)-[:HAS_MATCH_KEY]->(:MatchKey {kind: 'email'}) } AS emailKey,
       head(COLLECT { MATCH (p)-[:HAS_MATCH_KEY]->(k:MatchKey {kind: 'phone'})
                      RETURN k.hint }) AS phone,
       head(COLLECT { MATCH (p)-[:CONFIRMING_PHONE]->(c:PhoneConfirmation)
                      RETURN c {.hint, .expiresAt} }) AS pendingPhone,
       COLLECT { MATCH (p)-[:HAS_MATCH_KEY]->(k:MatchKey {kind: 'handle'})
                 RETURN k {.network, .hint} ORDER BY k.network } AS handles
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _confirm(tx, person_id: str, code_digest: str, now: str) -> str:
    """'confirmed', 'none', 'expired', 'locked' or 'wrong'; a wrong code is counted
    (and committed, which is why this returns rather than raises)."""
    record = tx.run(MATCH_PENDING_PHONE, personId=person_id).single()
    if record is None:
        return "none"
    pending = record["pending"]
    if pending["expiresAt"] < now:
        return "expired"
    if pending["attempts"] >= MAX_CODE_ATTEMPTS:
        return "locked"
    if not hmac.compare_digest(pending["codeDigest"], code_digest):
        tx.run(COUNT_WRONG_CODE, personId=person_id).consume()
        return "wrong"
    tx.run(CONFIRM_PHONE, personId=person_id, digest=pending["digest"],
           hint=pending["hint"], now=now).consume()
    return "confirmed"


def _set_handle(tx, params):
    owner = tx.run(MATCH_KEY_OWNER, digest=params["digest"]).single()
    if owner is not None and owner["ownerId"] != params["personId"]:
        raise Duplicate("Another member has already added this handle.")
    tx.run(SET_HANDLE, params).consume()


_CONFIRM_ERRORS = {
    "none": "There is no phone number waiting for a code. Add your number first.",
    "expired": "That code has expired. Ask for a new one.",
    "locked": "Too many wrong codes. Ask for a new one.",
    "wrong": "That code is not right. Check the message and try again.",
}


class MatchKeyRepository(Repository):
    """Adds, confirms and removes a member's match keys; never sees the clear values."""

    def set_email_keys(self, rows: list[dict]) -> int:
        """Give each ``{id, digest}`` member that digest as their e-mail key (replacing an
        older one), unless they turned e-mail matching off or have not verified the
        address (an unverified address may be someone else's). Returns members changed."""
        row = self._write(_single, SET_EMAIL_KEYS, {"rows": rows, "now": utc_now()})
        return row["changed"] if row else 0

    def email_rows(self, missing_only: bool) -> list[dict]:
        """``{id, email}`` of members whose e-mail key should be (re)built."""
        return self._read(_rows, MATCH_EMAIL_ROWS, {"missingOnly": missing_only})

    def set_email_matching(self, person_id: str, on: bool) -> str:
        """Turn matching by e-mail off (the key is deleted) or back on; returns the
        member's e-mail so the caller can rebuild the key."""
        row = self._write(_single, SET_EMAIL_MATCHING, {"personId": person_id, "on": on})
        if row is None:
            raise NotFound("No such member.")
        return row["email"]

    def start_phone(self, person_id: str, digest: str, hint: str, code_digest: str,
                    expires_at: str) -> None:
        """Record a number waiting for its code (replacing any earlier one)."""
        params = {"personId": person_id, "digest": digest, "hint": hint,
                  "codeDigest": code_digest, "expiresAt": expires_at}
        if self._write(_single, START_PHONE, params) is None:
            raise NotFound("No such member.")

    def confirm_phone(self, person_id: str, code_digest: str) -> None:
        """Confirm the waiting number with the digest of the code the member typed."""
        outcome = self._write(_confirm, person_id, code_digest, utc_now())
        if outcome != "confirmed":
            raise Invalid(_CONFIRM_ERRORS[outcome])

    def remove(self, person_id: str, kind: str, network: str | None = None) -> None:
        """Delete the member's phone key, or their handle on ``network``."""
        row = self._write(_single, DELETE_KEY,
                          {"personId": person_id, "kind": kind, "network": network})
        if not row["deleted"]:
            raise NotFound("There is nothing of that kind to remove.")

    def set_handle(self, person_id: str, network: str, digest: str, hint: str) -> None:
        """Add (or replace) the member's handle on ``network``; ``Duplicate`` when
        another member has added the same one."""
        params = {"personId": person_id, "network": network, "digest": digest,
                  "hint": hint, "now": utc_now()}
        try:
            self._write(_set_handle, params)
        except ConstraintError as exc:
            raise Duplicate("Another member has already added this handle.") from exc

    def keys(self, person_id: str) -> dict:
        """What the member sees of their own keys (hints only)."""
        row = self._read(_single, MATCH_KEYS, {"personId": person_id})
        if row is None:
            raise NotFound("No such member.")
        return row
