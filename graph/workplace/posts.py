"""Writing to the workplace channel: posts and comments.

A post is ``(:WorkplacePost {id, channel: 'company'|'public', topic, title, body,
labelChoice, handle, hour, hourEpoch, authorKey, status: 'visible'|'held'|'hidden',
heldReason?, commentSeq})`` with ``-[:FROM]->(author's company)`` and, in a company
channel, ``-[:IN_CHANNEL]->(company)``. A comment is ``(:WorkplaceComment {id, seq, body,
handle, hour, hourEpoch, authorKey, status})-[:ON]->(post)`` and ``-[:FROM]->(company)``.
The author's per-thread handle is ``(:WorkplaceHandle {key, name})`` keyed by
``thread_key``. No relationship ever joins a ``Person`` to any of these; the text is
masked (``masking``) before it is stored, and a text that names a colleague is held.
"""
from __future__ import annotations

import logging

from graph.errors import Forbidden, Invalid, NotFound
from graph.people.members import new_id
from graph.workplace.anonymity import (LABEL_CHOICES, TOPICS, author_key, current_hour,
                                       new_handle, thread_key)
from graph.workplace.masking import mask_text
from graph.workplace.membership import MATCH_OWN_CHANNEL, MEMBER_OF, WorkplaceRepository

logger = logging.getLogger(__name__)

MAX_TITLE = 120
MAX_BODY = 5000
MAX_COMMENT = 2000

MATCH_MEMBERSHIP = """
MATCH (v:Person {id: $me})
OPTIONAL CALL (v) {
""" + MATCH_OWN_CHANNEL + """
  RETURN ch LIMIT 1
}
RETURN CASE WHEN ch IS NULL THEN null ELSE ch {.id, .name, .industry} END AS company
"""

# A full name (with a space, or not plain ASCII, such as 李伟) of someone at ``c``: a current
# position there (under any of its names) or a confirmed work e-mail on its domains.
_NAMES_COLLEAGUE = """(
  EXISTS { MATCH (q:Person)-[:WORKS_AT {current: true}]->(:Company)-[:TIED_BY]->(:TieKey)<-[:TIED_BY]-(c)
           WHERE (q.nameLower CONTAINS ' ' OR NOT q.nameLower =~ '[ -~]*') AND $textLower CONTAINS q.nameLower }
  OR EXISTS { MATCH (q:Person)-[:WORKS_AT {current: true}]->(c)
           WHERE (q.nameLower CONTAINS ' ' OR NOT q.nameLower =~ '[ -~]*') AND $textLower CONTAINS q.nameLower }
  OR EXISTS { MATCH (c)-[:HAS_DOMAIN]->(d:CompanyDomain), (q:Person {workEmailDomain: d.name})
           WHERE q.workEmailConfirmedAt IS NOT NULL
             AND (q.nameLower CONTAINS ' ' OR NOT q.nameLower =~ '[ -~]*') AND $textLower CONTAINS q.nameLower })"""

CREATE_POST = """
MATCH (v:Person {id: $me})
""" + MATCH_OWN_CHANNEL + """
WITH ch AS c
WITH c, """ + _NAMES_COLLEAGUE + """ AS namesColleague
CREATE (post:WorkplacePost {id: $id, channel: $channel, topic: $topic, title: $title,
  body: $body, labelChoice: $labelChoice, handle: $handle, hour: $hour,
  hourEpoch: $hourEpoch, authorKey: $authorKey, commentSeq: 0,
  status: CASE WHEN namesColleague THEN 'held' ELSE 'visible' END,
  heldReason: CASE WHEN namesColleague THEN 'names a colleague' ELSE null END})
CREATE (post)-[:FROM]->(c)
CREATE (:WorkplaceHandle {key: $threadKey, name: $handle})-[:IN]->(post)
FOREACH (_ IN CASE WHEN $channel = 'company' THEN [1] ELSE [] END |
  CREATE (post)-[:IN_CHANNEL]->(c))
RETURN post.id AS id, post.status AS status
"""

# The member may comment where they may read: public threads if they belong to any
# channel, company threads only in their own.
CREATE_COMMENT = """
MATCH (v:Person {id: $me}), (post:WorkplacePost {id: $postId, status: 'visible'})
""" + MATCH_OWN_CHANNEL + """
  AND (post.channel = 'public' OR EXISTS { (post)-[:IN_CHANNEL]->(ch) })
WITH post, ch AS c
WITH post, c, """ + _NAMES_COLLEAGUE + """ AS namesColleague
SET post.commentSeq = post.commentSeq + 1
MERGE (h:WorkplaceHandle {key: $threadKey})
  ON CREATE SET h.name = $handle
MERGE (h)-[:IN]->(post)
CREATE (comment:WorkplaceComment {id: $id, seq: post.commentSeq, body: $body,
  handle: h.name, hour: $hour, hourEpoch: $hourEpoch, authorKey: $authorKey,
  status: CASE WHEN namesColleague THEN 'held' ELSE 'visible' END,
  heldReason: CASE WHEN namesColleague THEN 'names a colleague' ELSE null END})
CREATE (comment)-[:ON]->(post), (comment)-[:FROM]->(c)
RETURN comment.status AS status
"""

POST_EXISTS_FOR = """
MATCH (v:Person {id: $me}), (post:WorkplacePost {id: $postId, status: 'visible'})
OPTIONAL MATCH (post)-[:IN_CHANNEL]->(ch:Company)
RETURN ch IS NULL OR """ + MEMBER_OF + """ AS readable
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _comment(tx, params):
    readable = _single(tx, POST_EXISTS_FOR, params)
    if readable is None or not readable["readable"]:
        raise NotFound("No such post.")
    row = _single(tx, CREATE_COMMENT, params)
    if row is None:
        raise Forbidden("Only verified employees can comment: confirm your work e-mail "
                        "at a verified company first.")
    return row["status"]


def clean_text(raw: str | None, limit: int, what: str, minimum: int = 1) -> str:
    """Stripped and masked text; ``Invalid`` when empty or too long."""
    text = (raw or "").strip()
    if len(text) < minimum:
        raise Invalid("Write the %(what)s.", what=what)
    if len(text) > limit:
        raise Invalid("The %(what)s is at most %(limit)s characters.", what=what, limit=limit)
    return mask_text(text)


class ChannelRepository(WorkplaceRepository):
    """Membership of the channels, and writing posts and comments."""

    def membership(self, member_id: str) -> dict | None:
        """The company whose channel the member belongs to (``{id, name, industry}``), or
        None: no confirmed, unexpired work e-mail on a verified company's domain."""
        row = self._read(_single, MATCH_MEMBERSHIP, {"me": member_id})
        return row["company"] if row else None

    def create_post(self, member_id: str, channel: str, topic: str, title: str, body: str,
                    label_choice: str = "company") -> dict:
        """Post in the member's company channel (``channel='company'``) or the public one;
        returns ``{id, status}`` (``'held'`` when it names a colleague). ``Forbidden`` for
        a member of no channel."""
        if channel not in ("company", "public"):
            raise Invalid("Choose a channel.")
        if topic not in TOPICS:
            raise Invalid("Choose a topic from the list.")
        if label_choice not in LABEL_CHOICES:
            raise Invalid("Choose how your post is labelled.")
        title = clean_text(title, MAX_TITLE, "title", 3)
        body = clean_text(body, MAX_BODY, "post", 10)
        post_id = new_id()
        hour, hour_epoch = current_hour()
        row = self._write(_single, CREATE_POST, {
            "me": member_id, "id": post_id, "channel": channel, "topic": topic,
            "title": title, "body": body, "labelChoice": label_choice,
            "handle": new_handle(), "hour": hour, "hourEpoch": hour_epoch,
            "authorKey": author_key(self.key, member_id),
            "threadKey": thread_key(self.key, post_id, member_id),
            "textLower": (title + "\n" + body).lower()})
        if row is None:
            raise Forbidden("Only verified employees can post: confirm your work e-mail at "
                            "a verified company first.")
        return row

    def create_comment(self, member_id: str, post_id: str, body: str) -> str:
        """Comment on a thread the member may read and write in; returns the status
        (``'visible'`` or ``'held'``)."""
        body = clean_text(body, MAX_COMMENT, "comment")
        hour, hour_epoch = current_hour()
        return self._write(_comment, {
            "me": member_id, "postId": post_id, "id": new_id(), "body": body,
            "handle": new_handle(), "hour": hour, "hourEpoch": hour_epoch,
            "authorKey": author_key(self.key, member_id),
            "threadKey": thread_key(self.key, post_id, member_id),
            "textLower": body.lower()})
