"""Members' feedback on the channel: reactions and "me too" on posts, reports on posts and
comments, and the one-question poll ("would you recommend working here?").

Each is keyed by a keyed hash of the member and its target (``anonymity``), so a member
reacts, reports and votes once, and nothing links two of their actions:
``(:WorkplaceReaction {key, kind})-[:ON]->(post)``,
``(:WorkplaceReport {key, reason, hour, open})-[:ON]->(post or comment)``,
``(:WorkplaceVote {key, recommend, hourEpoch})-[:ABOUT]->(company)``.
"""
from __future__ import annotations

from graph.i18n import N_
from graph.errors import Forbidden, Invalid, NotFound
from graph.workplace.anonymity import (ME_TOO, REACTIONS, current_hour, reaction_key,
                                       report_key, vote_key)
from graph.workplace.membership import MATCH_OWN_CHANNEL, MEMBER_OF, WorkplaceRepository

REPORT_REASONS = {"personal": N_("It reveals someone's identity or personal data"),
                  "abuse": N_("It is abusive or hateful"),
                  "false": N_("It is false or misleading"),
                  "spam": N_("It is spam or an advert")}

# Reacting needs a channel (a verified employee), and the post readable by them.
TOGGLE_REACTION = """
MATCH (v:Person {id: $me}), (post:WorkplacePost {id: $postId, status: 'visible'})
WHERE EXISTS { """ + MATCH_OWN_CHANNEL + """ }
  AND (post.channel = 'public' OR EXISTS { MATCH (post)-[:IN_CHANNEL]->(ch:Company)
                                          WHERE """ + MEMBER_OF + """ })
OPTIONAL MATCH (old:WorkplaceReaction {key: $key})
FOREACH (_ IN CASE WHEN old IS NULL THEN [1] ELSE [] END |
  CREATE (:WorkplaceReaction {key: $key, kind: $kind})-[:ON]->(post))
FOREACH (_ IN CASE WHEN old IS NULL THEN [] ELSE [1] END | DETACH DELETE old)
RETURN old IS NULL AS added
"""

# Any member who can read the post or comment may report it, once.
FILE_REPORT = """
MATCH (v:Person {id: $me})
OPTIONAL MATCH (p:WorkplacePost {id: $targetId})
OPTIONAL MATCH (cm:WorkplaceComment {id: $targetId})-[:ON]->(parent:WorkplacePost)
WITH v, coalesce(p, cm) AS target, coalesce(p, parent) AS post
WHERE target IS NOT NULL AND target.status = 'visible' AND post.status = 'visible'
  AND (post.channel = 'public' OR EXISTS { MATCH (post)-[:IN_CHANNEL]->(ch:Company)
                                          WHERE """ + MEMBER_OF + """ })
MERGE (r:WorkplaceReport {key: $key})
  ON CREATE SET r.reason = $reason, r.hour = $hour, r.open = true
MERGE (r)-[:ON]->(target)
RETURN post.id AS postId
"""

CAST_VOTE = """
MATCH (v:Person {id: $me})
""" + MATCH_OWN_CHANNEL + """
  AND ch.id = $companyId
MERGE (vote:WorkplaceVote {key: $key})
SET vote.recommend = $recommend, vote.hourEpoch = $hourEpoch
MERGE (vote)-[:ABOUT]->(ch)
RETURN ch.name AS company
"""

MATCH_VOTE = """
MATCH (vote:WorkplaceVote {key: $key}) RETURN vote.recommend AS recommend
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


class FeedbackRepository(WorkplaceRepository):
    """Reactions, reports and poll votes."""

    def toggle_reaction(self, member_id: str, post_id: str, kind: str) -> bool:
        """Add the member's reaction of ``kind`` (or "me too") to the post, or take it
        back; True when added. ``NotFound`` if they may not react to it."""
        if kind not in REACTIONS and kind != ME_TOO:
            raise Invalid("Choose a reaction from the list.")
        row = self._write(_single, TOGGLE_REACTION, {
            "me": member_id, "postId": post_id, "kind": kind,
            "key": reaction_key(self.key, member_id, post_id, kind)})
        if row is None:
            raise NotFound("No such post, or only verified employees can react to it.")
        return row["added"]

    def report(self, member_id: str, target_id: str, reason: str) -> str:
        """Report a post or comment to the moderators (once per member); returns the
        thread's post id."""
        if reason not in REPORT_REASONS:
            raise Invalid("Choose why you report it.")
        hour, _ = current_hour()
        row = self._write(_single, FILE_REPORT, {
            "me": member_id, "targetId": target_id, "reason": reason, "hour": hour,
            "key": report_key(self.key, member_id, target_id)})
        if row is None:
            raise NotFound("No such post or comment.")
        return row["postId"]

    def vote(self, member_id: str, company_id: str, recommend: bool) -> str:
        """The member's answer for their own company (replacing an earlier one); returns
        the company's name. ``Forbidden`` for anyone but its verified employees."""
        _, hour_epoch = current_hour()
        row = self._write(_single, CAST_VOTE, {
            "me": member_id, "companyId": company_id, "recommend": bool(recommend),
            "hourEpoch": hour_epoch, "key": vote_key(self.key, member_id, company_id)})
        if row is None:
            raise Forbidden("Only the verified employees of this company can answer.")
        return row["company"]

    def my_vote(self, member_id: str, company_id: str) -> bool | None:
        """The member's current answer for the company, or None."""
        row = self._read(_single, MATCH_VOTE,
                         {"key": vote_key(self.key, member_id, company_id)})
        return None if row is None else row["recommend"]
