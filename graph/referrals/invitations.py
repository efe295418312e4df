"""Invitations of outside candidates: a referral made by name and e-mail.

The web layer mails a signed link naming the referral and a digest of the address. The
holder of the link may look at the invitation and decline it without an account; to
confirm, they sign up or log in, and the referral becomes theirs (``CANDIDATE``). Either
way the typed e-mail address is removed from the referral; unanswered invitations lose it
when they expire (``graph.referrals.submissions.expire_invitations``), so no outsider's
address is kept for long.
"""
from __future__ import annotations

import hmac
import logging

from neo4j.exceptions import ConstraintError

from graph.base import Repository, utc_now
from graph.errors import Duplicate, Invalid, NotFound
from graph.referrals.stages import AWAITING
from graph.referrals.submissions import confirm_in_tx, decline_in_tx, email_digest, referral_key

logger = logging.getLogger(__name__)

MATCH_INVITATION = """
MATCH (ref:Person)-[:REFERRED]->(r:Referral {id: $id})-[:FOR_JOB]->(j:Job)-[:AT]->(c:Company)
WHERE r.candidateEmail IS NOT NULL AND NOT EXISTS { (r)-[:CANDIDATE]->() }
OPTIONAL MATCH (me:Person {id: $me})
RETURN r {.status, .candidateName, .candidateEmail, .note, .createdAt} AS referral,
       j {.id, .title, .status} AS job, c {.id, .name} AS company, ref {.id, .name} AS referrer,
       CASE WHEN me IS NULL THEN false
            ELSE EXISTS { (me)-[:WORKS_AT {current: true}]->(c) } END AS meWorksThere
"""

CLAIM_INVITATION = """
MATCH (r:Referral {id: $id}), (me:Person {id: $me})
SET r.key = $key, r.candidateName = me.name
CREATE (r)-[:CANDIDATE]->(me)
"""
# A personal link works while its job is open and its employee works at the company now.
MATCH_LINK_TARGET = """
MATCH (j:Job {id: $jobId})-[:AT]->(c:Company), (e:Person {id: $employeeId})
RETURN j {.id, .title, .status, .city, .remote, .seniority} AS job, c {.id, .name} AS company,
       e {.id, .name} AS employee,
       j.status = 'open' AND EXISTS { (e)-[:WORKS_AT {current: true}]->(c) } AS live
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _invitation(tx, p):
    row = tx.run(MATCH_INVITATION, p).single()
    if row is None or not hmac.compare_digest(email_digest(row["referral"]["candidateEmail"]),
                                              p["digest"]):
        raise NotFound("This invitation link is not valid. Copy the whole link from the e-mail.")
    row["referral"].pop("candidateEmail")
    return row


def _answer(tx, p):
    row = _invitation(tx, p)
    if row["referral"]["status"] != AWAITING:
        raise Invalid("This invitation has already been answered.")
    if not p["accept"]:
        return decline_in_tx(tx, p)
    if p["me"] is None:
        raise Invalid("Sign up or log in to confirm the referral.")
    if row["referrer"]["id"] == p["me"]:
        raise Invalid("You cannot confirm a referral you made yourself.")
    if row["meWorksThere"]:
        raise Invalid("You already work at %(name)s.", name=row['company']['name'])
    tx.run(CLAIM_INVITATION, id=p["id"], me=p["me"],
           key=referral_key(row["job"]["id"], row["referrer"]["id"], p["me"])).consume()
    return confirm_in_tx(tx, p["id"], p["me"], p["now"], p["days"])


class ReferralInvitationRepository(Repository):
    """Looking at and answering invitations."""

    def __init__(self, driver, database, ownership_days: int = 180):
        super().__init__(driver, database)
        self.ownership_days = ownership_days

    @classmethod
    def from_settings(cls, driver, database, settings, index=None):
        return cls(driver, database, settings.get("REFERRAL_OWNERSHIP_DAYS", 180))

    def invitation(self, referral_id: str, digest: str, me_id: str | None) -> dict:
        """What an invitation link shows: job, company, referrer, the name typed, status.
        ``NotFound`` when the link does not match a live invitation."""
        return self._read(_invitation, {"id": referral_id, "digest": digest, "me": me_id})

    def answer(self, referral_id: str, digest: str, me_id: str | None, accept: bool,
               now: str | None = None) -> dict:
        """Confirm (as the logged-in member ``me_id``) or decline (logged in or not)."""
        p = {"id": referral_id, "digest": digest, "me": me_id, "accept": accept,
             "now": now or utc_now(), "days": self.ownership_days}
        try:
            return self._write(_answer, p)
        except ConstraintError as exc:
            raise Duplicate("This employee has already referred you for this job; that "
                            "referral stands.") from exc

    def link_target(self, employee_id: str, job_id: str) -> dict:
        """``{job, company, employee, live}`` of a personal referral link; ``NotFound``
        when the job or the employee no longer exists."""
        row = self._read(_single, MATCH_LINK_TARGET, {"employeeId": employee_id, "jobId": job_id})
        if row is None:
            raise NotFound("This referral link is not valid.")
        return row
