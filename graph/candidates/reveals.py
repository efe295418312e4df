"""Interest, withdrawal and the staged reveal, inside a conversation.

Each stage (``graph.candidates.consent.STAGES``) needs both sides' interest and is
recorded as ``(:RevealStage {key: "conversationId|stage", stage, at})`` ``-[:IN]->`` the
conversation, ``-[:OF]->`` the candidate, ``-[:TO]->`` the counterpart; the last one is
also the ``Reveal`` below.

Each action locks the conversation, reads the consent state, applies the pure
``consent.transition`` and writes the result in the same transaction, so two sides
acting at the same moment cannot both miss the reveal or reveal twice. The reveal is
recorded as ``(:Reveal {id, conversationId, at, candidateId, counterpartId, pseudonymId,
pseudonymName, jobId, jobTitle, companyName})`` (``pseudonymName``: the name the
counterpart knew, of their scope) linked ``OF`` the candidate, ``TO`` the
counterpart, ``IN`` the conversation, ``AS`` the pseudonym and ``ABOUT`` the job; a
uniqueness constraint on ``conversationId`` allows one per conversation.
"""
from __future__ import annotations

import logging

from graph.base import utc_now
from graph.candidates.consent import (CANDIDATE, INTEREST, STAGES, WITHDRAW, Consent,
                                     transition)
from graph.candidates.conversation_queries import LOCK_THREAD
from graph.candidates.conversations import NOT_SEEKING
from graph.candidates.visibility import ScopedRepository, visibility_params
from graph.errors import Forbidden, NotFound
from graph.notices.conversations import notify
from graph.people.members import new_id

logger = logging.getLogger(__name__)

SET_CONSENT = """
MATCH (c:Conversation {id: $conversationId})
SET c.candidateInterested = $candidate, c.counterpartInterested = $counterpart,
    c.revealStage = $stage
"""

# Each stage reached is recorded, like the final reveal (docs/trust.md).
RECORD_STAGE = """
MATCH (c:Conversation {id: $conversationId})-[:CANDIDATE]->(:Pseudonym)
      <-[:HAS_PSEUDONYM]-(p:Person),
      (c)-[:COUNTERPART]->(v:Person)
MERGE (s:RevealStage {key: c.id + '|' + toString($stage)})
  ON CREATE SET s.stage = $stage, s.at = $now, s.conversationId = c.id
MERGE (s)-[:IN]->(c)
MERGE (s)-[:OF]->(p)
MERGE (s)-[:TO]->(v)
"""

CREATE_REVEAL = """
MATCH (c:Conversation {id: $conversationId})-[:CANDIDATE]->(ps:Pseudonym)
      <-[:HAS_PSEUDONYM]-(p:Person),
      (c)-[:COUNTERPART]->(v:Person)
OPTIONAL MATCH (c)-[:ABOUT]->(j:Job)
OPTIONAL MATCH (j)-[:AT]->(jc:Company)
SET c.revealedAt = $now
CREATE (rv:Reveal {id: $id, conversationId: c.id, at: $now, candidateId: p.id,
                   counterpartId: v.id, pseudonymId: ps.id, pseudonymName: $pseudonymName,
                   jobId: j.id, jobTitle: j.title, companyName: jc.name})
CREATE (rv)-[:OF]->(p), (rv)-[:TO]->(v), (rv)-[:IN]->(c), (rv)-[:AS]->(ps)
FOREACH (job IN CASE WHEN j IS NULL THEN [] ELSE [j] END | CREATE (rv)-[:ABOUT]->(job))
"""


def _decide(tx, scopes, params, action):
    access = tx.run(LOCK_THREAD, params).single()
    if access is None:
        raise NotFound("No such conversation.")
    side = access["side"]
    if side == CANDIDATE and not access["seeking"]:
        raise Forbidden(NOT_SEEKING)
    before = Consent(candidate=access["candidateInterested"],
                     counterpart=access["counterpartInterested"], revealed=access["revealed"],
                     stage=access["stage"])
    after = transition(before, side, action)
    conversation_id, now = params["conversationId"], params["now"]
    tx.run(SET_CONSENT, conversationId=conversation_id, candidate=after.candidate,
           counterpart=after.counterpart, stage=after.stage).consume()
    # The counterpart's notices and the reveal record carry the name the counterpart's
    # scope knows the pseudonym by.
    pseudonym = scopes.label(access["scope"], access["pseudonym"])
    if after.stage > before.stage:
        tx.run(RECORD_STAGE, conversationId=conversation_id, stage=after.stage,
               now=now).consume()
    if after.stage > before.stage and not after.revealed:
        label = STAGES[after.stage]
        notify(tx, access["counterpartId"], "stage", f"{pseudonym} ({label})",
               conversation_id, now)
        notify(tx, access["candidateId"], "stage", f"{access['counterpartName']} ({label})",
               conversation_id, now)
    elif after.revealed:
        tx.run(CREATE_REVEAL, conversationId=conversation_id, id=new_id(), now=now,
               pseudonymName=pseudonym).consume()
        notify(tx, access["counterpartId"], "revealed", pseudonym, conversation_id, now)
        notify(tx, access["candidateId"], "revealed", access["counterpartName"],
               conversation_id, now)
        logger.info("identity revealed in a conversation")
    elif side == CANDIDATE:
        notify(tx, access["counterpartId"], "interest" if action == INTEREST else "withdrawn",
               pseudonym, conversation_id, now)
    else:
        notify(tx, access["candidateId"], "interest" if action == INTEREST else "withdrawn",
               access["counterpartName"], conversation_id, now)
    return after


class RevealRepository(ScopedRepository):
    """Mutual consent to reveal a candidate to one counterpart."""

    def express_interest(self, viewer_id: str, conversation_id: str) -> Consent:
        """The viewer says "I'm interested — reveal". When the other side already has,
        the candidate's identity is revealed to that counterpart and recorded."""
        return self._act(viewer_id, conversation_id, INTEREST)

    def withdraw(self, viewer_id: str, conversation_id: str) -> Consent:
        """The viewer takes back their interest (only before the reveal)."""
        return self._act(viewer_id, conversation_id, WITHDRAW)

    def _act(self, viewer_id: str, conversation_id: str, action: str) -> Consent:
        params = {"viewerId": viewer_id, "conversationId": conversation_id,
                  **visibility_params(utc_now())}
        return self._write(_decide, self.scopes, params, action)
