"""One pipeline per job: applications, member referrals and outside referrals on one
board, and the moves recruiters make on applications.

Who sees the board: the active verified recruiters of the job's company (anyone else
gets "No such job" for the board, 404, so a job's pipeline is not revealed). A card is
- an owning, confirmed referral (``graph.referrals``: moved by ``ReferralPipelineRepository``,
  which keeps its own history, points and notices), or
- a live application (``graph.hiring.applications``), moved here.
A pseudonymous application shows only the generalised pseudonymous profile
(``graph.candidates.search.generalised``) until the candidate reveals, and is left off
the board of a recruiter the candidate is hidden from (``graph.candidates.visibility``);
its card never carries the member's id.

Cards are ordered inside a column by when they entered the stage, then by their random id.
"""
from __future__ import annotations

import logging
from datetime import datetime

from graph.base import utc_now
from graph.candidates.search import PSEUDONYM_FIELDS, generalised
from graph.candidates.visibility import EMPLOYER_CONFLICT, ScopedRepository, scope_of
from graph.hiring.queries import pseudonym_label
from graph.errors import Forbidden, Invalid, NotFound
from graph.hiring.queries import APPLICATION_PARTICIPANTS, RECRUITER_OF_JOB, add_event
from graph.hiring.rejections import REJECTED, check_rejection, rejection_message
from graph.i18n import msg
from graph.notices.store import add_notices, notice_row
from graph.referrals.stages import PIPELINE, STAGE_LABELS

logger = logging.getLogger(__name__)

MAX_COMMENT = 1000

MATCH_BOARD = """
MATCH (j:Job {id: $jobId})-[:AT]->(c:Company)
MATCH (v:Person {id: $viewerId})
WITH j, c, v, """ + RECRUITER_OF_JOB + """ AS isRecruiter
// OPTIONAL: a job nobody has applied to yet still has its (empty) board.
OPTIONAL CALL (j, v, isRecruiter) {
  MATCH (ref:Person)-[:REFERRED]->(r:Referral)-[:FOR_JOB]->(j)
  WHERE isRecruiter AND r.confirmedAt IS NOT NULL AND r.owner = true AND r.status IN $pipeline
  MATCH (r)-[:CANDIDATE]->(p:Person)
  RETURN {kind: 'referral', id: r.id, status: r.status,
          since: coalesce(head(COLLECT { MATCH (r)-[:HAS_EVENT]->(e:ReferralEvent)
                                         WHERE e.stage = r.status
                                         RETURN e.at ORDER BY e.seq DESC }), r.updatedAt),
          source: CASE WHEN coalesce(r.outside, false) THEN 'outside_referral'
                       ELSE 'referral' END,
          candidate: p {.id, .name}, referrer: ref {.id, .name}, note: r.note,
          resumeFrom: head(COLLECT { MATCH (p)-[:APPLIED]->(a:Application {status: 'joined'})
                                               -[:JOINED]->(r)
                                     WHERE EXISTS { (a)-[:HAS_RESUME]->(:Resume) }
                                       AND (a.mode = 'self' OR a.revealedAt IS NOT NULL)
                                     RETURN a.id }),
          canMove: v <> p AND v <> ref} AS card
  UNION
  MATCH (p:Person)-[:APPLIED]->(a:Application)-[:FOR_JOB]->(j)
  WHERE isRecruiter AND a.status IN $pipeline AND v <> p
  OPTIONAL MATCH (a)-[:AS]->(ps:Pseudonym)
  WITH j, v, p, a, ps, a.mode = 'pseudonym' AND a.revealedAt IS NULL AS masked
  WHERE a.mode = 'self' OR NOT """ + EMPLOYER_CONFLICT + """
  RETURN {kind: 'application', id: a.id, status: a.status, since: a.stageSince,
          source: CASE WHEN a.mode = 'pseudonym' THEN 'pseudonymous_application'
                       ELSE 'application' END,
          candidate: CASE WHEN masked THEN null ELSE p {.id, .name} END,
          pseudonym: CASE WHEN a.mode = 'pseudonym' THEN """ + PSEUDONYM_FIELDS + """ END,
          skills: CASE WHEN masked THEN COLLECT { MATCH (p)-[:HAS_SKILL]->(s:Skill)
                                                 RETURN s.name ORDER BY s.key } END,
          hiddenFamilies: CASE WHEN masked THEN coalesce(ps.hiddenFamilies, []) END,
          askedReveal: a.recruiterAskedAt IS NOT NULL, note: a.note,
          resumeFrom: CASE WHEN EXISTS { (a)-[:HAS_RESUME]->(:Resume) } THEN a.id END,
          resumeHeld: masked AND EXISTS { (a)-[:HAS_RESUME]->(:Resume) },
          // The job's skills the résumé names (whole words), once the recruiters may read it.
          resumeSkills: CASE WHEN masked THEN [] ELSE
            COLLECT { MATCH (a)-[:HAS_RESUME]->(f:Resume), (j)-[:REQUIRES]->(s:Skill)
                      WHERE f.words CONTAINS ' ' + s.key + ' '
                      RETURN s.name ORDER BY s.key } END,
          canMove: true} AS card
}
WITH j, c, v, isRecruiter, card ORDER BY card.since, card.id
RETURN j {.id, .title, .status} AS job, c {.id, .name} AS company, isRecruiter,
       collect(card) AS cards, """ + scope_of("v") + """ AS scope
"""

MATCH_MOVE_STATE = """
MATCH (p:Person)-[:APPLIED]->(a:Application {id: $id})-[:FOR_JOB]->(j:Job {id: $jobId})
      -[:AT]->(c:Company)
MATCH (v:Person {id: $me})
SET a._lock = true REMOVE a._lock
RETURN a.status AS status, a.mode AS mode, a.revealedAt IS NOT NULL AS revealed,
       a.recruiterAskedAt IS NOT NULL AS asked, """ + RECRUITER_OF_JOB + """ AS recruiter,
       v = p AS own, a.mode = 'pseudonym' AND """ + EMPLOYER_CONFLICT + """ AS hidden,
       c.name AS company
"""

SET_STAGE = """
MATCH (a:Application {id: $id})
SET a.status = $stage, a.stageSince = $now, a.updatedAt = $now
"""

SET_ASKED = """
MATCH (a:Application {id: $id})
SET a.recruiterAskedAt = $now, a.updatedAt = $now
"""


def days_in_stage(since: str | None, now: str) -> int:
    """Whole days between entering the stage and ``now`` (both ISO-8601)."""
    if not since:
        return 0
    delta = datetime.fromisoformat(now) - datetime.fromisoformat(since)
    return max(delta.days, 0)


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _card(card: dict, now: str, scopes, scope: str) -> dict:
    """A card as the page shows it: days in stage, the pseudonym as the viewer's scope
    knows it (per-company pseudonyms), and a masked candidate generalised."""
    card = dict(card)
    card["days"] = days_in_stage(card["since"], now)
    if card.get("pseudonym"):
        card["pseudonym"] = scopes.present(scope, card["pseudonym"])
        card["pseudonymName"] = pseudonym_label(card["pseudonym"])
    if card.get("skills") is not None:
        card = generalised(card)
    return card


def _check_application_move(state: dict | None) -> dict:
    # A non-recruiter, or a recruiter the candidate is hidden from, learns nothing.
    if state is None or not state["recruiter"] or state["hidden"]:
        raise NotFound("No such application.")
    if state["own"]:
        raise Forbidden("This is your own application; another recruiter must move it.")
    if state["status"] not in PIPELINE:
        raise Invalid("This application is no longer in the pipeline.")
    return state


def _move(tx, p):
    state = _check_application_move(_single(tx, MATCH_MOVE_STATE, p))
    if state["status"] == p["stage"]:
        raise Invalid("The application is already at “%(value)s”.", value=STAGE_LABELS[p['stage']])
    tx.run(SET_STAGE, p).consume()
    add_event(tx, p["id"], p["me"], p["stage"], p["comment"], p["now"], p["reason"],
              p["hideReason"])
    people = tx.run(APPLICATION_PARTICIPANTS, id=p["id"]).single().data()
    job, company = people["job"]["title"], people["company"]["name"]
    if p["stage"] == REJECTED:
        text = rejection_message(job, company, p["reason"], p["hideReason"], p["comment"])
    else:
        text = msg("%(job)s at %(company)s: your application is now “%(stage_label)s”.",
                   job=job, company=company, stage_label=STAGE_LABELS[p["stage"]])
        if p["comment"]:
            text += msg(" Comment: %(comment)s", comment=p["comment"])
    add_notices(tx, [notice_row(people["candidate"]["id"], "application.moved", text,
                                "/applications")], p["now"])
    return {**people, "stage": p["stage"], "text": str(text)}


def _ask_reveal(tx, p):
    state = _check_application_move(_single(tx, MATCH_MOVE_STATE, p))
    if state["mode"] != "pseudonym" or state["revealed"]:
        raise Invalid("You already know who this candidate is.")
    if state["asked"]:
        raise Invalid("You have already asked; the candidate decides.")
    tx.run(SET_ASKED, p).consume()
    add_event(tx, p["id"], p["me"], "reveal_asked", "", p["now"])
    people = tx.run(APPLICATION_PARTICIPANTS, id=p["id"]).single().data()
    add_notices(tx, [notice_row(
        people["candidate"]["id"], "application.reveal_asked",
        msg("The recruiters of %(company)s would like to know who you are for %(title)s. "
            "Reveal yourself from your applications if you want to; until then they see "
            "your pseudonym only.", company=people["company"]["name"],
            title=people["job"]["title"]), "/applications")], p["now"])
    return people


class PipelineBoardRepository(ScopedRepository):
    """The board of a job and recruiters' moves on its applications."""

    def board(self, viewer_id: str, job_id: str, now: str | None = None) -> dict:
        """``{job, company, columns: {stage: [card]}, cards}`` for an active recruiter of
        the job's company; ``NotFound`` for anyone else and for an unknown job."""
        now = now or utc_now()
        row = self._read(_single, MATCH_BOARD, {"jobId": job_id, "viewerId": viewer_id,
                                                "pipeline": list(PIPELINE)})
        if row is None or not row["isRecruiter"]:
            raise NotFound("No such job.")
        cards = [_card(card, now, self.scopes, row["scope"]) for card in row["cards"]]
        columns = {stage: [c for c in cards if c["status"] == stage] for stage in PIPELINE}
        return {"job": row["job"], "company": row["company"], "cards": cards,
                "columns": columns}

    def move(self, me_id: str, job_id: str, application_id: str, stage: str,
             comment: str = "", reason: str = "", hide_reason: bool = False,
             now: str | None = None) -> dict:
        """Move an application to ``stage``; a rejection may carry a reason from
        ``graph.hiring.rejections.REASONS`` (told to the candidate unless
        ``hide_reason``) and a message. The candidate is notified kindly."""
        if stage not in PIPELINE:
            raise Invalid("Choose a stage from the list.")
        reason, comment = check_rejection(stage, reason, comment)
        return self._write(_move, {"me": me_id, "jobId": job_id, "id": application_id,
                                   "stage": stage, "comment": comment, "reason": reason,
                                   "hideReason": bool(hide_reason) and bool(reason),
                                   "now": now or utc_now()})

    def ask_reveal(self, me_id: str, job_id: str, application_id: str,
                   now: str | None = None) -> dict:
        """A recruiter asks a pseudonymous applicant to reveal who they are (their half
        of the consent); the candidate is notified and decides."""
        return self._write(_ask_reveal, {"me": me_id, "jobId": job_id, "id": application_id,
                                         "now": now or utc_now()})
