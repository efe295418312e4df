"""Friend requests and friendships.

A friendship is one ``FRIENDS_WITH`` relationship per pair (direction carries no meaning;
queries ignore it). A pending request is one ``FRIEND_REQUEST`` from requester to
recipient. Both carry the pair's order-free key under a uniqueness constraint, so two
members who ask each other at the same moment end up with one request, which the second
writer then accepts (see ``send_request``).
"""
from __future__ import annotations

import logging

from neo4j.exceptions import ConstraintError

from graph.base import Repository, utc_now
from graph.errors import Duplicate, Invalid, NotFound
from graph.idempotency import write_key
from graph.index.changelog import FRIEND_ADDED, FRIEND_REMOVED, change, log_changes
from graph.keys import pair_key
from graph.i18n import msg
from graph.notices.store import add_notices, notice_row

logger = logging.getLogger(__name__)

# Decisions a friend request makes before it gives up on concurrent writers of the same
# pair (each lost race shows the winner's commit, so two or three always settle it).
SEND_ATTEMPTS = 4

MATCH_PAIR_STATE = """
MATCH (a:Person {id: $fromId}), (b:Person {id: $toId})
RETURN EXISTS { (a)-[:FRIENDS_WITH]-(b) } AS friends,
       EXISTS { (a)-[:FRIEND_REQUEST]->(b) } AS sent,
       EXISTS { (b)-[:FRIEND_REQUEST]->(a) } AS received
"""

CREATE_REQUEST = """
MATCH (a:Person {id: $fromId}), (b:Person {id: $toId})
CREATE (a)-[:FRIEND_REQUEST {pairKey: $pairKey, createdAt: $now}]->(b)
"""

# Accepting deletes the request and creates the friendship in one statement; the
# request must be addressed to the accepting member, which is the authorisation check.
ACCEPT_REQUEST = """
MATCH (requester:Person {id: $requesterId})-[req:FRIEND_REQUEST]->(me:Person {id: $meId})
DELETE req
CREATE (requester)-[:FRIENDS_WITH {pairKey: $pairKey, since: $now}]->(me)
RETURN count(*) AS changed
"""

DECLINE_REQUEST = """
MATCH (:Person {id: $requesterId})-[req:FRIEND_REQUEST]->(:Person {id: $meId})
DELETE req
RETURN count(*) AS changed
"""

CANCEL_REQUEST = """
MATCH (:Person {id: $meId})-[req:FRIEND_REQUEST]->(:Person {id: $recipientId})
DELETE req
RETURN count(*) AS changed
"""

REMOVE_FRIEND = """
MATCH (:Person {id: $meId})-[f:FRIENDS_WITH]-(:Person {id: $friendId})
DELETE f
RETURN count(*) AS changed
"""

MATCH_INCOMING = """
MATCH (other:Person)-[req:FRIEND_REQUEST]->(:Person {id: $meId})
RETURN other.id AS id, other.name AS name, other.headline AS headline,
       req.createdAt AS createdAt
ORDER BY req.createdAt DESC
"""

MATCH_OUTGOING = """
MATCH (:Person {id: $meId})-[req:FRIEND_REQUEST]->(other:Person)
RETURN other.id AS id, other.name AS name, other.headline AS headline,
       req.createdAt AS createdAt
ORDER BY req.createdAt DESC
"""

MATCH_RELATIONSHIP = """
MATCH (a:Person {id: $meId}), (b:Person {id: $otherId})
RETURN CASE WHEN a = b THEN 'self'
            WHEN EXISTS { (a)-[:FRIENDS_WITH]-(b) } THEN 'friends'
            WHEN EXISTS { (a)-[:FRIEND_REQUEST]->(b) } THEN 'sent'
            WHEN EXISTS { (b)-[:FRIEND_REQUEST]->(a) } THEN 'received'
            ELSE 'none' END AS relationship
"""


def _relationship(tx, params):
    record = tx.run(MATCH_RELATIONSHIP, params).single()
    return record["relationship"] if record else None


MATCH_NAMES = "MATCH (a:Person {id: $a}), (b:Person {id: $b}) RETURN a.name AS a, b.name AS b"


def _notify_friendship(tx, kind: str, actor_id: str, recipient_id: str, now: str) -> None:
    """Tell ``recipient_id`` that ``actor_id`` asked to be friends or accepted."""
    names = tx.run(MATCH_NAMES, a=actor_id, b=recipient_id).single()
    if names is None:
        return
    if kind == "friend.request":
        text = msg("%(name)s sent you a friend request.", name=names["a"])
        link = "/network/requests"
    else:
        text = msg("%(name)s accepted your friend request.", name=names["a"])
        link = f"/people/{actor_id}"
    add_notices(tx, [notice_row(recipient_id, kind, text, link)], now)


def _send(tx, from_id, to_id, now):
    state = tx.run(MATCH_PAIR_STATE, fromId=from_id, toId=to_id).single()
    if state is None:
        raise NotFound("No such member.")
    if state["friends"]:
        raise Duplicate("You are already friends.")
    if state["sent"]:
        raise Duplicate("You have already sent a friend request to this member.")
    key = pair_key(from_id, to_id)
    if state["received"]:
        # They asked first: asking back is consent, so the request is accepted.
        tx.run(ACCEPT_REQUEST, requesterId=to_id, meId=from_id, pairKey=key, now=now).consume()
        log_changes(tx, [change(FRIEND_ADDED, to_id, from_id)])
        _notify_friendship(tx, "friend.accepted", from_id, to_id, now)
        return "accepted"
    tx.run(CREATE_REQUEST, fromId=from_id, toId=to_id, pairKey=key, now=now).consume()
    _notify_friendship(tx, "friend.request", from_id, to_id, now)
    return "sent"


def _accept(tx, params):
    changed = _changed_and_logged(tx, ACCEPT_REQUEST, params, FRIEND_ADDED,
                                  params["requesterId"], params["meId"])
    if changed:
        _notify_friendship(tx, "friend.accepted", params["meId"], params["requesterId"],
                           params["now"])
    return changed


def _changed(tx, query, params):
    return tx.run(query, params).single()["changed"]


def _changed_and_logged(tx, query, params, kind, a, b):
    """Run ``query``; when it changed the friendship, log ``kind`` for the network index
    in the same transaction."""
    changed = _changed(tx, query, params)
    if changed:
        log_changes(tx, [change(kind, a, b)])
    return changed


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


class FriendshipRepository(Repository):
    """Sends, answers and ends friendships.

    Every change to a friendship is logged for the network index in its own transaction,
    and this process's index applies it before the method returns (read your own writes).
    """

    def __init__(self, driver, database, index=None):
        super().__init__(driver, database)
        self.index = index

    @classmethod
    def from_settings(cls, driver, database, settings, index=None):
        return cls(driver, database, index)

    def _index_catch_up(self) -> None:
        if self.index is not None:
            self.index.catch_up()

    def send_request(self, from_id: str, to_id: str, request_id: str | None = None) -> str:
        """Ask ``to_id`` to be friends. Returns ``"sent"``, or ``"accepted"`` when the
        other member had already asked. Raises ``Invalid`` for oneself, ``Duplicate``
        when already friends or already asked, ``NotFound`` for an unknown member; with a
        ``request_id``, ``AlreadyApplied`` for a repeat of the same request."""
        if from_id == to_id:
            raise Invalid("You cannot send a friend request to yourself.")
        key = write_key("friend-request", from_id, request_id)
        for _ in range(SEND_ATTEMPTS):
            try:
                outcome = self._write_once(key, _send, from_id, to_id, utc_now())
                break
            except ConstraintError:
                # A concurrent writer created the pair's request or friendship between
                # our read and our write. Its commit is visible now; decide again on that
                # state (usually "already asked" or "accepted"; the next attempt can meet
                # yet another concurrent writer, as when the other member accepts at once).
                logger.info("friend request raced a concurrent writer; deciding again")
        else:
            raise Duplicate("A request between you and this member was being handled at "
                            "the same moment. Please look at your requests and try again.")
        if outcome == "accepted":
            self._index_catch_up()
        return outcome

    def accept(self, me_id: str, requester_id: str) -> None:
        """Accept a request addressed to ``me_id``; ``NotFound`` if there is none."""
        try:
            changed = self._write(_accept, {"meId": me_id, "requesterId": requester_id,
                                            "pairKey": pair_key(me_id, requester_id),
                                            "now": utc_now()})
        except ConstraintError as exc:
            raise Duplicate("You are already friends.") from exc
        if not changed:
            raise NotFound("There is no pending request from this member.")
        self._index_catch_up()

    def decline(self, me_id: str, requester_id: str) -> None:
        """Decline a request addressed to ``me_id``; the requester is not told."""
        if not self._write(_changed, DECLINE_REQUEST,
                           {"meId": me_id, "requesterId": requester_id}):
            raise NotFound("There is no pending request from this member.")

    def cancel(self, me_id: str, recipient_id: str) -> None:
        """Withdraw a request ``me_id`` sent."""
        if not self._write(_changed, CANCEL_REQUEST,
                           {"meId": me_id, "recipientId": recipient_id}):
            raise NotFound("You have no pending request to this member.")

    def remove(self, me_id: str, friend_id: str) -> None:
        """End a friendship (either side may)."""
        if not self._write(_changed_and_logged, REMOVE_FRIEND,
                           {"meId": me_id, "friendId": friend_id},
                           FRIEND_REMOVED, me_id, friend_id):
            raise NotFound("You are not friends with this member.")
        self._index_catch_up()

    def incoming(self, me_id: str) -> list[dict]:
        """Requests waiting for ``me_id`` to answer, newest first."""
        return self._read(_rows, MATCH_INCOMING, {"meId": me_id})

    def outgoing(self, me_id: str) -> list[dict]:
        """Requests ``me_id`` sent that are still pending, newest first."""
        return self._read(_rows, MATCH_OUTGOING, {"meId": me_id})

    def relationship(self, me_id: str, other_id: str) -> str:
        """'self', 'friends', 'sent', 'received' or 'none'; ``NotFound`` for an unknown member."""
        value = self._read(_relationship, {"meId": me_id, "otherId": other_id})
        if value is None:
            raise NotFound("No such member.")
        return value
