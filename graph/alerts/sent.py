"""Recording an alert once: ``(:AlertSent {key, at, text, message?, link, digest, digestedAt?})``
``<-[:ALERTED]-(:Person)``, ``key`` unique (``job|memberId|jobId``,
``search|searchId|pseudonymId``). ``MERGE`` on the key with a per-call token tells which
alerts this call created, so a match already alerted never fires again, however often the
task runs or retries.
"""
from __future__ import annotations

from graph.i18n import Message
from graph.notices.store import add_notices, notice_row
from graph.people.members import new_id

RECORD_ALERTS = """
UNWIND $rows AS row
MATCH (m:Person {id: row.personId})
MERGE (s:AlertSent {key: row.key})
  ON CREATE SET s.at = $now, s.token = $token, s.text = row.text, s.message = row.message,
                s.link = row.link, s.digest = row.digest
WITH m, s, row, s.token = $token AS fresh
FOREACH (x IN CASE WHEN fresh THEN [1] ELSE [] END |
  CREATE (m)-[:ALERTED]->(s)
  REMOVE s.token)
RETURN row.personId AS personId, row.key AS key, fresh
"""


def record_alerts(tx, rows: list[dict], now: str, notify: bool = True) -> list[dict]:
    """Record ``rows`` (``personId, key, text, link, digest``) once each; for the ones new
    to the graph, write an in-app notice (kind ``alert.*``, so a member's settings apply)
    unless ``notify`` is false (a saved search's first run only sets a baseline). Returns
    the new rows. ``text`` may be a ``graph.i18n.Message``: the notice then keeps it (shown
    in its reader's language), ``AlertSent.message`` too (the digest e-mail is written in its
    recipient's language) and ``AlertSent.text`` its English."""
    if not rows:
        return []
    stored = [{**row, "text": str(row["text"]),
               "message": row["text"].to_json() if isinstance(row["text"], Message) else None}
              for row in rows]
    outcome = tx.run(RECORD_ALERTS, rows=stored, now=now, token=new_id())
    fresh = {r["key"] for r in outcome if r["fresh"]}
    created = [row for row in rows if row["key"] in fresh]
    if notify:
        add_notices(tx, [notice_row(row["personId"], row["kind"], row["text"], row["link"])
                         for row in created], now)
    return created
