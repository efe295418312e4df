"""One card per candidate and job: a member's own application joins the referral that owns
them, whichever came first.

- The application comes second (the referral already owns the candidate):
  ``graph.hiring.applications`` creates it ``joined``.
- The referral comes second: when it takes ownership, ``join_live_application`` (called in
  the confirming transaction) joins the candidate's live application for the job, at
  whatever stage the recruiters had moved it to. The application becomes ``joined``
  (``(a)-[:JOINED]->(r)``) and keeps its own history; the referral records the join in its
  history and, when the application was further along (a rejection counts as least
  advanced: a referral after one is a new look), continues from the application's
  stage (``Referral.adoptedStages``: the stages reached before the referral, which earn
  the referrer no points, so a referral made once a friend is already interviewing is not
  a way to collect credit).

A pseudonymous application the candidate has not revealed to the company is never joined:
merging its card into a referral under the member's real name would tell the recruiters
who the pseudonym is, a reveal without consent. It keeps its own card until the candidate
reveals (the recruiters cannot know the two cards are one person, which is the point of
the pseudonym); the reveal then joins it (``join_owning_referral``).
"""
from __future__ import annotations

from graph.i18n import msg
from graph.people.members import new_id
from graph.referrals.events import add_event
from graph.referrals.stages import PIPELINE, PROGRESSION, STAGE_LABELS

# The live application of the candidate for the job, if the recruiters may know it is
# theirs (applied by name, or revealed), and the referral's stage; the application is
# locked so a concurrent move cannot slip between.
MATCH_JOINABLE_APPLICATION = """
MATCH (:Person {id: $candidateId})-[:APPLIED]->(a:Application {key: $jobId + '|' + $candidateId})
WHERE a.status IN $pipeline AND (a.mode = 'self' OR a.revealedAt IS NOT NULL)
MATCH (r:Referral {id: $referralId})
SET a._lock = true REMOVE a._lock
RETURN a.id AS id, a.status AS status, r.status AS referralStatus
"""

# The referral that owns the candidate for the job now (confirmed, in the pipeline).
MATCH_OWNING_REFERRAL = """
MATCH (o:ReferralOwnership {key: $jobId + '|' + $candidateId})
MATCH (r:Referral {id: o.referralId, owner: true})
WHERE r.confirmedAt IS NOT NULL AND r.status IN $pipeline
RETURN r.id AS id
"""

JOIN_APPLICATION = """
MATCH (a:Application {id: $applicationId}), (r:Referral {id: $referralId})
SET a.status = 'joined', a.updatedAt = $now, a.stageSince = $now
CREATE (a)-[:JOINED]->(r)
CREATE (a)-[:HAS_EVENT]->(:ApplicationEvent {id: $eventId, stage: 'joined', at: $now,
        comment: 'A referral of the candidate was confirmed; it carries the application.',
        reasonHidden: false, seq: COUNT { (a)-[:HAS_EVENT]->() }})
"""

ADOPT_STAGE = """
MATCH (r:Referral {id: $referralId})
SET r.status = $stage, r.updatedAt = $now,
    r.adoptedStages = coalesce(r.adoptedStages, []) + $adopted
"""


def _rank(stage: str) -> int:
    # "Not selected" is the least advanced: a referral after a rejection is a new look.
    return PROGRESSION.index(stage) if stage in PROGRESSION else -1


def adopted_stage(application_stage: str, referral_stage: str) -> str | None:
    """The stage the referral continues from when it absorbs an application at
    ``application_stage``: the application's when it is further along, else ``None``
    (the referral stays where it is)."""
    return application_stage if _rank(application_stage) > _rank(referral_stage) else None


def stages_before(stage: str) -> list[str]:
    """The stages the candidate reached before the referral joined (no points for them)."""
    return list(PROGRESSION[:_rank(stage) + 1])


def join_live_application(tx, referral_id: str, actor_id: str, candidate_id: str,
                          job_id: str, now: str) -> dict | None:
    """Inside the transaction that gives ``referral_id`` ownership (or reveals the
    candidate's application): join the candidate's live application for the job, if one
    may be joined. Returns ``{id, status}`` of the joined application (its stage before
    the join) or ``None``."""
    record = tx.run(MATCH_JOINABLE_APPLICATION, candidateId=candidate_id, jobId=job_id,
                    referralId=referral_id, pipeline=list(PIPELINE)).single()
    if record is None:
        return None
    application = record.data()
    tx.run(JOIN_APPLICATION, applicationId=application["id"], referralId=referral_id,
           now=now, eventId=new_id()).consume()
    stage = adopted_stage(application["status"], application["referralStatus"])
    if stage is None:
        add_event(tx, referral_id, actor_id, application["referralStatus"],
                  msg("The candidate had applied directly; the application joins this "
                      "referral."), now)
    else:
        tx.run(ADOPT_STAGE, referralId=referral_id, stage=stage, now=now,
               adopted=stages_before(stage)).consume()
        add_event(tx, referral_id, actor_id, stage,
                  msg("The candidate had applied directly and the application was already at "
                      "“%(stage_label)s”; it joins this referral, which continues from there "
                      "(no points for stages reached before the referral).",
                      stage_label=STAGE_LABELS[stage]), now)
    return {"id": application["id"], "status": application["status"]}


def join_owning_referral(tx, actor_id: str, candidate_id: str, job_id: str,
                         now: str) -> dict | None:
    """After a pseudonymous application is revealed: join it to the referral that owns
    the candidate for the job, if there is one. Returns what ``join_live_application``
    returns, or ``None``."""
    owner = tx.run(MATCH_OWNING_REFERRAL, candidateId=candidate_id, jobId=job_id,
                   pipeline=list(PIPELINE)).single()
    if owner is None:
        return None
    return join_live_application(tx, owner["id"], actor_id, candidate_id, job_id, now)
