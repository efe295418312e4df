"""Moderation of the workplace channel: the staff queue, hide and restore, warnings by
keyed hash, and the logged escalation that alone may name an author.

Staff work on the post, not the person: the queue shows what readers would see (handle,
hour, label) and how many warnings the same author key already has, never the key. A
warning is ``(:WorkplaceWarning {id, authorKey, reason, hour})``; the author sees it on
their channel page (their key is computed when they look). Every decision is a
``(:WorkplaceModeration {id, action, reason, hour})-[:ON]->(target)``, ``-[:BY]->(staff)``.
An escalation (``WorkplaceEscalation``, same shape) records who asked, why and when, then
finds the author by computing the keyed hash of the members who could have written it.
Every query checks ``actor.staff`` itself.
"""
from __future__ import annotations

import logging

from graph.errors import Forbidden, Invalid, NotFound
from graph.people.members import new_id
from graph.workplace.anonymity import author_key, current_hour
from graph.workplace.membership import LABEL, WorkplaceRepository

logger = logging.getLogger(__name__)

ACTIONS = ("hide", "restore", "warn")

IS_STAFF = "MATCH (a:Person {id: $actorId}) RETURN coalesce(a.staff, false) AS staff"

MATCH_QUEUE = """
MATCH (target)
WHERE (target:WorkplacePost OR target:WorkplaceComment)
  AND (target.status = 'held' OR EXISTS { (:WorkplaceReport {open: true})-[:ON]->(target) })
OPTIONAL MATCH (target)-[:ON]->(parent:WorkplacePost)
WITH target, coalesce(parent, target) AS post
MATCH (post)-[:FROM]->(c:Company)
OPTIONAL MATCH (post)-[:IN_CHANNEL]->(ch:Company)
RETURN target {.id, .title, .body, .handle, .hour, .status, .heldReason,
  kind: CASE WHEN target:WorkplacePost THEN 'post' ELSE 'comment' END, postId: post.id,
  channel: CASE WHEN ch IS NULL THEN 'public' ELSE ch.name END,
  label: """ + LABEL + """,
  reports: COLLECT { MATCH (r:WorkplaceReport {open: true})-[:ON]->(target)
                     RETURN r {.reason, .hour} },
  warnings: COUNT { (w:WorkplaceWarning) WHERE w.authorKey = target.authorKey }} AS item
ORDER BY item.status DESC, target.hourEpoch, target.id
LIMIT 200
"""

DECIDE = """
MATCH (a:Person {id: $actorId, staff: true})
OPTIONAL MATCH (p:WorkplacePost {id: $targetId})
OPTIONAL MATCH (cm:WorkplaceComment {id: $targetId})
WITH a, coalesce(p, cm) AS target
WHERE target IS NOT NULL
SET target.status = CASE $action WHEN 'hide' THEN 'hidden' WHEN 'restore' THEN 'visible'
                                 ELSE target.status END
FOREACH (_ IN CASE WHEN $action = 'warn' THEN [1] ELSE [] END |
  CREATE (:WorkplaceWarning {id: $warningId, authorKey: target.authorKey, reason: $reason,
                             hour: $hour}))
WITH a, target
OPTIONAL MATCH (r:WorkplaceReport {open: true})-[:ON]->(target)
SET r.open = false
WITH DISTINCT a, target
CREATE (m:WorkplaceModeration {id: $id, action: $action, reason: $reason, hour: $hour})
CREATE (m)-[:ON]->(target), (m)-[:BY]->(a)
RETURN target.status AS status
"""

MATCH_WARNINGS = """
MATCH (w:WorkplaceWarning {authorKey: $authorKey})
RETURN w {.reason, .hour} AS warning ORDER BY w.hour DESC LIMIT 20
"""

# The members who could have written the target: a work e-mail on one of the author's
# company's domains now; if the author has since moved, every member is tried.
MATCH_ESCALATION_CANDIDATES = """
MATCH (a:Person {id: $actorId, staff: true})
OPTIONAL MATCH (p:WorkplacePost {id: $targetId})
OPTIONAL MATCH (cm:WorkplaceComment {id: $targetId})
WITH a, coalesce(p, cm) AS target WHERE target IS NOT NULL
MATCH (target)-[:FROM]->(c:Company)
CREATE (e:WorkplaceEscalation {id: $id, reason: $reason, hour: $hour, at: $at})
CREATE (e)-[:ON]->(target), (e)-[:BY]->(a)
RETURN target.authorKey AS authorKey,
       COLLECT { MATCH (c)-[:HAS_DOMAIN]->(d:CompanyDomain), (q:Person {workEmailDomain: d.name})
                 RETURN q.id } AS likely
"""

MATCH_ALL_MEMBERS = "MATCH (q:Person) WHERE NOT q:FormerMember RETURN q.id AS id"
MATCH_MEMBER = "MATCH (q:Person {id: $id}) RETURN q {.id, .name, .email} AS member"


def _require_staff(tx, params):
    row = tx.run(IS_STAFF, params).single()
    if row is None or not row["staff"]:
        raise Forbidden("Only site staff can do this.")


def _queue(tx, params):
    _require_staff(tx, params)
    return [record["item"] for record in tx.run(MATCH_QUEUE, params)]


def _decide(tx, params):
    _require_staff(tx, params)
    row = tx.run(DECIDE, params).single()
    if row is None:
        raise NotFound("No such post or comment.")
    return row["status"]


def _warnings(tx, params):
    return [record["warning"] for record in tx.run(MATCH_WARNINGS, params)]


def _escalate(tx, params, key):
    _require_staff(tx, params)
    row = tx.run(MATCH_ESCALATION_CANDIDATES, params).single()
    if row is None:
        raise NotFound("No such post or comment.")
    wanted = row["authorKey"]
    found = next((mid for mid in row["likely"] if author_key(key, mid) == wanted), None)
    if found is None:
        found = next((r["id"] for r in tx.run(MATCH_ALL_MEMBERS)
                      if author_key(key, r["id"]) == wanted), None)
    if found is None:
        return None
    return tx.run(MATCH_MEMBER, {"id": found}).single()["member"]


class ModerationRepository(WorkplaceRepository):
    """The staff queue and decisions, and members' own warnings."""

    def queue(self, actor_id: str) -> list[dict]:
        """Held posts and comments, and those with open reports (staff only)."""
        return self._read(_queue, {"actorId": actor_id, **self.window()})

    def decide(self, actor_id: str, target_id: str, action: str, reason: str) -> str:
        """Hide, restore, or warn the author of a post or comment (staff only); closes its
        reports and records the decision. Returns the target's status."""
        if action not in ACTIONS:
            raise Invalid("Hide, restore or warn, nothing else.")
        hour, _ = current_hour()
        return self._write(_decide, {
            "actorId": actor_id, "targetId": target_id, "action": action,
            "reason": (reason or "").strip() or "Against the channel's rules.",
            "hour": hour, "id": new_id(), "warningId": new_id()})

    def escalate(self, actor_id: str, target_id: str, reason: str, at: str) -> dict | None:
        """Staff only, recorded before anything is looked up: the member who wrote the
        post or comment (``{id, name, email}``), or None if their account is gone.
        ``reason`` is required: escalation is for threats and legal orders, not curiosity."""
        reason = (reason or "").strip()
        if len(reason) < 10:
            raise Invalid("Say why the author must be identified (at least 10 characters).")
        hour, _ = current_hour()
        member = self._write(_escalate, {"actorId": actor_id, "targetId": target_id,
                                         "reason": reason, "hour": hour, "at": at,
                                         "id": new_id()}, self.key)
        logger.warning("workplace escalation by staff %s on %s", actor_id, target_id)
        return member

    def my_warnings(self, member_id: str) -> list[dict]:
        """The warnings staff gave to the member's author key, newest first."""
        return self._read(_warnings, {"authorKey": author_key(self.key, member_id)})
