"""In-app notices: a small, generic notification model any feature can write to.

``(:Notification {id, kind, text, message?, link, createdAt, seq, read})<-[:NOTIFIED]-(:Person)``

- ``kind`` is a short machine word chosen by the feature (``referral.moved``,
  ``introduction.forwarded``, ...), ``text`` the sentence in English (the API's),
  ``message`` (optional) the same as English templates and parameters, JSON, which the
  page shows translated at read time (``graph.i18n.Message``; docs/i18n.md), ``link`` a site-relative
  path (``/referrals/<id>``) or empty. Only paths are stored, never full URLs, so a notice
  can never send a member off-site.
- Features that change something and notify in the same breath call ``add_notices`` with
  their own transaction, so the change and its notices commit together; otherwise
  ``NoticeRepository.notify``.
- ``createdAt`` is to the second (what is shown); ``seq`` is the wall clock in
  nanoseconds when the notice was written, so two notices of one second still list in
  the order they happened (a "refer you" and its "not selected" often share a second).
- A member reads and marks only their own notices (every query matches through
  ``NOTIFIED`` from them).

The module is named ``notices`` (not ``notifications``) so that it sits next to the
conversation-specific ``graph/notices/conversations.py`` of the candidates feature
(``(:Notification)-[:FOR]->(:Person)``) without a clash: the two use different
relationship types and never read each other's nodes. Any feature can move to this one by
writing a ``text`` and a ``link``.
"""
from __future__ import annotations

import logging
import time

from graph.base import Repository, utc_now
from graph.errors import NotFound
from graph.i18n import Message
from graph.notices.preferences import MAILED_COPIES, category_of
from graph.people.members import new_id

logger = logging.getLogger(__name__)

MAX_TEXT = 500
MAX_LINK = 300
MAX_KIND = 60

# A notice of a category the member switched off on the site is not written
# (graph.notices.preferences).
CREATE_NOTIFICATIONS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
WHERE NOT row.category + ':app' IN coalesce(p.noticeOff, [])
CREATE (p)-[:NOTIFIED]->(:Notification {id: row.id, kind: row.kind, text: row.text,
                                        message: row.message, link: row.link, createdAt: $now,
                                        seq: $seq + row.offset, read: false})
"""

# An e-mail copy, unless the member switched this category's e-mail off.
QUEUE_NOTICE_MAILS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
WHERE NOT p:FormerMember AND NOT row.category + ':email' IN coalesce(p.noticeOff, [])
CREATE (p)-[:MAIL_PENDING]->(:NoticeMail {id: row.mailId, text: row.text, message: row.message,
                                          link: row.link, createdAt: $now})
"""

MATCH_NOTIFICATIONS_PAGE = """
MATCH (:Person {id: $personId})-[:NOTIFIED]->(n:Notification)
WITH n ORDER BY n.createdAt DESC, coalesce(n.seq, 0) DESC, n.id
WITH collect(n) AS found
RETURN size(found) AS total, size([n IN found WHERE NOT n.read]) AS unread,
       [n IN found[$skip..$skip + $limit] |
        n {.id, .kind, .text, .message, .link, .createdAt, .read}] AS rows
"""

COUNT_UNREAD = """
MATCH (p:Person {id: $personId})
RETURN COUNT { (p)-[:NOTIFIED]->(:Notification {read: false}) } AS unread
"""

MARK_READ = """
MATCH (:Person {id: $personId})-[:NOTIFIED]->(n:Notification {id: $id})
SET n.read = true
RETURN n.link AS link
"""

MARK_ALL_READ = """
MATCH (:Person {id: $personId})-[:NOTIFIED]->(n:Notification {read: false})
SET n.read = true
RETURN count(n) AS changed
"""


def notice_row(person_id: str, kind: str, text: str | Message, link: str = "") -> dict:
    """One notice for ``add_notices``, checked and trimmed. ``text`` given as a
    ``graph.i18n.Message`` is also stored as ``message`` (templates and parameters), which
    the notices page shows in its reader's language; ``text`` keeps the English."""
    message = text.to_json() if isinstance(text, Message) else None
    text = str(text)
    if link and (not link.startswith("/") or link.startswith("//") or "\\" in link):
        raise ValueError("notice links are site-relative paths")
    return {"id": new_id(), "personId": person_id, "kind": kind[:MAX_KIND],
            "category": category_of(kind), "text": text[:MAX_TEXT], "message": message,
            "link": link[:MAX_LINK]}


def add_notices(tx, rows: list[dict], now: str) -> None:
    """Create ``rows`` (from ``notice_row``) inside the caller's transaction, in
    one query, and queue their e-mail copies (``graph.notices.mails``), each as the
    recipient's switches allow. Rows for unknown members are skipped."""
    if rows:
        ordered = [{**row, "offset": i} for i, row in enumerate(rows)]
        tx.run(CREATE_NOTIFICATIONS, rows=ordered, now=now, seq=time.time_ns()).consume()
        mailed = [{**row, "mailId": new_id()} for row in rows
                  if row["category"] in MAILED_COPIES]
        if mailed:
            tx.run(QUEUE_NOTICE_MAILS, rows=mailed, now=now).consume()


def _create(tx, rows, now):
    add_notices(tx, rows, now)


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


class NoticeRepository(Repository):
    """A member's notifications."""

    def notify(self, person_ids: list[str], kind: str, text: str, link: str = "") -> None:
        """Tell each member in ``person_ids`` the same thing (one write)."""
        rows = [notice_row(pid, kind, text, link) for pid in dict.fromkeys(person_ids)]
        self._write(_create, rows, utc_now())

    def page(self, person_id: str, skip: int, limit: int) -> dict:
        """``{rows, total, unread}``: a page of the member's notifications, newest first."""
        return self._read(_single, MATCH_NOTIFICATIONS_PAGE,
                          {"personId": person_id, "skip": skip, "limit": limit})

    def unread_count(self, person_id: str) -> int:
        """How many of the member's notifications are unread."""
        row = self._read(_single, COUNT_UNREAD, {"personId": person_id})
        return row["unread"] if row else 0

    def mark_read(self, person_id: str, notice_id: str) -> str:
        """Mark one of the member's notifications read; returns its link ('' if none).
        ``NotFound`` for anyone else's."""
        row = self._write(_single, MARK_READ, {"personId": person_id, "id": notice_id})
        if row is None:
            raise NotFound("No such notice.")
        return row["link"] or ""

    def mark_all_read(self, person_id: str) -> int:
        """Mark all of the member's notifications read; returns how many changed."""
        return self._write(_single, MARK_ALL_READ, {"personId": person_id})["changed"]
