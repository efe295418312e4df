"""E-mail copies of notices: ``(:Person)-[:MAIL_PENDING]->(:NoticeMail {id, text, message?,
link, createdAt})`` (``message``: the notice's ``graph.i18n.Message`` JSON, so the copy is
written in its recipient's language when it is sent).

``add_notices`` (``graph.notices.store``) queues one, in the transaction that writes the
notice, for a notice of a category in ``preferences.MAILED_COPIES`` whose recipient has
not switched that category's e-mail off; a recurring task mails the pending copies and
deletes each once its message is handed to the mail queue. The switch is read when the
notice is written, and the copy goes even when the member switched the site notices of
that category off (the two channels are independent).
"""
from __future__ import annotations

from graph.base import Repository

MATCH_PENDING = """
MATCH (p:Person)-[:MAIL_PENDING]->(m:NoticeMail)
WHERE NOT p:FormerMember AND p.email IS NOT NULL
WITH p, m ORDER BY m.createdAt, m.id
LIMIT $limit
RETURN m.id AS id, p.name AS name, p.email AS email, p.locale AS locale, m.text AS text,
       m.message AS message, m.link AS link
"""

DELETE_SENT = """
UNWIND $ids AS id
MATCH (m:NoticeMail {id: id})
DETACH DELETE m
"""


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _delete(tx, ids):
    tx.run(DELETE_SENT, ids=ids).consume()


class NoticeMailRepository(Repository):
    """The queue of notice e-mails."""

    def pending(self, limit: int = 500) -> list[dict]:
        """``[{id, name, email, locale, text, message, link}]``, oldest first."""
        return self._read(_rows, MATCH_PENDING, {"limit": limit})

    def mark_sent(self, ids: list[str]) -> None:
        """Forget the copies that were handed to the mail queue."""
        if ids:
            self._write(_delete, list(ids))
