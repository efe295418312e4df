"""Cypher for conversations between a candidate's pseudonym and a real-name counterpart.

``(c:Conversation {id, pairKey, createdAt, updatedAt, messageCount, candidateRead,
counterpartRead, candidateInterested, counterpartInterested, revealedAt, version})``,
``(c)-[:CANDIDATE]->(:Pseudonym)``, ``(c)-[:COUNTERPART]->(:Person)``,
``(c)-[:ABOUT]->(:Job)`` (optional), ``(m:Message {id, seq, body, fromCandidate,
sentAt})-[:IN]->(c)``. Unread counts are ``messageCount`` minus the side's read mark.

The candidate always reaches their own conversations (under any of their pseudonyms,
retired ones included). The counterpart reaches one only while the candidate is shown
to them (``SHOWN``: still looking/open, not at the counterpart's employer). The
candidate's real identity is returned to the counterpart only after the reveal.

The pseudonym is returned with its system id and name plus ``scope``, the counterpart's
scope; the repository turns it into what that scope sees (``graph.candidates.visibility``),
for both sides: the candidate sees the name they go by with this counterpart.
"""
from __future__ import annotations

from graph.candidates.visibility import (DEGREE, EMPLOYER_CONFLICT, IN_CONVERSATION,
                                         IS_VERIFIED_RECRUITER, LISTED, SHOWN, scope_of)
from graph.companies.recruiters import is_active_recruiter

PSEUDONYM_NAME = "ps {.id, .hanzi, .pinyin, .generation, .rank, .active}"

# The reveal stage reached (0 to 3); conversations revealed before stages existed count
# as fully revealed.
REVEAL_STAGE = ("coalesce(c.revealStage, CASE WHEN c.revealedAt IS NOT NULL THEN 3 "
                "ELSE 0 END)")

# Checks for a counterpart (recruiter or member) writing first to a pseudonym: they must
# be allowed to see it; a job, if named, must be one of their open jobs.
CHECK_COUNTERPART_START = """
MATCH (v:Person {id: $viewerId})
MATCH (p:Person)-[:HAS_PSEUDONYM]->(ps:Pseudonym {id: $pseudonymId, active: true})
WITH v, p, ps, """ + DEGREE + " AS degree, " + IS_VERIFIED_RECRUITER + """ AS isRecruiter
WHERE """ + SHOWN + " AND (" + IN_CONVERSATION + " OR " + LISTED + """)
OPTIONAL MATCH (v)-[:POSTED]->(j:Job {id: $jobId, status: 'open'})-[:AT]->(jc:Company)
WHERE """ + is_active_recruiter("v", "jc") + """
RETURN ps.id AS pseudonymId, """ + PSEUDONYM_NAME + """ AS pseudonym, $scope AS scope,
       v.id AS counterpartId, v.name AS counterpartName, p.id AS candidateId, j.id AS jobId
"""

# Checks for a candidate writing, as their pseudonym, to a 1st/2nd-degree contact.
CHECK_CANDIDATE_TO_CONTACT = """
MATCH (p:Person {id: $viewerId})-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
WHERE p.jobStatus IN $seeking
OPTIONAL MATCH (v:Person {id: $targetId}) WHERE v <> p
RETURN ps.id AS pseudonymId, """ + PSEUDONYM_NAME + """ AS pseudonym, p.id AS candidateId,
       v.id AS counterpartId, v.name AS counterpartName, null AS jobId,
       CASE WHEN v IS NULL THEN null ELSE """ + scope_of("v") + """ END AS scope,
       CASE WHEN v IS NULL THEN 3 ELSE """ + DEGREE + """ END AS degree,
       CASE WHEN v IS NULL THEN false ELSE """ + EMPLOYER_CONFLICT + """ END AS conflict
"""

# Checks for a candidate writing, as their pseudonym, to the recruiter of an open job.
CHECK_CANDIDATE_TO_JOB = """
MATCH (p:Person {id: $viewerId})-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
WHERE p.jobStatus IN $seeking
OPTIONAL MATCH (v:Person)-[:POSTED]->(j:Job {id: $jobId, status: 'open'})-[:AT]->(jc:Company)
WHERE """ + is_active_recruiter("v", "jc") + """
RETURN ps.id AS pseudonymId, """ + PSEUDONYM_NAME + """ AS pseudonym, p.id AS candidateId,
       v.id AS counterpartId, v.name AS counterpartName, j.id AS jobId,
       CASE WHEN v IS NULL THEN null ELSE """ + scope_of("v") + """ END AS scope,
       j {.id, .title, company: jc.name} AS job, v = p AS own,
       CASE WHEN v IS NULL THEN false ELSE """ + EMPLOYER_CONFLICT + """ END AS conflict
"""

# One conversation per pseudonym, counterpart and job (a unique pairKey): writing first
# again, from either side, continues the same thread.
MERGE_CONVERSATION = """
MATCH (ps:Pseudonym {id: $pseudonymId}), (v:Person {id: $counterpartId})
OPTIONAL MATCH (j:Job {id: $jobId})
MERGE (c:Conversation {pairKey: $pairKey})
  ON CREATE SET c.id = $id, c.createdAt = $now, c.updatedAt = $now, c.messageCount = 0,
                c.candidateRead = 0, c.counterpartRead = 0, c.candidateInterested = false,
                c.counterpartInterested = false, c.version = 0
MERGE (c)-[:CANDIDATE]->(ps)
MERGE (c)-[:COUNTERPART]->(v)
FOREACH (job IN CASE WHEN j IS NULL THEN [] ELSE [j] END | MERGE (c)-[:ABOUT]->(job))
RETURN c.id AS id, c.id = $id AS created
"""

MATCH_CONVERSATION_EXISTS = "MATCH (c:Conversation {pairKey: $pairKey}) RETURN c.id AS id"

# The writer has seen the thread up to their own message.
APPEND_MESSAGE = """
MATCH (c:Conversation {id: $conversationId})
SET c.messageCount = c.messageCount + 1, c.updatedAt = $now
WITH c
SET c.candidateRead = CASE WHEN $fromCandidate THEN c.messageCount ELSE c.candidateRead END,
    c.counterpartRead = CASE WHEN $fromCandidate THEN c.counterpartRead ELSE c.messageCount END
CREATE (m:Message {id: $id, seq: c.messageCount, body: $body,
                   fromCandidate: $fromCandidate, sentAt: $now})-[:IN]->(c)
"""

# Who the viewer is in the conversation, if they may reach it at all.
THREAD_ACCESS = """
MATCH (c:Conversation {id: $conversationId})-[:CANDIDATE]->(ps:Pseudonym)
      <-[:HAS_PSEUDONYM]-(p:Person),
      (c)-[:COUNTERPART]->(v:Person)
WITH c, ps, p, v,
     CASE $viewerId WHEN p.id THEN 'candidate' WHEN v.id THEN 'counterpart' END AS side
WHERE side = 'candidate' OR (side = 'counterpart' AND """ + SHOWN + """)
"""

# The write lock on the conversation serialises both sides' actions on it.
LOCK_THREAD = THREAD_ACCESS + """
SET c.version = c.version + 1
RETURN side, p.id AS candidateId, v.id AS counterpartId, v.name AS counterpartName,
       """ + PSEUDONYM_NAME + " AS pseudonym, " + scope_of("v") + """ AS scope,
       p.jobStatus IN $seeking AS seeking,
       c.candidateInterested AS candidateInterested,
       c.counterpartInterested AS counterpartInterested,
       c.revealedAt IS NOT NULL AS revealed, """ + REVEAL_STAGE + """ AS stage
"""

# The staged reveal (graph.candidates.consent): the counterpart gets the candidate's
# industry and level from stage 1, company and title from stage 2, the identity at 3.
MATCH_THREAD = THREAD_ACCESS + """
OPTIONAL MATCH (c)-[:ABOUT]->(j:Job)-[:AT]->(jc:Company)
WITH c, ps, p, v, side, j, jc, """ + REVEAL_STAGE + """ AS stage
RETURN side, p.jobStatus IN $seeking AS seeking, stage,
       c {.id, .messageCount, .candidateRead, .counterpartRead, .candidateInterested,
          .counterpartInterested, .revealedAt} AS conversation,
       CASE WHEN side = 'counterpart' AND stage >= 1 THEN {
         industry: head(COLLECT { MATCH (p)-[:WORKS_AT {current: true}]->(sc:Company)
                                  WHERE sc.industry IS NOT NULL RETURN sc.industry }),
         seniority: ps.seniority,
         company: CASE WHEN stage >= 2 THEN head(COLLECT {
                    MATCH (p)-[w:WORKS_AT {current: true}]->(sc:Company)
                    RETURN sc.name ORDER BY w.start DESC }) END,
         title: CASE WHEN stage >= 2 THEN head(COLLECT {
                  MATCH (p)-[w:WORKS_AT {current: true}]->(:Company)
                  RETURN w.title ORDER BY w.start DESC }) END} END AS staged,
       """ + PSEUDONYM_NAME + " AS pseudonym, " + scope_of("v") + """ AS scope,
       j {.id, .title, company: jc.name} AS job,
       CASE side WHEN 'candidate' THEN v {.id, .name} END AS counterpart,
       CASE WHEN side = 'counterpart' AND c.revealedAt IS NOT NULL THEN p {.id, .name,
         position: head(COLLECT { MATCH (p)-[w:WORKS_AT {current: true}]->(pc:Company)
                                  RETURN w.title + ' at ' + pc.name ORDER BY w.start DESC })}
       END AS revealed,
       COLLECT { MATCH (m:Message)-[:IN]->(c)
                 RETURN m {.seq, .body, .fromCandidate, .sentAt}
                 ORDER BY m.seq DESC LIMIT $shown } AS messages
"""

MARK_READ = THREAD_ACCESS + """
SET c.candidateRead = CASE side WHEN 'candidate' THEN c.messageCount ELSE c.candidateRead END,
    c.counterpartRead = CASE side WHEN 'counterpart' THEN c.messageCount
                        ELSE c.counterpartRead END
RETURN side
"""

# Every conversation the member ``me`` may reach, with their side and read mark; the
# other party is named only where the member may know them. ``scopeOwner`` is the
# counterpart, whose scope names the pseudonym.
MY_CONVERSATIONS = """
CALL (me) {
  MATCH (me)-[:HAS_PSEUDONYM]->(ps:Pseudonym)<-[:CANDIDATE]-(c:Conversation)
        -[:COUNTERPART]->(o:Person)
  RETURN c, ps, 'candidate' AS side, o {.id, .name} AS other, c.candidateRead AS readUpTo,
         o AS scopeOwner
  UNION
  WITH me AS v
  MATCH (v)<-[:COUNTERPART]-(c:Conversation)-[:CANDIDATE]->(ps:Pseudonym)
        <-[:HAS_PSEUDONYM]-(p:Person)
  WHERE """ + SHOWN + """
  RETURN c, ps, 'counterpart' AS side,
         CASE WHEN c.revealedAt IS NOT NULL THEN p {.id, .name} END AS other,
         c.counterpartRead AS readUpTo, v AS scopeOwner
}
"""

MATCH_INBOX = """
MATCH (me:Person {id: $viewerId})
""" + MY_CONVERSATIONS + """
OPTIONAL MATCH (c)-[:ABOUT]->(j:Job)-[:AT]->(jc:Company)
WITH c, ps, side, other, scopeOwner, c.messageCount - readUpTo AS unread,
     j {.id, .title, company: jc.name} AS job
ORDER BY c.updatedAt DESC, c.id
WITH collect({id: c.id, side: side, pseudonym: """ + PSEUDONYM_NAME + """, other: other,
              scope: """ + scope_of("scopeOwner") + """,
              unread: unread, job: job, updatedAt: c.updatedAt,
              revealed: c.revealedAt IS NOT NULL}) AS rows
RETURN size(rows) AS total, reduce(s = 0, r IN rows | s + r.unread) AS unread,
       rows[$skip..$skip + $limit] AS conversations
"""

# For the navigation bar: unread messages and notifications, and the member's active
# pseudonym (to offer "write as ...").
MATCH_COUNTS = """
MATCH (me:Person {id: $viewerId})
CALL (me) {
""" + MY_CONVERSATIONS + """
  RETURN sum(c.messageCount - readUpTo) AS unreadMessages
}
RETURN unreadMessages,
       COUNT { (me)-[:NOTIFIED]->(:Notification {read: false}) } AS unreadNotifications,
       head(COLLECT { MATCH (me)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
                      WHERE me.jobStatus IN $seeking
                      RETURN """ + PSEUDONYM_NAME + """ }) AS pseudonym
"""
