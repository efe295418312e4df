"""Anti-spam for those who write first to pseudonymous candidates, and a candidate's
"not interested in this company".

- **Daily cap on new conversations**: a member opens at most ``new_per_day`` conversations
  with pseudonyms per 24 hours (``OUTREACH_NEW_PER_DAY``).
- **Cap on identical messages**: the same text goes out at most ``identical_per_day``
  times per 24 hours from one member to pseudonyms (``OUTREACH_IDENTICAL_PER_DAY``),
  first messages and replies alike, so a template blast stops early.
- **Not interested**: ``(p:Person)-[:NOT_INTERESTED_IN {since}]->(c:Company)``. The
  company's recruiters can no longer write first to the candidate, and the candidate
  leaves their ranked search; conversations already open go on.

``check_outreach`` runs inside the transaction that writes the message, after a lock on
the writer, so two messages sent at once cannot both slip under a cap.
"""
from __future__ import annotations

from graph.base import Repository, utc_now
from graph.companies.recruiters import active_recruiter_where
from graph.errors import Forbidden, NotFound, TooMany
from graph.referrals.stages import iso_after

LOCK_WRITER = "MATCH (v:Person {id: $viewerId}) SET v._outreachLock = true REMOVE v._outreachLock"

MATCH_OUTREACH_STATE = """
MATCH (v:Person {id: $viewerId})
OPTIONAL MATCH (p:Person)-[:HAS_PSEUDONYM]->(:Pseudonym {id: $pseudonymId})
RETURN COUNT { MATCH (v)<-[:COUNTERPART]-(c:Conversation)
               WHERE c.createdAt >= $since
                 AND EXISTS { (:Message {seq: 1, fromCandidate: false})-[:IN]->(c) } } AS opened,
       COUNT { MATCH (v)<-[:COUNTERPART]-(:Conversation)<-[:IN]-(m:Message {fromCandidate: false})
               WHERE m.sentAt >= $since AND m.body = $body } AS identical,
       head(COLLECT { MATCH (p)-[:NOT_INTERESTED_IN]->(c:Company)
                      <-[:RECRUITS_FOR {status: 'verified'}]-(v)
                      WHERE """ + active_recruiter_where("v", "c") + """
                      RETURN c.name }) AS silencedBy
"""

MARK_NOT_INTERESTED = """
MATCH (p:Person {id: $personId}), (c:Company {id: $companyId})
MERGE (p)-[r:NOT_INTERESTED_IN]->(c) ON CREATE SET r.since = $now
RETURN c.name AS name
"""

UNMARK_NOT_INTERESTED = """
MATCH (:Person {id: $personId})-[r:NOT_INTERESTED_IN]->(c:Company {id: $companyId})
DELETE r
RETURN c.name AS name
"""

MATCH_NOT_INTERESTED = """
MATCH (:Person {id: $personId})-[r:NOT_INTERESTED_IN]->(c:Company)
RETURN c.id AS id, c.name AS name, r.since AS since ORDER BY c.name, c.id
"""


def check_outreach(tx, viewer_id: str, pseudonym_id: str | None, body: str, now: str,
                   new_per_day: int, identical_per_day: int, opening: bool) -> None:
    """Raise ``TooMany`` past a cap, ``Forbidden`` when the candidate is not interested in
    a company the writer recruits for. ``opening``: the message opens a conversation."""
    tx.run(LOCK_WRITER, viewerId=viewer_id).consume()
    state = tx.run(MATCH_OUTREACH_STATE, viewerId=viewer_id, pseudonymId=pseudonym_id,
                   body=body, since=iso_after(now, -1)).single()
    if opening and state["silencedBy"]:
        raise Forbidden("This candidate is not interested in %(silencedBy)s.", silencedBy=state['silencedBy'])
    if opening and state["opened"] >= new_per_day:
        raise TooMany("You have opened %(opened)s conversations in the last 24 hours, the most "
                      "allowed. Write to the best fits; try again tomorrow.", opened=state['opened'])
    if state["identical"] >= identical_per_day:
        raise TooMany("You have sent this exact message too often today. Write to each "
                      "candidate in your own words.")


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


class NotInterestedRepository(Repository):
    """A candidate's list of companies they are not interested in."""

    def mark(self, person_id: str, company_id: str, now: str | None = None) -> str:
        """Silence a company; returns its name (``NotFound`` for an unknown company)."""
        row = self._write(_single, MARK_NOT_INTERESTED,
                          {"personId": person_id, "companyId": company_id,
                           "now": now or utc_now()})
        if row is None:
            raise NotFound("No such company.")
        return row["name"]

    def unmark(self, person_id: str, company_id: str) -> str | None:
        """Let the company write again; its name, or None if it was not silenced."""
        row = self._write(_single, UNMARK_NOT_INTERESTED,
                          {"personId": person_id, "companyId": company_id})
        return row["name"] if row else None

    def listing(self, person_id: str) -> list[dict]:
        """The companies the member silenced."""
        return self._read(_rows, MATCH_NOT_INTERESTED, {"personId": person_id})
