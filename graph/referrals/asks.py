"""Asking a friend for a referral.

A job seeker asks a 1st-degree friend who works at the job's company now:
``(asker)-[:ASKED]->(a:ReferralAsk {id, key, pendingKey, message, status, createdAt})
-[:ASKED_TO]->(friend)``, ``(a)-[:ABOUT_JOB]->(j)``. The friend refers them (a referral
the asker has consented to by asking, so it is confirmed at once) or declines.

No pressure and no spam: ``key`` ("job|asker|friend", unique) means the same friend is
asked about the same job once, ever, so there are no reminders; ``pendingKey``
("job|asker", unique, removed once answered or expired) means one open ask per job at a
time. An ask nobody answers expires quietly after ``expiry_days``. A decline is not shown
early: until the ask would have expired the asker sees "waiting" (and cannot ask again
about the job) whether the friend declined or has not answered; after that, "not
referred" for both (docs/trust.md).
"""
from __future__ import annotations

import logging

from neo4j.exceptions import ConstraintError

from graph.base import Repository, utc_now
from graph.errors import Duplicate, Forbidden, Invalid, NotFound
from graph.i18n import msg
from graph.notices.store import add_notices, notice_row
from graph.people.members import new_id
from graph.referrals.stages import iso_after
from graph.referrals.submissions import clean_note, create_in_tx, referral_key, referral_params

logger = logging.getLogger(__name__)

MAX_MESSAGE = 1000

MATCH_ASK_STATE = """
MATCH (me:Person {id: $me})
OPTIONAL MATCH (j:Job {id: $jobId})-[:AT]->(c:Company)
OPTIONAL MATCH (f:Person {id: $friendId})
RETURN j IS NOT NULL AS jobExists, j.status AS jobStatus, j.title AS title, c.name AS company,
       f IS NOT NULL AS friendExists, f.name AS friendName,
       CASE WHEN f IS NULL THEN false ELSE EXISTS { (me)-[:FRIENDS_WITH]-(f) } END AS friends,
       CASE WHEN f IS NULL OR c IS NULL THEN false
            ELSE EXISTS { (f)-[:WORKS_AT {current: true}]->(c) } END AS friendWorksThere,
       CASE WHEN c IS NULL THEN false
            ELSE EXISTS { (me)-[:WORKS_AT {current: true}]->(c) } END AS meWorksThere,
       EXISTS { MATCH (a:ReferralAsk {key: $key}) } AS askedBefore,
       // A declined ask blocks a new one exactly like an unanswered one until it would
       // have expired: a success here must not tell the asker that the friend said no.
       EXISTS { MATCH (me)-[:ASKED]->(a:ReferralAsk)-[:ABOUT_JOB]->(:Job {id: $jobId})
                WHERE a.status IN ['pending', 'declined'] AND a.createdAt >= $liveSince }
         AS waiting
"""

# An ask past its expiry no longer blocks a new one: it is closed first.
EXPIRE_ASK = """
MATCH (a:ReferralAsk {pendingKey: $pendingKey})
WHERE a.createdAt < $liveSince
SET a.status = 'expired'
REMOVE a.pendingKey
"""

CREATE_ASK = """
MATCH (me:Person {id: $me}), (f:Person {id: $friendId}), (j:Job {id: $jobId})
CREATE (me)-[:ASKED]->(a:ReferralAsk {id: $id, key: $key, pendingKey: $pendingKey,
        message: $message, status: 'pending', createdAt: $now})-[:ASKED_TO]->(f)
CREATE (a)-[:ABOUT_JOB]->(j)
"""

MATCH_PENDING_ASK_TO_ME = """
MATCH (asker:Person)-[:ASKED]->(a:ReferralAsk {id: $id, status: 'pending'})
      -[:ASKED_TO]->(:Person {id: $me})
WHERE a.createdAt >= $liveSince
MATCH (a)-[:ABOUT_JOB]->(j:Job)
RETURN asker.id AS askerId, j.id AS jobId, a.message AS message
"""

CLOSE_ASK = """
MATCH (a:ReferralAsk {id: $id})
SET a.status = $status, a.answeredAt = $now
REMOVE a.pendingKey
WITH a
OPTIONAL MATCH (r:Referral {id: $referralId})
FOREACH (x IN CASE WHEN r IS NULL THEN [] ELSE [r] END | CREATE (a)-[:RESULTED_IN]->(x))
"""

# The asker's list maps every way an ask can end without a referral to one word.
MATCH_ASKS = """
MATCH (me:Person {id: $me})
RETURN COLLECT {
  MATCH (me)-[:ASKED]->(a:ReferralAsk)-[:ASKED_TO]->(f:Person), (a)-[:ABOUT_JOB]->(j:Job)-[:AT]->(c:Company)
  OPTIONAL MATCH (a)-[:RESULTED_IN]->(r:Referral)
  WITH a, f, j, c, r ORDER BY a.createdAt DESC, a.id LIMIT $max
  RETURN {id: a.id, createdAt: a.createdAt, friend: f {.id, .name}, job: j {.id, .title},
          company: c {.id, .name}, referralId: r.id,
          state: CASE WHEN a.status = 'referred' THEN 'referred'
                      WHEN a.status IN ['pending', 'declined']
                           AND a.createdAt >= $liveSince THEN 'waiting'
                      ELSE 'not_referred' END} } AS sent,
  COLLECT {
  MATCH (asker:Person)-[:ASKED]->(a:ReferralAsk {status: 'pending'})-[:ASKED_TO]->(me),
        (a)-[:ABOUT_JOB]->(j:Job)-[:AT]->(c:Company)
  WHERE a.createdAt >= $liveSince
  WITH a, asker, j, c ORDER BY a.createdAt, a.id LIMIT $max
  RETURN {id: a.id, createdAt: a.createdAt, message: a.message, asker: asker {.id, .name},
          job: j {.id, .title, .status}, company: c {.id, .name}} } AS received
"""

# The ask page: the job, and the asker's friends who work at its company now.
MATCH_ASK_PAGE = """
MATCH (j:Job {id: $jobId})-[:AT]->(c:Company), (me:Person {id: $me})
RETURN j {.id, .title, .status} AS job, c {.id, .name} AS company,
       EXISTS { (me)-[:WORKS_AT {current: true}]->(c) } AS meWorksThere,
       COLLECT { MATCH (me)-[:FRIENDS_WITH]-(f:Person)-[:WORKS_AT {current: true}]->(c)
                 RETURN DISTINCT f {.id, .name} ORDER BY f.name, f.id } AS friends
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _check_ask(tx, p) -> dict:
    state = tx.run(MATCH_ASK_STATE, p).single()
    if not state["jobExists"]:
        raise NotFound("No such job.")
    if state["jobStatus"] != "open":
        raise Invalid("This job is closed.")
    if p["me"] == p["friendId"]:
        raise Invalid("Ask a friend, not yourself.")
    if state["meWorksThere"]:
        raise Invalid("You already work at %(company)s.", company=state['company'])
    if not state["friendExists"] or not state["friends"]:
        raise Forbidden("You can ask your friends (1st degree) for a referral.")
    if not state["friendWorksThere"]:
        raise Invalid("%(friendName)s does not work at %(company)s now.", friendName=state['friendName'], company=state['company'])
    if state["askedBefore"]:
        raise Duplicate("You have already asked %(friendName)s about this job. There are no "
                        "reminders: they answer when they can.", friendName=state['friendName'])
    if state["waiting"]:
        raise Duplicate("You are already waiting for an answer about this job.")
    return state


def _ask(tx, p):
    tx.run(EXPIRE_ASK, p).consume()
    state = _check_ask(tx, p)
    tx.run(CREATE_ASK, p).consume()
    add_notices(tx, [notice_row(
        p["friendId"], "referral.ask",
        msg("%(asker)s asks you for a referral for %(title)s at %(company)s.",
            asker=p["askerName"], title=state["title"], company=state["company"]),
        "/referrals/asks")], p["now"])
    return {"friend": state["friendName"], "job": state["title"]}


def _answer(tx, p):
    ask = tx.run(MATCH_PENDING_ASK_TO_ME, p).single()
    if ask is None:
        raise NotFound("There is no open request for a referral with this id for you.")
    result = None
    if p["refer"]:
        params = referral_params(p["me"], ask["jobId"], p["now"], p["days"], None,
                                 candidateId=ask["askerId"], note=p["note"], source="ask",
                                 confirmed=True,
                                 key=referral_key(ask["jobId"], p["me"], ask["askerId"]))
        result = create_in_tx(tx, params)
        params_id = params["id"]
    else:
        params_id = None
    tx.run(CLOSE_ASK, id=p["id"], now=p["now"], referralId=params_id,
           status="referred" if p["refer"] else "declined").consume()
    return result


class ReferralAskRepository(Repository):
    """Asks for referrals, and their answers."""

    def __init__(self, driver, database, ownership_days: int = 180, expiry_days: int = 14):
        super().__init__(driver, database)
        self.ownership_days = ownership_days
        self.expiry_days = expiry_days

    @classmethod
    def from_settings(cls, driver, database, settings, index=None):
        return cls(driver, database, settings.get("REFERRAL_OWNERSHIP_DAYS", 180),
                   settings.get("INTRODUCTION_EXPIRY_DAYS", 14))

    def _live_since(self, now: str) -> str:
        return iso_after(now, -self.expiry_days)

    def ask(self, me_id: str, me_name: str, job_id: str, friend_id: str, message: str,
            now: str | None = None) -> dict:
        """Ask a friend at the job's company for a referral; returns ``{friend, job}``."""
        message = (message or "").strip()
        if len(message) > MAX_MESSAGE:
            raise Invalid("Keep the message to %(max)s characters.", max=MAX_MESSAGE)
        now = now or utc_now()
        p = {"me": me_id, "askerName": me_name, "jobId": job_id, "friendId": friend_id,
             "message": message, "now": now, "id": new_id(), "liveSince": self._live_since(now),
             "key": f"{job_id}|{me_id}|{friend_id}", "pendingKey": f"{job_id}|{me_id}"}
        try:
            return self._write(_ask, p)
        except ConstraintError as exc:
            raise Duplicate("You have already asked for a referral for this job.") from exc

    def answer(self, me_id: str, ask_id: str, refer: bool, note: str = "",
               now: str | None = None) -> dict | None:
        """Refer the asker (returns the new referral's participants) or decline quietly
        (returns None; the asker is not notified)."""
        now = now or utc_now()
        p = {"me": me_id, "id": ask_id, "refer": refer, "note": clean_note(note), "now": now,
             "days": self.ownership_days, "liveSince": self._live_since(now)}
        try:
            return self._write(_answer, p)
        except ConstraintError as exc:
            raise Duplicate("You have already referred this friend for this job.") from exc

    def lists(self, me_id: str, max_rows: int = 100, now: str | None = None) -> dict:
        """``{sent, received}``: the member's asks (state 'waiting', 'referred' or
        'not_referred') and the open asks waiting for their answer."""
        return self._read(_single, MATCH_ASKS, {"me": me_id, "max": max_rows,
                                                "liveSince": self._live_since(now or utc_now())})

    def ask_page(self, me_id: str, job_id: str) -> dict:
        """The job and the member's friends who work at its company now."""
        row = self._read(_single, MATCH_ASK_PAGE, {"me": me_id, "jobId": job_id})
        if row is None:
            raise NotFound("No such job.")
        return row
