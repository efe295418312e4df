"""The daily e-mail digest of alerts: every alert marked for the digest and not yet sent,
per member. The caller mails each digest and then marks it sent; a digest that could not
be mailed stays pending for the next run."""
from __future__ import annotations

from graph.base import Repository, utc_now

MATCH_PENDING = """
MATCH (m:Person)-[:ALERTED]->(s:AlertSent {digest: true})
WHERE s.digestedAt IS NULL AND NOT m:FormerMember
  AND NOT 'alerts:email' IN coalesce(m.noticeOff, [])
WITH m, s ORDER BY s.at, s.key
RETURN m.id AS personId, m.name AS name, m.email AS email, m.locale AS locale,
       collect(s {.key, .text, .message, .link}) AS alerts
ORDER BY personId
"""

MARK_SENT = """
UNWIND $keys AS key
MATCH (s:AlertSent {key: key})
SET s.digestedAt = $now
"""


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _mark(tx, keys, now):
    tx.run(MARK_SENT, keys=keys, now=now).consume()


class AlertDigestRepository(Repository):
    """Pending digests and marking them sent."""

    def pending(self) -> list[dict]:
        """``[{personId, name, email, locale, alerts: [{key, text, message, link}]}]``."""
        return self._read(_rows, MATCH_PENDING, {})

    def mark_sent(self, keys: list[str], now: str | None = None) -> None:
        """Mark these alerts as mailed."""
        self._write(_mark, keys, now or utc_now())
