"""One-time account tokens: password reset, sign-up e-mail verification, e-mail change.

``(p:Person)-[:HAS_TOKEN]->(:AccountToken {digest, purpose, email, expiresAt, createdAt})``.
Only the SHA-256 digest of the token that was mailed is stored. ``email`` is the address
the link was sent to: a verification is only good for the address it was sent to, so a
link mailed before an e-mail change verifies nothing. A token is used up by the statement
that accepts it (deleted in the same transaction), so it works once.
"""
from __future__ import annotations

import logging

from graph.base import Repository

logger = logging.getLogger(__name__)

PURPOSES = ("reset", "verify", "change_email")

# A new token of a purpose replaces the member's older ones of that purpose.
ISSUE_TOKEN = """
MATCH (p:Person {id: $personId})
OPTIONAL MATCH (p)-[:HAS_TOKEN]->(old:AccountToken {purpose: $purpose})
DETACH DELETE old
WITH DISTINCT p
CREATE (p)-[:HAS_TOKEN]->(:AccountToken {digest: $digest, purpose: $purpose, email: $email,
                                         expiresAt: $expiresAt, createdAt: $now})
RETURN p.id AS id
"""

PEEK_TOKEN = """
MATCH (p:Person)-[:HAS_TOKEN]->(t:AccountToken {digest: $digest, purpose: $purpose})
WHERE t.expiresAt >= $now
RETURN p.id AS personId, t.email AS email
"""

USE_TOKEN = """
MATCH (p:Person)-[:HAS_TOKEN]->(t:AccountToken {digest: $digest, purpose: $purpose})
WITH p, t, t.expiresAt >= $now AS live, t.email AS email
DETACH DELETE t
RETURN p.id AS personId, email, live
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


class AccountTokenRepository(Repository):
    """Issues and redeems one-time tokens; sees only their digests."""

    def issue(self, person_id: str, purpose: str, digest: str, email: str,
              expires_at: str, now: str) -> bool:
        """Store a token (replacing older ones of ``purpose``); False if no such member."""
        if purpose not in PURPOSES:
            raise ValueError(f"unknown token purpose {purpose!r}")
        return self._write(_single, ISSUE_TOKEN, {
            "personId": person_id, "purpose": purpose, "digest": digest, "email": email,
            "expiresAt": expires_at, "now": now}) is not None

    def peek(self, purpose: str, digest: str, now: str) -> dict | None:
        """``{personId, email}`` of a live token, without using it up (for the page that
        shows the form); None if unknown, used or expired."""
        return self._read(_single, PEEK_TOKEN, {"purpose": purpose, "digest": digest,
                                                "now": now})

    def use(self, purpose: str, digest: str, now: str) -> dict | None:
        """Use a token up: ``{personId, email}`` if it was live, else None. An expired
        token is deleted too."""
        row = self._write(_single, USE_TOKEN, {"purpose": purpose, "digest": digest,
                                               "now": now})
        if row is None or not row["live"]:
            return None
        return {"personId": row["personId"], "email": row["email"]}
