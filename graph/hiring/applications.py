"""Applying for a job: as oneself or under one's pseudonym, with a résumé; withdrawing;
the consent that reveals a pseudonymous applicant to the job's company.

``(p:Person)-[:APPLIED]->(a:Application {id, key?, mode: 'self'|'pseudonym', status,
note, createdAt, updatedAt, stageSince, recruiterAskedAt?, revealedAt?})-[:FOR_JOB]->(j)``;
``(a)-[:AS]->(:Pseudonym)`` for a pseudonymous one; ``(a)-[:HAS_RESUME]->(:Resume {id,
bytes, pages, text, uploadedAt})`` (the file is stored by the web layer under the
résumé's random id); ``(a)-[:JOINED]->(:Referral)`` when it joined an owning referral.
``key`` = ``"jobId|personId"`` is unique while the application is live, so a member holds
one live application per job; withdrawing removes it.

Rules, each checked in the transaction that writes:
- only open jobs; never at a company where the member works now or recruits;
- the referral ownership rule is not bypassed: when a confirmed referral owns the member
  for this job, the application *joins* it (status ``joined``; the referral carries the
  pipeline and its referrer keeps the credit) instead of opening a second card;
- a pseudonymous application needs the member's active pseudonym, and is refused at a
  company the member is hidden from (a block-listed one): the company would otherwise
  see a pseudonym it must never see;
- the résumé of a pseudonymous application reaches the company only once both sides
  agreed: the recruiters asked, then the candidate revealed (``revealedAt``).
"""
from __future__ import annotations

import logging

from neo4j.exceptions import ConstraintError

from graph.base import utc_now
from graph.candidates.visibility import ScopedRepository, company_scope
from graph.companies.ties import CANDIDATE_HIDDEN_KEYS
from graph.errors import Duplicate, Forbidden, Invalid, NotFound
from graph.hiring.application_queries import (MATCH_KNOWN_RESUMES, MATCH_LIVE_FOR_JOB,
                                              MATCH_MEMBER_RESUMES, MATCH_MINE,
                                              MATCH_RESUME_FOR_RECRUITER)
from graph.hiring.queries import APPLICATION_PARTICIPANTS, add_event, label_for
from graph.i18n import msg
from graph.idempotency import write_key
from graph.notices.store import add_notices, notice_row
from graph.people.members import new_id
from graph.referrals.events import add_event as add_referral_event
from graph.referrals.joining import join_owning_referral
from graph.referrals.stages import PIPELINE

logger = logging.getLogger(__name__)

MODES = ("self", "pseudonym")
MAX_NOTE = 2000
WITHDRAWN, JOINED = "withdrawn", "joined"
# Stages a member may still withdraw from: the decision is not made yet.
WITHDRAWABLE = ("submitted", "reviewing", "interviewing", "offer", JOINED)

MATCH_APPLY_STATE = """
MATCH (p:Person {id: $me})
OPTIONAL MATCH (j:Job {id: $jobId})-[:AT]->(c:Company)
WITH p, j, c,
     CASE WHEN c IS NULL THEN [] ELSE ['c:' + c.id] +
          COLLECT { MATCH (c)-[:TIED_BY]->(k:TieKey) RETURN k.key } END AS companyKeys
RETURN j IS NOT NULL AS jobExists, j.status AS jobStatus, j.title AS title,
       c.name AS company,
       CASE WHEN c IS NULL THEN false
            ELSE EXISTS { (p)-[:WORKS_AT {current: true}]->(c) } END AS worksThere,
       CASE WHEN c IS NULL THEN false
            ELSE EXISTS { (p)-[:RECRUITS_FOR|ADMIN_OF]->(c) } END AS recruitsThere,
       any(k IN companyKeys WHERE k IN """ + CANDIDATE_HIDDEN_KEYS + """) AS hiddenFromCompany,
       head(COLLECT { MATCH (o:ReferralOwnership {key: $jobId + '|' + $me})
                      MATCH (r:Referral {id: o.referralId})-[:CANDIDATE]->(p)
                      WHERE r.status IN $pipeline
                      MATCH (ref:Person)-[:REFERRED]->(r)
                      RETURN {id: r.id, status: r.status, referrer: ref.name} }) AS owning,
       EXISTS { (p)-[:APPLIED]->(:Application {key: $key}) } AS applied,
       head(COLLECT { MATCH (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
                      RETURN ps {.id, .hanzi, .pinyin, .generation} }) AS pseudonym
"""

CREATE_APPLICATION = """
MATCH (p:Person {id: $me}), (j:Job {id: $jobId})
CREATE (p)-[:APPLIED]->(a:Application {id: $id, key: $key, mode: $mode, status: $status,
        note: $note, createdAt: $now, updatedAt: $now, stageSince: $now})-[:FOR_JOB]->(j)
WITH p, a
OPTIONAL MATCH (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym {id: $pseudonymId, active: true})
FOREACH (x IN CASE WHEN ps IS NULL THEN [] ELSE [ps] END | CREATE (a)-[:AS]->(x))
WITH a
OPTIONAL MATCH (r:Referral {id: $joinedReferralId})
FOREACH (x IN CASE WHEN r IS NULL THEN [] ELSE [r] END | CREATE (a)-[:JOINED]->(x))
FOREACH (f IN CASE WHEN $resume IS NULL THEN [] ELSE [$resume] END |
  CREATE (a)-[:HAS_RESUME]->(:Resume {id: f.id, bytes: f.bytes, pages: f.pages,
                                      text: f.text, words: f.words, uploadedAt: $now}))
"""

LOCK_APPLICATION = """
MATCH (:Person {id: $me})-[:APPLIED]->(a:Application {id: $id})
SET a._lock = true REMOVE a._lock
RETURN a.status AS status, a.mode AS mode, a.recruiterAskedAt IS NOT NULL AS asked,
       a.revealedAt IS NOT NULL AS revealed
"""

SET_WITHDRAWN = """
MATCH (a:Application {id: $id})
SET a.status = 'withdrawn', a.updatedAt = $now, a.stageSince = $now
REMOVE a.key
WITH a
OPTIONAL MATCH (a)-[:HAS_RESUME]->(f:Resume)
WITH a, collect(f.id) AS files, collect(f) AS nodes
FOREACH (f IN nodes | DETACH DELETE f)
RETURN files
"""

SET_REVEALED = """
MATCH (a:Application {id: $id})
SET a.revealedAt = $now, a.updatedAt = $now
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def clean_note(note: str | None) -> str:
    """The applicant's note, trimmed; ``Invalid`` past ``MAX_NOTE``."""
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise Invalid("Keep the note to %(max)s characters.", max=MAX_NOTE)
    return note


def _check_can_apply(state: dict | None, p: dict) -> None:
    if state is None or not state["jobExists"]:
        raise NotFound("No such job.")
    if state["jobStatus"] != "open":
        raise Invalid("This job is closed and takes no more applications.")
    if state["worksThere"]:
        raise Invalid("You already work at %(company)s.", company=state['company'])
    if state["recruitsThere"]:
        raise Invalid("You recruit for %(company)s; you cannot apply to its jobs.", company=state['company'])
    if state["applied"]:
        raise Duplicate("You have already applied for this job. Withdraw that application "
                        "first if you want to apply again.")
    if p["mode"] == "pseudonym" and not state["owning"]:
        if state["pseudonym"] is None:
            raise Invalid("You have no pseudonym yet: set your job status to “looking” or "
                          "“open to offers” first, or apply as yourself.")
        if state["hiddenFromCompany"]:
            raise Forbidden("Your pseudonym is hidden from %(company)s (your employer or block "
                            "list), so it cannot apply there. Apply as yourself, or change your "
                            "block list first.", company=state['company'])


def _apply(tx, scopes, p):
    state = tx.run(MATCH_APPLY_STATE, p).single()
    state = state.data() if state else None
    _check_can_apply(state, p)
    owning = state["owning"]
    status = "joined" if owning else "submitted"
    # Joining a referral that already names the member: the pseudonym is moot.
    mode = "self" if owning else p["mode"]
    pseudonym = state["pseudonym"] if mode == "pseudonym" else None
    tx.run(CREATE_APPLICATION, {**p, "status": status, "mode": mode,
                                "pseudonymId": pseudonym["id"] if pseudonym else None,
                                "joinedReferralId": owning["id"] if owning else None}).consume()
    add_event(tx, p["id"], p["me"], status, "", p["now"])
    people = tx.run(APPLICATION_PARTICIPANTS, id=p["id"]).single().data()
    title = state["title"]
    if owning:
        add_referral_event(tx, owning["id"], p["me"], owning["status"],
                           msg("The candidate also applied directly and attached a résumé.")
                           if p["resume"] else msg("The candidate also applied directly."),
                           p["now"])
        text = msg("%(title)s: the referred candidate applied directly; it joins the referral.",
                   title=title)
    elif pseudonym and people["recruiter"]:
        text = msg("New application for %(title)s: %(pseudonym)s (pseudonym).", title=title,
                   pseudonym=label_for(tx, scopes, people["recruiter"]["id"], people["pseudonym"]))
    else:
        text = msg("New application for %(title)s: %(name)s.", title=title,
                   name=people["candidate"]["name"])
    if people["recruiter"]:
        add_notices(tx, [notice_row(people["recruiter"]["id"], "application.new", text,
                                    f"/jobs/{p['jobId']}/board")], p["now"])
    return {**people, "status": status, "mode": mode, "joined": owning}


def _apply_recorded(tx, scopes, p):
    # The idempotency token keeps this result for a day: no participant's contact data.
    result = _apply(tx, scopes, p)
    return {"application": {"id": result["application"]["id"]}, "status": result["status"],
            "mode": result["mode"], "joined": result["joined"]}


def _withdraw(tx, scopes, p):
    row = tx.run(LOCK_APPLICATION, p).single()
    if row is None:
        raise NotFound("No such application.")
    if row["status"] not in WITHDRAWABLE:
        raise Invalid("This application can no longer be withdrawn.")
    files = tx.run(SET_WITHDRAWN, p).single()["files"]
    add_event(tx, p["id"], p["me"], WITHDRAWN, "", p["now"])
    people = tx.run(APPLICATION_PARTICIPANTS, id=p["id"]).single().data()
    if people["recruiter"] and row["status"] != JOINED:
        name = (label_for(tx, scopes, people["recruiter"]["id"], people["pseudonym"])
                if people["pseudonym"] and not row["revealed"] else people["candidate"]["name"])
        add_notices(tx, [notice_row(people["recruiter"]["id"], "application.withdrawn",
                                    msg("%(name)s withdrew their application for %(title)s.",
                                        name=name, title=people["job"]["title"]),
                                    f"/jobs/{people['job']['id']}/board")], p["now"])
    return {"resumeIds": files, "jobId": people["job"]["id"]}


def _reveal(tx, scopes, p):
    row = tx.run(LOCK_APPLICATION, p).single()
    if row is None:
        raise NotFound("No such application.")
    if row["mode"] != "pseudonym" or row["revealed"]:
        raise Invalid("This application already shows who you are.")
    if row["status"] not in PIPELINE or row["status"] == "not_selected":
        raise Invalid("This application is closed.")
    if not row["asked"]:
        raise Invalid("The recruiters have not asked to know who you are yet. Your name "
                      "is revealed only when both sides want it.")
    tx.run(SET_REVEALED, p).consume()
    add_event(tx, p["id"], p["me"], "revealed", "", p["now"])
    people = tx.run(APPLICATION_PARTICIPANTS, id=p["id"]).single().data()
    # Now that the company may know who it is, a referral that owns the candidate for the
    # job takes the application in: one card (graph.referrals.joining).
    joined = join_owning_referral(tx, p["me"], people["candidate"]["id"], people["job"]["id"],
                                  p["now"])
    if people["recruiter"]:
        text = msg("%(pseudonym)s revealed who they are for %(title)s: %(name)s.",
                   pseudonym=label_for(tx, scopes, people["recruiter"]["id"], people["pseudonym"]),
                   title=people["job"]["title"], name=people["candidate"]["name"])
        if joined:
            text += msg(" The application joins their referral.")
        add_notices(tx, [notice_row(people["recruiter"]["id"], "application.revealed", text,
                                    f"/jobs/{people['job']['id']}/board")], p["now"])
    return people


class ApplicationRepository(ScopedRepository):
    """A member's applications: apply, withdraw, reveal, their list; résumé access."""

    def apply(self, me_id: str, job_id: str, mode: str, note: str = "",
              resume: dict | None = None, now: str | None = None,
              request_id: str | None = None) -> dict:
        """Apply for ``job_id`` as oneself (``mode='self'``) or under one's pseudonym.
        ``resume``: ``{id, bytes, pages, text, words}`` of a file the caller stored
        (``words``: the text as `` word word `` for whole-word skill matching). Returns the
        participants, ``status`` (``submitted`` or ``joined``) and the referral joined.
        With ``request_id`` (an idempotency key) it returns only ``{application: {id},
        status, mode, joined}``, and a repeat raises ``AlreadyApplied`` carrying that."""
        if mode not in MODES:
            raise Invalid("Choose how to apply: as yourself or under your pseudonym.")
        p = {"me": me_id, "jobId": job_id, "mode": mode, "note": clean_note(note),
             "resume": resume, "id": new_id(), "key": f"{job_id}|{me_id}",
             "now": now or utc_now(), "pipeline": list(PIPELINE)}
        try:
            if request_id:
                return self._write_once(write_key("apply", me_id, request_id),
                                        _apply_recorded, self.scopes, p)
            return self._write(_apply, self.scopes, p)
        except ConstraintError as exc:
            raise Duplicate("You have already applied for this job.") from exc

    def withdraw(self, me_id: str, application_id: str, now: str | None = None) -> dict:
        """Withdraw one's application; its résumé is deleted. Returns ``resumeIds`` (the
        files the caller deletes) and ``jobId``."""
        return self._write(_withdraw, self.scopes, {"me": me_id, "id": application_id,
                                       "now": now or utc_now()})

    def reveal(self, me_id: str, application_id: str, now: str | None = None) -> dict:
        """The candidate reveals a pseudonymous application to the job's company, once its
        recruiters asked; the reveal is recorded in the application's history."""
        return self._write(_reveal, self.scopes, {"me": me_id, "id": application_id,
                                     "now": now or utc_now()})

    def mine(self, me_id: str) -> list[dict]:
        """The member's applications, latest first, with job, company and the pseudonym as
        that company knows it (per-company pseudonyms)."""
        rows = self._read(_rows, MATCH_MINE, {"me": me_id})
        for row in rows:
            if row["pseudonym"]:
                row["pseudonym"] = self.scopes.present(company_scope(row["company"]["id"]),
                                                       row["pseudonym"])
        return rows

    def live_for_job(self, me_id: str, job_id: str) -> dict | None:
        """The member's live application for a job, or None."""
        return self._read(_single, MATCH_LIVE_FOR_JOB, {"me": me_id, "key": f"{job_id}|{me_id}"})

    def resume_for_recruiter(self, viewer_id: str, application_id: str) -> dict | None:
        """``{resumeId, title}`` when the viewer may download the application's résumé,
        else None (not entitled, withdrawn, no résumé and unknown all alike)."""
        return self._read(_single, MATCH_RESUME_FOR_RECRUITER,
                          {"viewerId": viewer_id, "id": application_id})


    def known_resume_ids(self, resume_ids: list[str]) -> set[str]:
        """Which of these résumé ids the graph still holds (for the file sweep)."""
        row = self._read(_single, MATCH_KNOWN_RESUMES, {"ids": list(resume_ids)})
        return set(row["known"]) if row else set()

    def resume_ids_of(self, me_id: str) -> list[str]:
        """The résumé ids of all the member's applications (their files go with the account)."""
        row = self._read(_single, MATCH_MEMBER_RESUMES, {"me": me_id})
        return row["ids"] if row else []
