"""Cypher pieces and transaction helpers shared by the hiring modules: an application's
history and parties, and the recruiter predicate of a job.

History: ``(a:Application)-[:HAS_EVENT]->(e:ApplicationEvent {id, seq, stage, at, comment,
reason?, reasonHidden?})`` and ``(actor:Person)-[:ACTED]->(e)``.
"""
from __future__ import annotations

from graph.candidates.pseudonym_names import display_name
from graph.candidates.visibility import MATCH_VIEWER_SCOPE, PseudonymScopes
from graph.companies.recruiters import is_active_recruiter
from graph.people.members import new_id

# ``v`` is an active verified recruiter of the job's company ``c``: the people who work a
# job's pipeline and read its résumés (docs/trust.md, recruiter rights).
RECRUITER_OF_JOB = is_active_recruiter("v", "c")

ADD_APPLICATION_EVENT = """
MATCH (a:Application {id: $id})
OPTIONAL MATCH (actor:Person {id: $actorId})
CREATE (a)-[:HAS_EVENT]->(e:ApplicationEvent {id: $eventId, stage: $stage, at: $now,
        comment: $comment, reason: $reason, reasonHidden: $reasonHidden,
        seq: COUNT { (a)-[:HAS_EVENT]->() }})
FOREACH (x IN CASE WHEN actor IS NULL THEN [] ELSE [actor] END | CREATE (x)-[:ACTED]->(e))
"""

# The parties of an application, with e-mail addresses for notices (never logged). The
# recruiter is the job's poster while they still recruit for the company.
APPLICATION_PARTICIPANTS = """
MATCH (cand:Person)-[:APPLIED]->(a:Application {id: $id})-[:FOR_JOB]->(j:Job)-[:AT]->(c:Company)
OPTIONAL MATCH (a)-[:AS]->(ps:Pseudonym)
OPTIONAL MATCH (poster:Person)-[:POSTED]->(j)
RETURN a {.id, .mode, .status, .revealedAt} AS application, j {.id, .title} AS job,
       c {.id, .name} AS company, cand {.id, .name, .email} AS candidate,
       ps {.id, .rank, .hanzi, .pinyin, .generation} AS pseudonym,
       CASE WHEN poster IS NOT NULL AND """ + is_active_recruiter("poster", "c") + """
            THEN poster {.id, .name, .email} END AS recruiter
"""


def add_event(tx, application_id: str, actor_id: str | None, stage: str, comment: str,
              now: str, reason: str = "", reason_hidden: bool = False) -> None:
    """Append one entry to an application's history."""
    tx.run(ADD_APPLICATION_EVENT, id=application_id, actorId=actor_id, eventId=new_id(),
           stage=stage, comment=comment, now=now, reason=reason or None,
           reasonHidden=reason_hidden).consume()


def pseudonym_label(pseudonym: dict) -> str:
    """The display name of a pseudonym row (``hanzi``, ``pinyin``, ``generation``)."""
    return display_name(pseudonym["hanzi"], pseudonym["pinyin"], pseudonym["generation"])


def label_for(tx, scopes: PseudonymScopes, viewer_id: str, pseudonym: dict) -> str:
    """The name ``viewer_id`` knows ``pseudonym`` by (their scope's; per-company
    pseudonyms, ``graph.candidates.visibility``): for notices to a recruiter."""
    record = tx.run(MATCH_VIEWER_SCOPE, viewerId=viewer_id).single()
    return scopes.label(record["scope"], pseudonym)
