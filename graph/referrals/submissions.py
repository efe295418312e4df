"""Submitting, confirming and declining referrals.

``(referrer:Person)-[:REFERRED]->(r:Referral)-[:FOR_JOB]->(j:Job)``, and
``(r)-[:CANDIDATE]->(p:Person)`` once the candidate is a known member. A referral of an
outside candidate carries the name and e-mail the referrer typed until the candidate
answers the invitation; the e-mail is then removed (the candidate's account has one).

Rules, each enforced in the transaction that writes:
- only current employees of the job's company refer to it, and only while it is open;
- a member candidate must be the referrer's friend (except someone who applies through the
  referrer's personal link); nobody refers themselves or someone who already works at the
  company;
- one referral per referrer, candidate and job (``Referral.key`` is unique);
- the candidate confirms before the company's recruiters see anything;
- ownership: the first *confirmed* referral of a candidate for a job owns the pair
  (``(:ReferralOwnership {key: "jobId|candidateId"})``, unique) for
  ``REFERRAL_OWNERSHIP_DAYS`` (``graph.referrals.ownership``). A referral confirmed later is
  kept, marked "not the owner".
  After the window a new confirmation takes over, but only from an idle owner (still
  ``submitted`` or ``not_selected``), so a candidate mid-interview keeps their referrer.
"""
from __future__ import annotations

import hashlib
import logging

from neo4j.exceptions import ConstraintError

from graph.base import Repository, utc_now
from graph.errors import Duplicate, Forbidden, Invalid, NotFound
from graph.idempotency import write_key
from graph.i18n import msg
from graph.notices.store import add_notices, notice_row
from graph.people.members import new_id
from graph.referrals.events import add_event, participants
from graph.referrals.joining import join_live_application
from graph.referrals.ownership import take_ownership
from graph.referrals.stages import AWAITING, DECLINED, iso_after

logger = logging.getLogger(__name__)

MAX_NOTE = 2000
MAX_NAME = 100


def email_digest(address: str) -> str:
    """A digest naming an e-mail address without containing it (for keys and links)."""
    return hashlib.sha256(address.strip().lower().encode("utf-8")).hexdigest()[:32]


def clean_note(note: str | None) -> str:
    """The referrer's note, trimmed; ``Invalid`` when longer than ``MAX_NOTE``."""
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise Invalid("Keep the note to %(max)s characters.", max=MAX_NOTE)
    return note


def referral_key(job_id: str, referrer_id: str, candidate_key: str) -> str:
    """The uniqueness key: one referral per referrer, candidate and job."""
    return f"{job_id}|{referrer_id}|{candidate_key}"


# Why a referral cannot be made, in one read. ``c`` may be null (unknown job), hence
# the CASE guards around the patterns that use it.
MATCH_REFERRAL_STATE = """
MATCH (me:Person {id: $referrerId})
OPTIONAL MATCH (j:Job {id: $jobId})-[:AT]->(c:Company)
OPTIONAL MATCH (cand:Person {id: $candidateId})
RETURN j IS NOT NULL AS jobExists, j.status AS jobStatus, c.name AS company,
       CASE WHEN c IS NULL THEN false
            ELSE EXISTS { (me)-[:WORKS_AT {current: true}]->(c) } END AS employee,
       cand IS NOT NULL AS candidateExists, cand.name AS candidateName,
       CASE WHEN cand IS NULL THEN false
            ELSE EXISTS { (me)-[:FRIENDS_WITH]-(cand) } END AS friends,
       CASE WHEN cand IS NULL OR c IS NULL THEN false
            ELSE EXISTS { (cand)-[:WORKS_AT {current: true}]->(c) } END AS candidateWorksThere,
       COUNT { (me)-[:REFERRED]->(x:Referral) WHERE x.createdAt >= $since } AS recent,
       me.email = $candidateEmail AS ownEmail
"""

CREATE_REFERRAL = """
MATCH (me:Person {id: $referrerId}), (j:Job {id: $jobId})
CREATE (me)-[:REFERRED]->(r:Referral {id: $id, key: $key, status: $status, note: $note,
        source: $source, candidateName: $candidateName, candidateEmail: $candidateEmail,
        outside: $candidateEmail IS NOT NULL,
        createdAt: $now, updatedAt: $now})-[:FOR_JOB]->(j)
WITH r
OPTIONAL MATCH (cand:Person {id: $candidateId})
FOREACH (x IN CASE WHEN cand IS NULL THEN [] ELSE [cand] END | CREATE (r)-[:CANDIDATE]->(x))
"""

SET_CONFIRMED = """
MATCH (r:Referral {id: $id})
SET r.status = 'submitted', r.confirmedAt = $now, r.updatedAt = $now
REMOVE r.candidateEmail
"""

MATCH_MEMBER_PENDING = """
MATCH (:Person {id: $me})<-[:CANDIDATE]-(r:Referral {id: $id})
RETURN r.status AS status
"""

SET_DECLINED = """
MATCH (r:Referral {id: $id})
SET r.status = 'declined', r.updatedAt = $now
REMOVE r.candidateEmail
"""


EXPIRE_INVITATIONS = """
MATCH (r:Referral {status: 'awaiting_candidate'})
WHERE r.candidateEmail IS NOT NULL AND r.createdAt < $before
SET r.status = 'expired', r.updatedAt = $now
REMOVE r.candidateEmail
RETURN count(r) AS expired
"""


def expire_invitations(tx, before: str, now: str) -> int:
    """Expire unanswered invitations made before ``before``, removing their addresses."""
    return tx.run(EXPIRE_INVITATIONS, before=before, now=now).single()["expired"]


def _check_can_refer(tx, p) -> dict:
    """Raise the error that forbids this referral, or return the state."""
    state = tx.run(MATCH_REFERRAL_STATE, p).single()
    if state is None or not state["jobExists"]:
        raise NotFound("No such job.")
    if not state["employee"]:
        raise Forbidden("Only current employees of %(company)s can refer candidates to its jobs.", company=state['company'])
    if state["jobStatus"] != "open":
        raise Invalid("This job is closed and takes no more referrals.")
    if p["dailyLimit"] is not None and state["recent"] >= p["dailyLimit"]:
        raise Invalid("You have made %(recent)s referrals in the last 24 hours, the most "
                      "allowed. Refer people you know well; try again tomorrow.", recent=state['recent'])
    if p["candidateId"] is None:
        if state["ownEmail"]:
            raise Invalid("You cannot refer yourself.")
        return state
    if p["candidateId"] == p["referrerId"]:
        raise Invalid("You cannot refer yourself.")
    if not state["candidateExists"]:
        raise NotFound("No such member.")
    if p["source"] != "link" and not state["friends"]:
        raise Forbidden("You can refer members who are your friends. Refer anyone else by "
                        "name and e-mail.")
    if state["candidateWorksThere"]:
        raise Invalid("%(candidateName)s already works at %(company)s.", candidateName=state['candidateName'], company=state['company'])
    return state


def confirm_in_tx(tx, referral_id: str, actor_id: str, now: str, days: int) -> dict:
    """Confirm a referral whose candidate is linked: status, ownership, history and the
    notices to the referrer and the job's recruiter. Returns the participants (for
    e-mail) and the ownership outcome."""
    tx.run(SET_CONFIRMED, id=referral_id, now=now).consume()
    people = participants(tx, referral_id)
    ownership = take_ownership(tx, referral_id, people["job"]["id"],
                               people["candidate"]["id"], now, days)
    add_event(tx, referral_id, actor_id, "submitted", "", now)
    if ownership["owner"]:
        # One card per candidate and job, whichever came first (graph.referrals.joining).
        join_live_application(tx, referral_id, actor_id, people["candidate"]["id"],
                              people["job"]["id"], now)
    rows = []
    link = f"/referrals/{referral_id}"
    cand, job = people["candidate"]["name"], people["job"]["title"]
    if actor_id != people["referrer"]["id"]:
        text = msg("%(candidate)s confirmed your referral for %(title)s.", candidate=cand,
                   title=job)
        if not ownership["owner"]:
            text += msg(" A referral confirmed earlier owns this candidate for this job until "
                        "%(until)s; yours stays on record.", until=ownership["until"][:10])
        rows.append(notice_row(people["referrer"]["id"], "referral.confirmed", text, link))
    if ownership["owner"] and people["recruiter"]:
        rows.append(notice_row(
            people["recruiter"]["id"], "referral.new",
            msg("New referral for %(title)s: %(candidate)s, referred by %(referrer)s.", title=job,
                candidate=cand, referrer=people["referrer"]["name"]), link))
    add_notices(tx, rows, now)
    return {**people, "ownership": ownership, "notified": [r["personId"] for r in rows]}


def referral_params(referrer_id: str, job_id: str, now: str, days: int,
                    daily_limit: int | None, **fields) -> dict:
    """Parameters for ``create_in_tx``; ``fields`` override the defaults (candidate,
    note, source, key, confirmed, actorId)."""
    return {"referrerId": referrer_id, "jobId": job_id, "id": new_id(), "now": now,
            "since": iso_after(now, -1), "days": days, "dailyLimit": daily_limit,
            "candidateName": None, "candidateEmail": None, "candidateId": None,
            "confirmed": False, "actorId": referrer_id, "note": "", "inviteDays": 30,
            "source": "referrer", "status": AWAITING, **fields}


def create_in_tx(tx, p):
    """Check and create a referral inside the caller's transaction (see the module
    docstring for the rules); a ``confirmed`` one goes straight to ownership. Returns the
    participants, the ownership outcome and who was notified."""
    state = _check_can_refer(tx, p)
    if p["candidateEmail"]:
        expire_invitations(tx, iso_after(p["now"], -p["inviteDays"]), p["now"])
    tx.run(CREATE_REFERRAL, p).consume()
    if p["confirmed"]:
        add_event(tx, p["id"], p["actorId"], "created", "", p["now"])
        return confirm_in_tx(tx, p["id"], p["actorId"], p["now"], p["days"])
    add_event(tx, p["id"], p["referrerId"], AWAITING, "", p["now"])
    people = participants(tx, p["id"])
    if people["candidate"]:
        add_notices(tx, [notice_row(
            p["candidateId"], "referral.request",
            msg("%(referrer)s wants to refer you for %(title)s at %(company)s. Confirm or decline.",
                referrer=people["referrer"]["name"], title=people["job"]["title"],
                company=state["company"]), f"/referrals/{p['id']}")], p["now"])
    return {**people, "ownership": None, "notified": [p["candidateId"]] if people["candidate"] else []}


def _answer_as_member(tx, p):
    row = tx.run(MATCH_MEMBER_PENDING, p).single()
    if row is None:
        raise NotFound("No such referral.")
    if row["status"] != AWAITING:
        raise Invalid("You have already answered this referral.")
    if p["accept"]:
        return confirm_in_tx(tx, p["id"], p["me"], p["now"], p["days"])
    return decline_in_tx(tx, p)


def decline_in_tx(tx, p):
    """Record the candidate's "no" and tell the referrer (``p``: id, me or None, now)."""
    tx.run(SET_DECLINED, id=p["id"], now=p["now"]).consume()
    add_event(tx, p["id"], p.get("me"), DECLINED, "", p["now"])
    people = participants(tx, p["id"])
    name = people["candidate"]["name"] if people["candidate"] else people["referral"]["candidateName"]
    add_notices(tx, [notice_row(
        people["referrer"]["id"], "referral.declined",
        msg("%(name)s did not confirm your referral for %(title)s.", name=name,
            title=people["job"]["title"]),
        f"/referrals/{p['id']}")], p["now"])
    return {**people, "ownership": None, "notified": [people["referrer"]["id"]]}


class ReferralRepository(Repository):
    """Making, confirming and declining referrals."""

    def __init__(self, driver, database, ownership_days: int = 180, daily_limit: int = 20,
                 invite_days: int = 30):
        super().__init__(driver, database)
        self.ownership_days = ownership_days
        self.daily_limit = daily_limit
        self.invite_days = invite_days

    @classmethod
    def from_settings(cls, driver, database, settings, index=None):
        return cls(driver, database, settings.get("REFERRAL_OWNERSHIP_DAYS", 180),
                   settings.get("REFERRALS_PER_DAY", 20), settings.get("REFERRAL_INVITE_DAYS", 30))

    def _params(self, referrer_id, job_id, now, **fields) -> dict:
        return referral_params(referrer_id, job_id, now or utc_now(), self.ownership_days,
                               fields.pop("dailyLimit", self.daily_limit),
                               inviteDays=self.invite_days, **fields)

    def _create_checked(self, p: dict, duplicate: str, request_id: str | None = None) -> dict:
        key = write_key("referral", p["referrerId"], request_id)
        try:
            return self._write_once(key, create_in_tx, {**p, "note": clean_note(p["note"])})
        except ConstraintError as exc:
            raise Duplicate(duplicate) from exc

    def refer_member(self, referrer_id: str, job_id: str, candidate_id: str, note: str,
                     now: str | None = None, request_id: str | None = None) -> dict:
        """Refer a friend; they are asked to confirm. Returns the participants. With a
        ``request_id``, a repeat raises ``AlreadyApplied`` (graph.idempotency)."""
        p = self._params(referrer_id, job_id, now, candidateId=candidate_id, note=note,
                         source="referrer", key=referral_key(job_id, referrer_id, candidate_id))
        return self._create_checked(p, "You have already referred this member for this job.",
                                    request_id)

    def refer_outside(self, referrer_id: str, job_id: str, name: str, email: str, note: str,
                      now: str | None = None, request_id: str | None = None) -> dict:
        """Refer someone by name and e-mail; the web layer mails them an invitation."""
        email = (email or "").strip().lower()
        name = " ".join((name or "").split())
        if not name or len(name) > MAX_NAME or "@" not in email or len(email) > 254:
            raise Invalid("Enter the candidate's name and a valid e-mail address.")
        p = self._params(referrer_id, job_id, now, candidateName=name, candidateEmail=email,
                         note=note, source="referrer",
                         key=referral_key(job_id, referrer_id, "email:" + email_digest(email)))
        return self._create_checked(p, "You have already referred this person for this job.",
                                    request_id)

    def refer_confirmed(self, referrer_id: str, job_id: str, candidate_id: str, note: str,
                        source: str, actor_id: str, now: str | None = None) -> dict:
        """A referral the candidate consented to already: they asked for it (``ask``) or
        applied through the referrer's personal link (``link``)."""
        p = self._params(referrer_id, job_id, now, candidateId=candidate_id, note=note,
                         source=source, confirmed=True, actorId=actor_id, dailyLimit=None,
                         key=referral_key(job_id, referrer_id, candidate_id))
        return self._create_checked(p, "This employee has already referred this candidate "
                                       "for this job. Answer that referral instead.")

    def answer(self, me_id: str, referral_id: str, accept: bool, now: str | None = None) -> dict:
        """The member candidate confirms or declines a referral of them."""
        return self._write(_answer_as_member, {"me": me_id, "id": referral_id, "accept": accept,
                                               "now": now or utc_now(),
                                               "days": self.ownership_days})
