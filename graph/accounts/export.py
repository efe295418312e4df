""""Download my data": everything a member entered or that is about them, as plain data.

One read transaction over several queries, each a section of the archive. Secrets are
left out (password hash, token and session digests, the HMAC digests of match keys: they
are ours, not the member's, and useless to them). Other members appear only as the member
sees them on the site: a counterpart by name, a candidate by pseudonym.
"""
from __future__ import annotations

import logging

from graph.candidates.visibility import ScopedRepository, scope_of
from graph.errors import NotFound

logger = logging.getLogger(__name__)

PROFILE = """
MATCH (p:Person {id: $me})
RETURN p {.id, .name, .email, .emailVerifiedAt, .headline, .city, .jobStatus, .createdAt,
          .passwordChangedAt, .emailMatching, .workEmail, .workEmailConfirmedAt,
          .influence, .influenceLevel, .deletionDueAt} AS account,
       COLLECT { MATCH (p)-[:HAS_SKILL]->(s:Skill) RETURN s.name ORDER BY s.key } AS skills,
       COLLECT { MATCH (p)-[r:WORKS_AT]->(c:Company)
                 RETURN r {.title, .start, .end, .current, company: c.name} } AS positions,
       COLLECT { MATCH (p)-[r:STUDIED_AT]->(s:School)
                 RETURN r {.degree, .startYear, .endYear, school: s.name} } AS education,
       COLLECT { MATCH (p)-[r:ADMIN_OF|RECRUITS_FOR]->(c:Company)
                 RETURN {role: type(r), status: r.status, requestedAt: r.requestedAt,
                         decidedAt: r.decidedAt, company: c.name} } AS companyRoles,
       COLLECT { MATCH (p)-[:HAS_MATCH_KEY]->(k:MatchKey)
                 RETURN k {.kind, .network, .hint, .createdAt} } AS matchKeys
"""

NETWORK = """
MATCH (p:Person {id: $me})
RETURN COLLECT { MATCH (p)-[f:FRIENDS_WITH]-(o:Person)
                 RETURN {name: o.name, since: f.since} ORDER BY f.since } AS friends,
       COLLECT { MATCH (p)-[r:FRIEND_REQUEST]->(o:Person)
                 RETURN {to: o.name, createdAt: r.createdAt} } AS requestsSent,
       COLLECT { MATCH (p)<-[r:FRIEND_REQUEST]-(o:Person)
                 RETURN {from: o.name, createdAt: r.createdAt} } AS requestsReceived,
       COLLECT { MATCH (p)-[l:LABELS]->(o:Person) RETURN {label: l.name, friend: o.name} } AS labels,
       COLLECT { MATCH (p)-[:DISMISSED_SUGGESTION]->(o:Person) RETURN o.name } AS dismissedSuggestions,
       COLLECT { MATCH (p)-[:IMPORTED]->(i:ContactImport)
                 RETURN i {.kind, .layout, .network, .entries, .matched, .createdAt,
                           matchedMembers: COLLECT { MATCH (i)-[m:MATCHED]->(o:Person)
                                                     RETURN {name: o.name, via: m.via} }}
                 ORDER BY i.createdAt } AS imports
"""

CANDIDACY = """
MATCH (p:Person {id: $me})
RETURN """ + scope_of("p") + """ AS scope,
       COLLECT { MATCH (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym)
                 RETURN ps {.id, .hanzi, .pinyin, .rank, .novel, .author, .active, .headline,
                            .seniority, .industry, .region, .visibleFrom} } AS pseudonyms,
       COLLECT { MATCH (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym)<-[:CANDIDATE]-(c:Conversation)
                       -[:COUNTERPART]->(v:Person)
                 RETURN {id: c.id, as: 'candidate', pseudonym: ps.hanzi, with: v.name,
                         revealedAt: c.revealedAt,
                         job: head(COLLECT { MATCH (c)-[:ABOUT]->(j:Job) RETURN j.title }),
                         messages: COLLECT { MATCH (m:Message)-[:IN]->(c)
                                             RETURN m {.seq, .body, .sentAt, .fromCandidate}
                                             ORDER BY m.seq }} } +
       COLLECT { MATCH (p)<-[:COUNTERPART]-(c:Conversation)-[:CANDIDATE]->(ps:Pseudonym)
                 RETURN {id: c.id, as: 'counterpart', with: ps {.id, .rank},
                         revealedAt: c.revealedAt,
                         job: head(COLLECT { MATCH (c)-[:ABOUT]->(j:Job) RETURN j.title }),
                         messages: COLLECT { MATCH (m:Message)-[:IN]->(c)
                                             RETURN m {.seq, .body, .sentAt, .fromCandidate}
                                             ORDER BY m.seq }} } AS conversations,
       COLLECT { MATCH (p)<-[role:OF|TO]-(rv:Reveal)
                 RETURN {at: rv.at, role: CASE type(role) WHEN 'OF' THEN 'you were revealed'
                                                ELSE 'revealed to you' END,
                         pseudonym: rv.pseudonymName, job: rv.jobTitle,
                         company: rv.companyName} } AS reveals
"""

REFERRALS = """
MATCH (p:Person {id: $me})
RETURN COLLECT { MATCH (p)-[:REFERRED]->(r:Referral)-[:FOR_JOB]->(j:Job)-[:AT]->(c:Company)
                 OPTIONAL MATCH (r)-[:CANDIDATE]->(cand:Person)
                 RETURN r {.id, .status, .note, .source, .createdAt, .confirmedAt, .updatedAt,
                           candidate: coalesce(cand.name, r.candidateName),
                           candidateEmail: r.candidateEmail, job: j.title, company: c.name,
                           events: COLLECT { MATCH (r)-[:HAS_EVENT]->(e:ReferralEvent)
                                             RETURN e {.stage, .at, .comment} ORDER BY e.seq }}
               } AS referralsMade,
       COLLECT { MATCH (ref:Person)-[:REFERRED]->(r:Referral)-[:CANDIDATE]->(p),
                       (r)-[:FOR_JOB]->(j:Job)-[:AT]->(c:Company)
                 RETURN r {.id, .status, .createdAt, .confirmedAt, .updatedAt,
                           referrer: ref.name, job: j.title, company: c.name} } AS referralsOfYou,
       COLLECT { MATCH (p)-[:EARNED]->(a:PointAward)-[:FOR_REFERRAL]->(r:Referral)
                 RETURN a {.stage, .points, .awardedAt, referral: r.id} } AS points,
       COLLECT { MATCH (p)-[:ASKED]->(a:ReferralAsk)-[:ASKED_TO]->(f:Person)
                 RETURN a {.message, .status, .createdAt, .answeredAt, askedTo: f.name} } +
       COLLECT { MATCH (p)<-[:ASKED_TO]-(a:ReferralAsk)<-[:ASKED]-(f:Person)
                 RETURN a {.message, .status, .createdAt, .answeredAt, askedBy: f.name} } AS asks,
       COLLECT { MATCH (r:Person)-[:REQUESTED_INTRO]->(i:Introduction)-[:VIA]->(m:Person),
                       (i)-[:TO]->(t:Person)
                 WHERE p IN [r, m, t]
                 RETURN i {.message, .note, .status, .createdAt, .answeredAt,
                           requester: r.name, via: m.name, to: t.name,
                           messages: COLLECT { MATCH (i)-[:HAS_MESSAGE]->(x:IntroMessage)
                                                     <-[:WROTE]-(a:Person)
                                               RETURN x {.text, .at, by: a.name}
                                               ORDER BY x.seq }} } AS introductions,
       COLLECT { MATCH (p)-[:POSTED]->(j:Job)-[:AT]->(c:Company)
                 RETURN j {.title, .status, .city, .createdAt, company: c.name} } AS jobsPosted
"""

ACTIVITY = """
MATCH (p:Person {id: $me})
RETURN COLLECT { MATCH (p)-[:NOTIFIED]->(n:Notification)
                 RETURN n {.kind, .text, .link, .createdAt, .read} ORDER BY n.createdAt } +
       COLLECT { MATCH (n:Notification)-[:FOR]->(p)
                 RETURN n {.kind, .createdAt, .read} ORDER BY n.createdAt } AS notifications,
       COLLECT { MATCH (p)-[:HAS_SESSION]->(s:Session)
                 RETURN s {.device, .place, .createdAt, .lastSeenAt} ORDER BY s.createdAt }
         AS sessions
"""

SECTIONS = (PROFILE, NETWORK, CANDIDACY, REFERRALS, ACTIVITY)


def _export(tx, scopes, person_id: str) -> dict | None:
    archive: dict = {}
    for query in SECTIONS:
        record = tx.run(query, me=person_id).single()
        if record is None:
            return None
        archive.update(record.data())
    scope = archive.pop("scope")
    for conversation in archive["conversations"]:
        conversation["messages"].sort(key=lambda message: message["seq"])
        if conversation["as"] == "counterpart":
            # The name the member's scope knows the candidate by, never the system one.
            conversation["with"] = scopes.label(scope, conversation["with"])
    return archive


class DataExportRepository(ScopedRepository):
    """The member's data archive."""

    def export(self, person_id: str) -> dict:
        """Every section of the archive as plain data; ``NotFound`` for no such member."""
        archive = self._read(_export, self.scopes, person_id)
        if archive is None:
            raise NotFound("No such member.")
        return archive
