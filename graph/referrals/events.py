"""Transaction helpers shared by the referral modules: the history and the participants.

History: ``(r:Referral)-[:HAS_EVENT]->(e:ReferralEvent {id, seq, stage, at, comment, message?})``
and ``(actor:Person)-[:ACTED]->(e)``; ``seq`` orders events made within the same second.
"""
from __future__ import annotations

from graph.companies.recruiters import is_active_recruiter
from graph.i18n import Message
from graph.people.members import new_id

ADD_EVENT = """
MATCH (r:Referral {id: $id})
OPTIONAL MATCH (actor:Person {id: $actorId})
CREATE (r)-[:HAS_EVENT]->(e:ReferralEvent {id: $eventId, stage: $stage, at: $now,
                                           comment: $comment, message: $message,
                                           seq: COUNT { (r)-[:HAS_EVENT]->() }})
FOREACH (a IN CASE WHEN actor IS NULL THEN [] ELSE [actor] END | CREATE (a)-[:ACTED]->(e))
"""

# The three parties of a referral, with e-mail addresses for notices (never logged).
# The recruiter is the job's poster while they still recruit for the company.
MATCH_PARTICIPANTS = """
MATCH (ref:Person)-[:REFERRED]->(r:Referral {id: $id})-[:FOR_JOB]->(j:Job)-[:AT]->(c:Company)
OPTIONAL MATCH (r)-[:CANDIDATE]->(cand:Person)
OPTIONAL MATCH (poster:Person)-[:POSTED]->(j)
RETURN r {.id, .status, .owner, .ownedSince, .ownedUntil, .candidateName, .source} AS referral,
       j {.id, .title} AS job, c {.id, .name} AS company,
       ref {.id, .name, .email, .locale} AS referrer,
       cand {.id, .name, .email, .locale} AS candidate,
       CASE WHEN poster IS NOT NULL
                 AND """ + is_active_recruiter("poster", "c") + """
            THEN poster {.id, .name, .email, .locale} END AS recruiter
"""


def add_event(tx, referral_id: str, actor_id: str | None, stage: str,
              comment: str | Message, now: str) -> None:
    """Append one entry to a referral's history. A note the site writes itself comes as a
    ``graph.i18n.Message`` (kept as ``message``, shown in the reader's language); a
    member's comment is a plain string, shown as written."""
    message = comment.to_json() if isinstance(comment, Message) else None
    tx.run(ADD_EVENT, id=referral_id, actorId=actor_id, eventId=new_id(), stage=stage,
           comment=str(comment), message=message, now=now).consume()


def participants(tx, referral_id: str) -> dict:
    """``{referral, job, company, referrer, candidate, recruiter}`` of a referral."""
    return tx.run(MATCH_PARTICIPANTS, id=referral_id).single().data()
