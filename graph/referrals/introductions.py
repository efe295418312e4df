"""Introductions through a mutual friend, and the short conversation that follows.

``(requester)-[:REQUESTED_INTRO]->(i:Introduction {id, key, pendingKey, message, note,
status, createdAt, answeredAt})-[:VIA]->(middle)``, ``(i)-[:TO]->(target)``.

The middle friend forwards (``status: 'forwarded'``): the target is told, with the
requester's message and the middle friend's optional note, and requester and target can
write to each other on the introduction's page (``(i)-[:HAS_MESSAGE]->(:IntroMessage)``)
and connect with a friend request. Or the middle friend declines, quietly:

- the requester sees "not forwarded" - the same words as for a request nobody answered
  within ``expiry_days`` - and gets no notification; the target never learns of it;
- there are no reminders: the same middle friend is asked for the same target once, ever
  (``key`` "requester|target|middle", unique), and one request per target is open at a
  time (``pendingKey`` "requester|target", unique while pending).
"""
from __future__ import annotations

import logging

from neo4j.exceptions import ConstraintError

from graph.base import Repository, utc_now
from graph.errors import Duplicate, Invalid, NotFound
from graph.i18n import msg
from graph.notices.store import add_notices, notice_row
from graph.people.members import new_id
from graph.referrals.stages import iso_after

logger = logging.getLogger(__name__)

MAX_MESSAGE = 1000
MAX_THREAD = 300

MATCH_INTRO_STATE = """
MATCH (me:Person {id: $me}), (t:Person {id: $targetId})
OPTIONAL MATCH (m:Person {id: $viaId})
RETURN me.name AS meName, t.name AS targetName, m.name AS viaName,
       EXISTS { (me)-[:FRIENDS_WITH]-(t) } AS friends,
       m IS NOT NULL AND m <> me AND m <> t AND EXISTS { (me)-[:FRIENDS_WITH]-(m) }
         AND EXISTS { (m)-[:FRIENDS_WITH]-(t) } AS mutual,
       EXISTS { MATCH (i:Introduction {key: $key}) } AS askedBefore,
       // A declined request blocks a new one like an unanswered one until its expiry,
       // so trying again does not reveal the decline.
       EXISTS { MATCH (me)-[:REQUESTED_INTRO]->(i:Introduction)-[:TO]->(t)
                WHERE i.status = 'pending'
                   OR (i.status = 'declined' AND i.createdAt >= $liveSince) } AS waiting
"""

EXPIRE_INTRO = """
MATCH (i:Introduction {pendingKey: $pendingKey})
WHERE i.createdAt < $liveSince
SET i.status = 'expired'
REMOVE i.pendingKey
"""

CREATE_INTRO = """
MATCH (me:Person {id: $me}), (t:Person {id: $targetId}), (m:Person {id: $viaId})
CREATE (me)-[:REQUESTED_INTRO]->(i:Introduction {id: $id, key: $key, pendingKey: $pendingKey,
        message: $message, note: '', status: 'pending', createdAt: $now})-[:VIA]->(m)
CREATE (i)-[:TO]->(t)
"""

# Only the middle friend answers, only a live pending request.
ANSWER_INTRO = """
MATCH (r:Person)-[:REQUESTED_INTRO]->(i:Introduction {id: $id, status: 'pending'})
      -[:VIA]->(me:Person {id: $me})
WHERE i.createdAt >= $liveSince
MATCH (i)-[:TO]->(t:Person)
SET i.status = $status, i.answeredAt = $now, i.note = $note
REMOVE i.pendingKey
RETURN r {.id, .name} AS requester, t {.id, .name} AS target, me.name AS middle,
       i.message AS message
"""

# What each party may see. The target sees only forwarded introductions; the requester
# sees "waiting" / "forwarded" / "not_forwarded", and a decline looks like silence until
# the request would have expired (then both read "not_forwarded"); the middle friend sees what they were asked and whether they forwarded.
MATCH_INTRO_PAGE = """
MATCH (r:Person)-[:REQUESTED_INTRO]->(i:Introduction {id: $id})-[:VIA]->(m:Person),
      (i)-[:TO]->(t:Person)
WITH r, i, m, t, CASE $me WHEN r.id THEN 'requester' WHEN t.id THEN 'target'
                          WHEN m.id THEN 'middle' END AS role
WHERE role IN ['requester', 'middle'] OR (role = 'target' AND i.status = 'forwarded')
RETURN role, i {.id, .message, .createdAt, .answeredAt,
                note: CASE WHEN i.status = 'forwarded' THEN i.note ELSE '' END} AS intro,
       CASE WHEN i.status = 'forwarded' THEN 'forwarded'
            WHEN i.createdAt >= $liveSince
                 AND (i.status = 'pending' OR (i.status = 'declined' AND role = 'requester'))
              THEN 'waiting'
            ELSE 'not_forwarded' END AS state,
       r {.id, .name} AS requester, m {.id, .name} AS middle, t {.id, .name} AS target,
       CASE WHEN i.status = 'forwarded' AND role <> 'middle' THEN COLLECT {
         MATCH (i)-[:HAS_MESSAGE]->(msg:IntroMessage)<-[:WROTE]-(a:Person)
         RETURN msg {.text, .at, .seq, by: a.name, mine: a.id = $me} ORDER BY msg.seq }
       ELSE [] END AS messages,
       EXISTS { (r)-[:FRIENDS_WITH]-(t) } AS connected
"""

ADD_MESSAGE = """
MATCH (r:Person)-[:REQUESTED_INTRO]->(i:Introduction {id: $id, status: 'forwarded'})-[:TO]->(t:Person)
MATCH (me:Person {id: $me}) WHERE me = r OR me = t
WITH i, me, CASE WHEN me = r THEN t ELSE r END AS other,
     COUNT { (i)-[:HAS_MESSAGE]->() } AS seq
WHERE seq < $maxThread
CREATE (i)-[:HAS_MESSAGE]->(:IntroMessage {id: $msgId, text: $text, at: $now, seq: seq})<-[:WROTE]-(me)
RETURN other.id AS otherId, me.name AS myName
"""

MATCH_INTRO_LISTS = """
MATCH (me:Person {id: $me})
RETURN COLLECT {
  MATCH (me)-[:REQUESTED_INTRO]->(i:Introduction)-[:VIA]->(m:Person), (i)-[:TO]->(t:Person)
  WITH i, m, t ORDER BY i.createdAt DESC, i.id LIMIT $max
  RETURN {id: i.id, createdAt: i.createdAt, middle: m {.id, .name}, target: t {.id, .name},
          state: CASE WHEN i.status = 'forwarded' THEN 'forwarded'
                      WHEN i.status IN ['pending', 'declined']
                           AND i.createdAt >= $liveSince THEN 'waiting'
                      ELSE 'not_forwarded' END} } AS sent,
  COLLECT {
  MATCH (r:Person)-[:REQUESTED_INTRO]->(i:Introduction {status: 'pending'})-[:VIA]->(me),
        (i)-[:TO]->(t:Person)
  WHERE i.createdAt >= $liveSince
  WITH i, r, t ORDER BY i.createdAt, i.id LIMIT $max
  RETURN {id: i.id, createdAt: i.createdAt, message: i.message, requester: r {.id, .name},
          target: t {.id, .name}} } AS toForward,
  COLLECT {
  MATCH (r:Person)-[:REQUESTED_INTRO]->(i:Introduction {status: 'forwarded'})-[:TO]->(me),
        (i)-[:VIA]->(m:Person)
  WITH i, r, m ORDER BY i.answeredAt DESC, i.id LIMIT $max
  RETURN {id: i.id, answeredAt: i.answeredAt, message: i.message, requester: r {.id, .name},
          middle: m {.id, .name}} } AS received
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _request(tx, p):
    tx.run(EXPIRE_INTRO, p).consume()
    state = tx.run(MATCH_INTRO_STATE, p).single()
    if state is None:
        raise NotFound("No such member.")
    if p["me"] == p["targetId"]:
        raise Invalid("You cannot ask to be introduced to yourself.")
    if state["friends"]:
        raise Invalid("You and %(targetName)s are already friends.", targetName=state['targetName'])
    if not state["mutual"]:
        raise Invalid("Choose a friend you and %(targetName)s have in common.", targetName=state['targetName'])
    if state["askedBefore"]:
        raise Duplicate("You have already asked %(viaName)s for this introduction. There are no "
                        "reminders: they answer when they can.", viaName=state['viaName'])
    if state["waiting"]:
        raise Duplicate("You are already waiting for an introduction to %(targetName)s.", targetName=state['targetName'])
    tx.run(CREATE_INTRO, p).consume()
    add_notices(tx, [notice_row(
        p["viaId"], "introduction.request",
        msg("%(requester)s asks you to introduce them to %(target)s. Forward it or let it pass; "
            "they will only see whether it was forwarded.", requester=state["meName"],
            target=state["targetName"]),
        f"/introductions/{p['id']}")], p["now"])
    return {"target": state["targetName"], "via": state["viaName"]}


def _forward(tx, p):
    row = tx.run(ANSWER_INTRO, {**p, "status": "forwarded"}).single()
    if row is None:
        raise NotFound("There is no open introduction request with this id for you.")
    link = f"/introductions/{p['id']}"
    add_notices(tx, [
        notice_row(row["target"]["id"], "introduction.forwarded",
                   msg("%(middle)s introduced you to %(requester)s.", middle=row["middle"],
                       requester=row["requester"]["name"]), link),
        notice_row(row["requester"]["id"], "introduction.forwarded",
                   msg("%(middle)s forwarded your introduction to %(target)s. You can write to "
                       "each other now.", middle=row["middle"], target=row["target"]["name"]),
                   link)],
        p["now"])
    return row.data()


def _decline(tx, p):
    if tx.run(ANSWER_INTRO, {**p, "status": "declined", "note": ""}).single() is None:
        raise NotFound("There is no open introduction request with this id for you.")


def _message(tx, p):
    row = tx.run(ADD_MESSAGE, p).single()
    if row is None:
        page = tx.run(MATCH_INTRO_PAGE, {**p, "liveSince": p["now"]}).single()
        if page is None or page["role"] == "middle" or page["state"] != "forwarded":
            raise NotFound("No such introduction.")
        raise Invalid("This conversation is full. Connect to keep in touch.")
    add_notices(tx, [notice_row(row["otherId"], "introduction.message",
                                msg("%(name)s wrote to you.", name=row["myName"]),
                                            f"/introductions/{p['id']}")], p["now"])


class IntroductionRepository(Repository):
    """Introduction requests, their answers and the conversation after forwarding."""

    def __init__(self, driver, database, expiry_days: int = 14):
        super().__init__(driver, database)
        self.expiry_days = expiry_days

    @classmethod
    def from_settings(cls, driver, database, settings, index=None):
        return cls(driver, database, settings.get("INTRODUCTION_EXPIRY_DAYS", 14))

    def _live_since(self, now: str) -> str:
        return iso_after(now, -self.expiry_days)

    def request(self, me_id: str, target_id: str, via_id: str, message: str,
                now: str | None = None) -> dict:
        """Ask mutual friend ``via_id`` to introduce the member to ``target_id`` (2nd
        degree). Returns ``{id, target, via}`` (names)."""
        message = _checked(message)
        now = now or utc_now()
        p = {"me": me_id, "targetId": target_id, "viaId": via_id, "message": message,
             "now": now, "id": new_id(), "liveSince": self._live_since(now),
             "key": f"{me_id}|{target_id}|{via_id}", "pendingKey": f"{me_id}|{target_id}"}
        try:
            return {"id": p["id"], **self._write(_request, p)}
        except ConstraintError as exc:
            raise Duplicate("You already have a request for this introduction.") from exc

    def forward(self, me_id: str, intro_id: str, note: str = "", now: str | None = None) -> dict:
        """The middle friend forwards, with an optional note to both."""
        now = now or utc_now()
        return self._write(_forward, {"me": me_id, "id": intro_id, "note": _checked(note, True),
                                      "now": now, "liveSince": self._live_since(now)})

    def decline(self, me_id: str, intro_id: str, now: str | None = None) -> None:
        """The middle friend lets it pass: nobody is notified."""
        now = now or utc_now()
        self._write(_decline, {"me": me_id, "id": intro_id, "now": now,
                               "liveSince": self._live_since(now)})

    def page(self, me_id: str, intro_id: str, now: str | None = None) -> dict:
        """The introduction as this member may see it; ``NotFound`` otherwise."""
        row = self._read(_single, MATCH_INTRO_PAGE,
                         {"me": me_id, "id": intro_id,
                          "liveSince": self._live_since(now or utc_now())})
        if row is None:
            raise NotFound("No such introduction.")
        return row

    def write(self, me_id: str, intro_id: str, text: str, now: str | None = None) -> None:
        """Add a message to a forwarded introduction (requester or target only)."""
        text = _checked(text)
        self._write(_message, {"me": me_id, "id": intro_id, "text": text, "msgId": new_id(),
                               "now": now or utc_now(), "maxThread": MAX_THREAD})

    def lists(self, me_id: str, max_rows: int = 100, now: str | None = None) -> dict:
        """``{sent, toForward, received}`` for the member's introductions page."""
        return self._read(_single, MATCH_INTRO_LISTS,
                          {"me": me_id, "max": max_rows,
                           "liveSince": self._live_since(now or utc_now())})


def _checked(text: str | None, optional: bool = False) -> str:
    text = (text or "").strip()
    if len(text) > MAX_MESSAGE:
        raise Invalid("Keep it to %(max)s characters.", max=MAX_MESSAGE)
    if not text and not optional:
        raise Invalid("Write a short message.")
    return text
