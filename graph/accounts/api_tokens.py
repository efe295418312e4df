"""Personal access tokens for the JSON API (``/api/v1``).

``(p:Person)-[:HAS_API_TOKEN]->(:ApiToken {id, digest, name, createdAt, expiresAt,
lastUsedAt?})``. Only the SHA-256 ``digest`` of the token is stored (the member sees the
token once, when it is made); ``id`` is a separate random id for listing and revoking;
``name`` is the device or integration the member named. A token works while
``expiresAt`` (ISO-8601 UTC) is in the future; revoking deletes it. Changing the
password and erasing the account delete every token (``credentials.py``, ``erasure.py``).
Times are passed in, so callers and tests control them.
"""
from __future__ import annotations

import logging

from graph.base import Repository
from graph.errors import Invalid, NotFound

logger = logging.getLogger(__name__)

MAX_TOKENS_PER_MEMBER = 50
MAX_NAME = 80

# The cap is checked in the statement that creates, so two racing creations cannot pass it
# together unnoticed for long: the count is read under the member's write lock.
CREATE_TOKEN = """
MATCH (p:Person {id: $personId}) WHERE NOT p:FormerMember
SET p._apiTokenLock = true
REMOVE p._apiTokenLock
WITH p
OPTIONAL MATCH (p)-[:HAS_API_TOKEN]->(existing:ApiToken)
WITH p, count(existing) AS held
WHERE held < $cap
CREATE (p)-[:HAS_API_TOKEN]->(t:ApiToken {id: $id, digest: $digest, name: $name,
                                          createdAt: $now, expiresAt: $expiresAt})
RETURN t.id AS id, t.name AS name, t.createdAt AS createdAt, t.expiresAt AS expiresAt,
       null AS lastUsedAt
"""

LIST_TOKENS = """
MATCH (:Person {id: $personId})-[:HAS_API_TOKEN]->(t:ApiToken)
RETURN t.id AS id, t.name AS name, t.createdAt AS createdAt, t.expiresAt AS expiresAt,
       t.lastUsedAt AS lastUsedAt, t.expiresAt > $now AS live
ORDER BY t.createdAt DESC, t.id
"""

REVOKE_TOKEN = """
MATCH (:Person {id: $personId})-[:HAS_API_TOKEN]->(t:ApiToken {id: $id})
DETACH DELETE t
RETURN count(*) AS revoked
"""

# The member behind a live token. ``lastUsedAt`` is written at most once a minute (the
# caller passes ``$staleBefore``) so a busy client does not write on every request.
AUTHENTICATE = """
MATCH (p:Person)-[:HAS_API_TOKEN]->(t:ApiToken {digest: $digest})
WHERE t.expiresAt > $now AND NOT p:FormerMember
FOREACH (_ IN CASE WHEN coalesce(t.lastUsedAt, '') < $staleBefore THEN [1] ELSE [] END |
  SET t.lastUsedAt = $now)
RETURN p.id AS personId, t.id AS tokenId
"""

PRUNE_EXPIRED = """
MATCH (t:ApiToken) WHERE t.expiresAt <= $now
WITH t LIMIT $batch
DETACH DELETE t
RETURN count(*) AS pruned
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _all(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


class ApiTokenRepository(Repository):
    """Create, list, revoke and check personal access tokens."""

    def create(self, person_id: str, token_id: str, digest: str, name: str, now: str,
               expires_at: str) -> dict:
        """Store a new token's digest for ``person_id``; raises ``Invalid`` when the
        member already holds ``MAX_TOKENS_PER_MEMBER`` tokens or the name is unusable."""
        name = (name or "").strip()
        if not name or len(name) > MAX_NAME:
            raise Invalid("Name the device or integration in 1 to %(max)s characters.", max=MAX_NAME)
        created = self._write(_single, CREATE_TOKEN, {
            "personId": person_id, "id": token_id, "digest": digest, "name": name,
            "now": now, "expiresAt": expires_at, "cap": MAX_TOKENS_PER_MEMBER})
        if created is None:
            raise Invalid("You hold %(max)s tokens already: revoke one you no longer use first.", max=MAX_TOKENS_PER_MEMBER)
        return created

    def list(self, person_id: str, now: str) -> list[dict]:
        """The member's tokens, newest first (never the digest)."""
        return self._read(_all, LIST_TOKENS, {"personId": person_id, "now": now})

    def revoke(self, person_id: str, token_id: str) -> None:
        """Delete one of the member's tokens; ``NotFound`` when it is not theirs."""
        revoked = self._write(_single, REVOKE_TOKEN, {"personId": person_id, "id": token_id})
        if not revoked or not revoked["revoked"]:
            raise NotFound("There is no such token.")

    def authenticate(self, digest: str, now: str, stale_before: str) -> dict | None:
        """``{personId, tokenId}`` of the live token with ``digest``, or None."""
        return self._write(_single, AUTHENTICATE, {"digest": digest, "now": now,
                                                   "staleBefore": stale_before})

    def prune_expired(self, now: str, batch: int = 1000) -> int:
        """Delete up to ``batch`` expired tokens; how many went."""
        return self._write(_single, PRUNE_EXPIRED, {"now": now, "batch": batch})["pruned"]
