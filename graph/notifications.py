"""In-app notifications: ``(:Notification {id, kind, actor, conversationId, createdAt,
read})-[:FOR]->(:Person)``.

``actor`` is the label under which the recipient knows the other party: a pseudonym's
name for a candidate's counterpart (never the member's real name), the real name of a
recruiter or contact for the candidate. Notifications are written by other repositories
inside their own transactions with ``notify``.
"""
from __future__ import annotations

from .base import Repository, utc_now
from .people import new_id

KINDS = ("conversation", "interest", "withdrawn", "revealed")
SHOWN = 50

CREATE_NOTIFICATION = """
MATCH (p:Person {id: $personId})
CREATE (n:Notification {id: $id, kind: $kind, actor: $actor,
                        conversationId: $conversationId, createdAt: $now, read: false})
CREATE (n)-[:FOR]->(p)
"""

MATCH_RECENT = """
MATCH (n:Notification)-[:FOR]->(:Person {id: $personId})
RETURN n {.id, .kind, .actor, .conversationId, .createdAt, .read} AS notification
ORDER BY n.createdAt DESC, n.id
LIMIT $limit
"""

COUNT_UNREAD = """
MATCH (p:Person {id: $personId})
RETURN COUNT { (n:Notification {read: false})-[:FOR]->(p) } AS unread
"""

MARK_ALL_READ = """
MATCH (n:Notification {read: false})-[:FOR]->(:Person {id: $personId})
SET n.read = true
RETURN count(n) AS changed
"""


def notify(tx, person_id: str, kind: str, actor: str, conversation_id: str,
           now: str | None = None) -> None:
    """Inside a caller's transaction: tell ``person_id`` about ``kind`` by ``actor``."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    tx.run(CREATE_NOTIFICATION, personId=person_id, id=new_id(), kind=kind, actor=actor,
           conversationId=conversation_id, now=now or utc_now()).consume()


def _rows(tx, params):
    return [record["notification"] for record in tx.run(MATCH_RECENT, params)]


def _value(tx, query, params, key):
    record = tx.run(query, params).single()
    return record[key] if record else 0


class NotificationRepository(Repository):
    """A member's own notifications."""

    def recent(self, person_id: str, limit: int = SHOWN) -> list[dict]:
        """The member's latest notifications, newest first."""
        return self._read(_rows, {"personId": person_id, "limit": limit})

    def unread_count(self, person_id: str) -> int:
        """How many notifications the member has not marked read."""
        return self._read(_value, COUNT_UNREAD, {"personId": person_id}, "unread")

    def mark_all_read(self, person_id: str) -> int:
        """Mark every notification of the member read; returns how many changed."""
        return self._write(_value, MARK_ALL_READ, {"personId": person_id}, "changed")
