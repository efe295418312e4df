"""The referral pipeline: the referral page, recruiters moving stages, points, and the
company's list of referrals.

Who sees a referral: its referrer, its candidate, and - once the candidate has confirmed -
the verified recruiters of the job's company. Anyone else gets "No such referral" (404),
so a referral's existence is not revealed. Only those recruiters move it, never one who is
the referrer or the candidate (nobody awards themselves points), and only the owning
referral of a candidate and job carries the pipeline.

Points: ``(referrer)-[:EARNED]->(a:PointAward {key, stage, points, awardedAt})
-[:FOR_REFERRAL]->(r)``; ``key`` = ``referralId|stage`` is unique, and ``MERGE`` on it
creates an award the first time a stage is reached only, however often a referral moves
back and forth.
"""
from __future__ import annotations

import logging

from neo4j.exceptions import ConstraintError

from graph.base import Repository, utc_now
from graph.companies.recruiters import active_recruiter_where, is_active_recruiter
from graph.errors import Duplicate, Forbidden, Invalid, NotFound
from graph.hiring.rejections import REJECTED, check_rejection, rejection_message
from graph.i18n import msg
from graph.notices.store import add_notices, notice_row
from graph.people.members import new_id
from graph.referrals.events import add_event, participants
from graph.referrals.stages import DEFAULT_POINTS, PIPELINE, STAGE_LABELS, awards_for

logger = logging.getLogger(__name__)

MAX_COMMENT = 1000

MATCH_REFERRAL_PAGE = """
MATCH (ref:Person)-[:REFERRED]->(r:Referral {id: $id})-[:FOR_JOB]->(j:Job)-[:AT]->(c:Company)
MATCH (v:Person {id: $viewerId})
OPTIONAL MATCH (r)-[:CANDIDATE]->(cand:Person)
WITH ref, r, j, c, v, cand,
     r.confirmedAt IS NOT NULL
       AND """ + is_active_recruiter("v", "c") + """ AS isRecruiter
WITH ref, r, j, c, v, cand, isRecruiter,
     CASE WHEN v = ref THEN 'referrer' WHEN v = cand THEN 'candidate'
          WHEN isRecruiter THEN 'recruiter' END AS role
WHERE role IS NOT NULL
RETURN r {.id, .status, .note, .source, .owner, .ownedSince, .ownedUntil, .createdAt,
          .confirmedAt, .updatedAt, .candidateName} AS referral,
       j {.id, .title, .status} AS job, c {.id, .name} AS company,
       ref {.id, .name} AS referrer, cand {.id, .name} AS candidate, role, isRecruiter,
       COLLECT { MATCH (r)-[:HAS_EVENT]->(e:ReferralEvent)
                 OPTIONAL MATCH (a:Person)-[:ACTED]->(e)
                 RETURN e {.stage, .at, .comment, .message, .seq, by: a.name,
                           reason: CASE WHEN role = 'recruiter' OR NOT coalesce(e.reasonHidden, false)
                                        THEN e.reason END} ORDER BY e.seq } AS history,
       // The candidate's own application that joined this referral keeps its history
       // (graph.referrals.joining); recruiters read it only if it was not pseudonymous
       // or has been revealed.
       CASE WHEN role IN ['candidate', 'recruiter'] THEN COLLECT {
         MATCH (cand)-[:APPLIED]->(app:Application {status: 'joined'})-[:JOINED]->(r)
         WHERE role = 'candidate' OR app.mode = 'self' OR app.revealedAt IS NOT NULL
         MATCH (app)-[:HAS_EVENT]->(e:ApplicationEvent)
         OPTIONAL MATCH (a:Person)-[:ACTED]->(e)
         RETURN e {.stage, .at, .comment, .seq, by: a.name,
                   reason: CASE WHEN role = 'recruiter' OR NOT coalesce(e.reasonHidden, false)
                                THEN e.reason END} ORDER BY e.seq } ELSE [] END
         AS applicationHistory,
       COLLECT { MATCH (a:PointAward)-[:FOR_REFERRAL]->(r)
                 RETURN a {.stage, .points, .awardedAt} ORDER BY a.awardedAt, a.points } AS points,
       CASE WHEN role IN ['candidate', 'recruiter'] THEN COLLECT {
         MATCH (other:Person)-[:REFERRED]->(o:Referral)-[:FOR_JOB]->(j)
         WHERE o <> r AND o.confirmedAt IS NOT NULL AND EXISTS { (o)-[:CANDIDATE]->(cand) }
         RETURN {id: o.id, referrer: other.name, confirmedAt: o.confirmedAt, owner: o.owner,
                 status: o.status} ORDER BY o.confirmedAt } ELSE [] END AS otherReferrals
"""

LOCK_REFERRAL = "MATCH (r:Referral {id: $id}) SET r._lock = true REMOVE r._lock"

MATCH_MOVE_STATE = """
MATCH (ref:Person)-[:REFERRED]->(r:Referral {id: $id})-[:FOR_JOB]->(j:Job)-[:AT]->(c:Company)
MATCH (me:Person {id: $me})
OPTIONAL MATCH (r)-[:CANDIDATE]->(cand:Person)
RETURN r.status AS status, r.owner AS owner, r.confirmedAt IS NOT NULL AS confirmed,
       """ + is_active_recruiter("me", "c") + """ AS recruiter,
       me = ref AS isReferrer, coalesce(me = cand, false) AS isCandidate, c.name AS company
"""

SET_STAGE = """
MATCH (r:Referral {id: $id})
SET r.status = $stage, r.updatedAt = $now
"""

# A rejection's reason is kept on the history entry; the candidate never reads a hidden one.
SET_EVENT_REASON = """
MATCH (r:Referral {id: $id})-[:HAS_EVENT]->(e:ReferralEvent)
WITH e ORDER BY e.seq DESC LIMIT 1
SET e.reason = $reason, e.reasonHidden = $hideReason
"""

# ``token`` marks the awards this transaction created: MERGE matching an older award
# leaves it alone, so ``created`` is true exactly once per referral and stage. Stages the
# candidate reached through their own application before this referral joined it
# (``adoptedStages``, graph.referrals.joining) earn nothing.
AWARD_POINTS = """
MATCH (referrer:Person)-[:REFERRED]->(r:Referral {id: $id})
UNWIND $awards AS award
WITH referrer, r, award
WHERE NOT award.stage IN coalesce(r.adoptedStages, [])
MERGE (a:PointAward {key: award.key})
  ON CREATE SET a.stage = award.stage, a.points = award.points, a.awardedAt = $now,
                a.token = $token
WITH referrer, r, a, a.token = $token AS created
FOREACH (x IN CASE WHEN created THEN [1] ELSE [] END |
  CREATE (referrer)-[:EARNED]->(a)-[:FOR_REFERRAL]->(r)
  REMOVE a.token)
RETURN a.stage AS stage, a.points AS points, created
"""

MATCH_COMPANY_REFERRALS = """
MATCH (c:Company {id: $companyId})
OPTIONAL MATCH (me:Person {id: $me})-[:RECRUITS_FOR {status: 'verified'}]->(c)
WHERE """ + active_recruiter_where("me", "c") + """
WITH c, me
CALL (c, me) {
  MATCH (ref:Person)-[:REFERRED]->(r:Referral)-[:FOR_JOB]->(j:Job)-[:AT]->(c)
  WHERE me IS NOT NULL AND r.confirmedAt IS NOT NULL AND ($status = '' OR r.status = $status)
  MATCH (r)-[:CANDIDATE]->(cand:Person)
  WITH r, j, ref, cand ORDER BY r.updatedAt DESC, r.id
  RETURN collect({referral: r {.id, .status, .owner, .confirmedAt, .updatedAt},
                  job: j {.id, .title}, referrer: ref {.id, .name},
                  candidate: cand {.id, .name}}) AS rows
}
RETURN c {.id, .name} AS company, me IS NOT NULL AS isRecruiter, size(rows) AS total,
       rows[$skip..$skip + $limit] AS rows,
       COUNT { (x:Referral {status: 'awaiting_candidate'})-[:FOR_JOB]->(:Job)-[:AT]->(c) } AS awaiting
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _check_move(tx, p) -> dict:
    state = tx.run(MATCH_MOVE_STATE, p).single()
    party = state is not None and (state["isReferrer"] or state["isCandidate"])
    if state is None or not (party or (state["recruiter"] and state["confirmed"])):
        raise NotFound("No such referral.")
    if not state["recruiter"]:
        raise Forbidden("Only verified recruiters of %(company)s move referrals through the "
                        "pipeline.", company=state['company'])
    if party:
        raise Forbidden("You are part of this referral; another recruiter of %(company)s must "
                        "move it.", company=state['company'])
    if state["status"] not in PIPELINE:
        raise Invalid("This referral has not been confirmed by the candidate.")
    if not state["owner"]:
        raise Duplicate("This referral is not the owner: an earlier confirmed referral of the "
                        "same candidate for this job carries the pipeline. Move that one.")
    if state["status"] == p["stage"]:
        raise Invalid("The referral is already at “%(value)s”.", value=STAGE_LABELS[p['stage']])
    return state


def _move(tx, p):
    tx.run(LOCK_REFERRAL, id=p["id"]).consume()
    _check_move(tx, p)
    tx.run(SET_STAGE, p).consume()
    add_event(tx, p["id"], p["me"], p["stage"], p["comment"], p["now"])
    if p.get("reason"):
        tx.run(SET_EVENT_REASON, id=p["id"], reason=p["reason"],
               hideReason=p["hideReason"]).consume()
    awards = [r.data() for r in tx.run(AWARD_POINTS, id=p["id"], now=p["now"],
                                        token=new_id(), awards=p["awards"])]
    earned = sum(a["points"] for a in awards if a["created"])
    people = participants(tx, p["id"])
    label = STAGE_LABELS[p["stage"]]
    text = msg("%(title)s: the referral of %(name)s is now “%(stage_label)s”.",
               title=people["job"]["title"], name=people["candidate"]["name"], stage_label=label)
    if p["comment"]:
        text += msg(" Comment: %(comment)s", comment=p["comment"])
    candidate_text = text
    if p["stage"] == REJECTED:
        candidate_text = rejection_message(people["job"]["title"], people["company"]["name"],
                                        p.get("reason", ""), p.get("hideReason", False),
                                        p["comment"])
    link = f"/referrals/{p['id']}"
    referrer_text = text + (msg(" You earned %(points)s points.", points=earned) if earned
                            else "")
    add_notices(tx, [
        notice_row(people["referrer"]["id"], "referral.moved", referrer_text, link),
        notice_row(people["candidate"]["id"], "referral.moved", candidate_text, link)], p["now"])
    # The messages (JSON) let the e-mails be written in each recipient's language.
    return {**people, "stage": p["stage"], "earned": earned, "text": str(candidate_text),
            "referrerText": str(referrer_text), "message": candidate_text.to_json(),
            "referrerMessage": referrer_text.to_json()}


class ReferralPipelineRepository(Repository):
    """The referral page, pipeline moves and the company's referral list."""

    def __init__(self, driver, database, points: dict[str, int] | None = None):
        super().__init__(driver, database)
        self.points = points if points is not None else DEFAULT_POINTS

    @classmethod
    def from_settings(cls, driver, database, settings, index=None):
        return cls(driver, database, settings.get("REFERRAL_POINTS"))

    def referral(self, viewer_id: str, referral_id: str) -> dict:
        """The referral page for its referrer, candidate or (once confirmed) the company's
        recruiters; ``NotFound`` for everyone else. Adds ``canMove``."""
        row = self._read(_single, MATCH_REFERRAL_PAGE, {"id": referral_id, "viewerId": viewer_id})
        if row is None:
            raise NotFound("No such referral.")
        row["canMove"] = (row["role"] == "recruiter" and row["referral"]["owner"] is True
                          and row["referral"]["status"] in PIPELINE)
        return row

    def move(self, me_id: str, referral_id: str, stage: str, comment: str = "",
             now: str | None = None, reason: str = "", hide_reason: bool = False) -> dict:
        """Move a confirmed, owning referral to ``stage`` with an optional comment; award
        the points of every stage reached for the first time; notify referrer and
        candidate. A rejection may carry a reason (``graph.hiring.rejections``), told
        to the candidate unless ``hide_reason``; the candidate's notice is the kind
        rejection text. Returns the participants, ``earned`` and the notice texts."""
        if stage not in PIPELINE:
            raise Invalid("Choose a stage from the list.")
        comment = (comment or "").strip()
        if len(comment) > MAX_COMMENT:
            raise Invalid("Keep the comment to %(max)s characters.", max=MAX_COMMENT)
        reason, comment = check_rejection(stage, reason, comment)
        p = {"me": me_id, "id": referral_id, "stage": stage, "comment": comment,
             "reason": reason, "hideReason": bool(hide_reason) and bool(reason),
             "now": now or utc_now(), "awards": awards_for(referral_id, stage, self.points)}
        try:
            return self._write(_move, p)
        except ConstraintError:
            # Only a concurrent award of the same stage can collide; the referral lock makes
            # that all but impossible, and deciding again on the committed state is right.
            return self._write(_move, p)

    def company_referrals(self, me_id: str, company_id: str, status: str, skip: int,
                          limit: int) -> dict:
        """Confirmed referrals to the company's jobs (verified recruiters only), latest
        change first, optionally of one ``status``; plus how many await candidates."""
        if status and status not in PIPELINE:
            raise Invalid("Choose a stage from the list.")
        row = self._read(_single, MATCH_COMPANY_REFERRALS,
                         {"me": me_id, "companyId": company_id, "status": status or "",
                          "skip": skip, "limit": limit})
        if row is None:
            raise NotFound("No such company.")
        if not row["isRecruiter"]:
            raise Forbidden("Only verified recruiters of %(name)s see its referrals.", name=row['company']['name'])
        return row
