"""The scheduled sweep of what expires: unanswered referral invitations, asks
and introductions past their window, and old idempotency tokens (``graph.idempotency``).

Each of these is also expired lazily when a new one for the same key is made; the sweep
closes the rest on time, so an outsider's e-mail address on an unanswered invitation is
removed when the invitation expires, not whenever someone next refers them.
"""
from __future__ import annotations

from typing import Any, Mapping

from neo4j import Driver

from graph.base import Repository
from graph.idempotency import prune_tokens
from graph.referrals.stages import iso_after
from graph.referrals.submissions import expire_invitations

EXPIRE_ALL_ASKS = """
MATCH (a:ReferralAsk) WHERE a.pendingKey IS NOT NULL AND a.createdAt < $liveSince
SET a.status = 'expired'
REMOVE a.pendingKey
RETURN count(a) AS expired
"""

EXPIRE_ALL_INTRODUCTIONS = """
MATCH (i:Introduction) WHERE i.pendingKey IS NOT NULL AND i.createdAt < $liveSince
SET i.status = 'expired'
REMOVE i.pendingKey
RETURN count(i) AS expired
"""


def _sweep(tx, now: str, invite_days: int, expiry_days: int) -> dict[str, int]:
    live_since = iso_after(now, -expiry_days)
    return {
        "invitations": expire_invitations(tx, iso_after(now, -invite_days), now),
        "asks": tx.run(EXPIRE_ALL_ASKS, liveSince=live_since).single()["expired"],
        "introductions": tx.run(EXPIRE_ALL_INTRODUCTIONS, liveSince=live_since).single()["expired"],
    }


class ExpiryRepository(Repository):
    """Expires invitations, asks and introductions past their window, all at once."""

    def __init__(self, driver: Driver, database: str, invite_days: int = 30,
                 expiry_days: int = 14):
        super().__init__(driver, database)
        self.invite_days = invite_days
        self.expiry_days = expiry_days

    @classmethod
    def from_settings(cls, driver: Driver, database: str, settings: Mapping[str, Any],
                      index: Any = None):
        return cls(driver, database, settings.get("REFERRAL_INVITE_DAYS", 30),
                   settings.get("INTRODUCTION_EXPIRY_DAYS", 14))

    def sweep(self, now: str) -> dict[str, int]:
        """Expire everything past its window at ``now``; returns how many of each."""
        return self._write(_sweep, now, self.invite_days, self.expiry_days)

    def prune_write_tokens(self, before: str, batch: int = 10_000) -> int:
        """Delete up to ``batch`` idempotency tokens created before ``before``."""
        return self._write(prune_tokens, before, batch)
