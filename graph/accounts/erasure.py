"""Deleting an account: a grace period, then erasure of everything that identifies the member.

``Person.deletionDueAt`` marks a requested deletion; logging in before then cancels it.
Erasure (one transaction):

- the member's own things are deleted: sessions, tokens, match keys, a pending phone,
  imports, notifications, alerts sent, saved searches and job filters, point awards,
  applications (with their résumés and history),
  pseudonyms and the conversations held under them (with their messages);
- every relationship is removed, except those that tie records other people keep for good
  reason to the member: referrals (as referrer or candidate) and their events, asks,
  introductions and their messages, conversations the member joined as the counterpart,
  and jobs they posted (which close);
- the ``Person`` node stays as that anchor but loses every property and gets a new random
  id, the name "Former member" and the ``FormerMember`` label: a company's pipeline
  shows "Former member", never who it was;
- a reveal keeps only the fact (its id and time), not who, as whom or about what;
- flashed messages naming the member are dropped from other members' sessions;
- every string property of the records left around the member (keys such as
  ``jobId|referrerId|candidateId``, other members' notices) that held the old id, the
  name or the e-mail is rewritten.
"""
from __future__ import annotations

import json
import logging

from graph.base import Repository
from graph.errors import NotFound
from graph.index.changelog import REBUILD, change, log_changes, scrub_member

logger = logging.getLogger(__name__)

FORMER_MEMBER = "Former member"

# Relationship types whose other end is a record someone else keeps.
KEPT_RELATIONSHIPS = ["REFERRED", "CANDIDATE", "ACTED", "ASKED", "ASKED_TO", "REQUESTED_INTRO",
                      "VIA", "TO", "WROTE", "COUNTERPART", "POSTED"]

SCHEDULE = """
MATCH (p:Person {id: $personId}) WHERE NOT p:FormerMember
SET p.deletionDueAt = $dueAt
WITH p
OPTIONAL MATCH (p)-[:HAS_SESSION]->(s:Session)
DETACH DELETE s
WITH DISTINCT p
// API tokens end too: only a fresh log-in (which cancels the deletion) gets the member in.
OPTIONAL MATCH (p)-[:HAS_API_TOKEN]->(t:ApiToken)
DETACH DELETE t
RETURN DISTINCT p.id AS id
"""

CANCEL = """
MATCH (p:Person {id: $personId}) REMOVE p.deletionDueAt RETURN p.id AS id
"""

MATCH_DUE = """
MATCH (p:Person) WHERE p.deletionDueAt <= $now AND NOT p:FormerMember
RETURN p.id AS id LIMIT $batch
"""

MATCH_IDENTITY = """
MATCH (p:Person {id: $personId}) WHERE NOT p:FormerMember
RETURN p.name AS name, p.email AS email, p.workEmail AS workEmail
"""

DELETE_OWNED = """
MATCH (p:Person {id: $personId})
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_SESSION|HAS_TOKEN|HAS_API_TOKEN|HAS_MATCH_KEY|CONFIRMING_PHONE
                   |IMPORTED|NOTIFIED|EARNED|REQUESTED_ARCHIVE|ALERTED|SAVED
                   |SAVED_FILTER|MAIL_PENDING]->(owned)
  DETACH DELETE owned
}
CALL (p) {
  OPTIONAL MATCH (n:Notification)-[:FOR]->(p)
  DETACH DELETE n
}
// Recruiters' profile-view audit keeps counting the views, no longer the pseudonym's id.
CALL (p) {
  MATCH (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym)
  WITH ps, randomUUID() AS standIn
  MATCH (pv:ProfileView) WHERE pv.key CONTAINS ps.id
  SET pv.key = replace(pv.key, ps.id, standIn)
}
// Applications go whole, with their résumés and history (the files follow in the web layer).
CALL (p) {
  OPTIONAL MATCH (p)-[:APPLIED]->(a:Application)
  OPTIONAL MATCH (a)-[:HAS_RESUME|HAS_EVENT]->(x)
  DETACH DELETE x, a
}
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym)
  OPTIONAL MATCH (c:Conversation)-[:CANDIDATE]->(ps)
  OPTIONAL MATCH (m:Message)-[:IN]->(c)
  DETACH DELETE m, c, ps
}
"""

# A reveal keeps only that it happened: no member, pseudonym, job or conversation.
STRIP_REVEALS = """
MATCH (p:Person {id: $personId})<-[:OF|TO]-(rv:Reveal)
SET rv = {id: rv.id, at: rv.at}
WITH p, rv
MATCH (rv)-[r]->(x)
WHERE x = p OR type(r) IN ['IN', 'AS', 'ABOUT']
DELETE r
"""

ANONYMISE_KEPT = """
MATCH (p:Person {id: $personId})
CALL (p) {
  OPTIONAL MATCH (r:Referral)-[:CANDIDATE]->(p)
  SET r.candidateName = $former
  REMOVE r.candidateEmail
}
CALL (p) {
  OPTIONAL MATCH (p)-[:POSTED]->(j:Job {status: 'open'})
  SET j.status = 'closed', j.updatedAt = $now
}
CALL (p) {
  OPTIONAL MATCH (p)-[r]-()
  WHERE NOT type(r) IN $kept
  DELETE r
}
"""

STRIP_PERSON = """
MATCH (p:Person {id: $personId})
SET p = {id: $formerId, name: $former, nameLower: null}
SET p:FormerMember
REMOVE p:JobPoster
"""

# What may still carry the old id, name or e-mail: the records around the anchor (and
# their relationships), the ownership of referrals about the member, and other members'
# notices (and their pending e-mail copies) that named them or linked to their profile.
MATCH_AROUND = """
MATCH (p:Person {id: $formerId})
CALL (p) {
  MATCH (p)-[]-(n)
  RETURN elementId(n) AS element, 'node' AS kind, properties(n) AS props
  UNION
  MATCH (p)-[r]-()
  RETURN elementId(r) AS element, 'relationship' AS kind, properties(r) AS props
  UNION
  MATCH (o:ReferralOwnership) WHERE o.key CONTAINS $oldId
  RETURN elementId(o) AS element, 'node' AS kind, properties(o) AS props
  UNION
  MATCH ()-[r:RECRUITS_FOR]->() WHERE r.decidedBy = $oldId
  RETURN elementId(r) AS element, 'relationship' AS kind, properties(r) AS props
  UNION
  MATCH (n:Notification)
  WHERE n.text CONTAINS $name OR n.link CONTAINS $oldId
  RETURN elementId(n) AS element, 'node' AS kind, properties(n) AS props
  UNION
  MATCH (n:NoticeMail)
  WHERE n.text CONTAINS $name OR n.link CONTAINS $oldId
  RETURN elementId(n) AS element, 'node' AS kind, properties(n) AS props
}
RETURN element, kind, props
"""

# Other members' sessions may hold a flashed message that named the member ("... Zelda is
# notified"), in their serialised data (JSON, non-ASCII escaped).
MATCH_SESSIONS_NAMING = """
MATCH (s:Session) WHERE any(needle IN $needles WHERE s.data CONTAINS needle)
RETURN s.key AS key, s.data AS data
"""

SET_SESSION_DATA = """
UNWIND $rows AS row
MATCH (s:Session {key: row.key})
SET s.data = row.data
"""

SET_NODE_PROPS = """
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.element
SET n += row.props
"""

SET_REL_PROPS = """
UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.element
SET r += row.props
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _due_ids(tx, now, batch):
    return [record["id"] for record in tx.run(MATCH_DUE, now=now, batch=batch)]


def _scrubbed(value, replacements: list[tuple[str, str]]):
    """``value`` with every identifying string replaced (strings and lists of strings)."""
    if isinstance(value, str):
        for old, new in replacements:
            if old and old in value:
                value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_scrubbed(item, replacements) for item in value]
    return value


def _rewrite_around(tx, old_id: str, former_id: str, identity: dict) -> None:
    name = identity["name"] or ""
    # A name of one or two letters would match inside unrelated words; ids and e-mails
    # are always long enough.
    replacements = [(old_id, former_id)]
    for email in (identity["email"], identity["workEmail"]):
        if email:
            replacements.append((email, "(erased)"))
    if len(name) >= 3:
        replacements.append((name, FORMER_MEMBER))
    nodes, relationships = [], []
    for record in tx.run(MATCH_AROUND, formerId=former_id, oldId=old_id, name=name or old_id):
        changed = {key: _scrubbed(value, replacements) for key, value in record["props"].items()}
        changed = {key: value for key, value in changed.items() if value != record["props"][key]}
        if changed:
            row = {"element": record["element"], "props": changed}
            (nodes if record["kind"] == "node" else relationships).append(row)
    tx.run(SET_NODE_PROPS, rows=nodes).consume()
    tx.run(SET_REL_PROPS, rows=relationships).consume()


def _scrub_sessions(tx, old_id: str, identity: dict) -> None:
    needles = [old_id] + [value for value in (identity["email"], identity["workEmail"]) if value]
    name = identity["name"] or ""
    if len(name) >= 3:
        needles += [name, json.dumps(name)[1:-1]]
    rows = []
    for record in tx.run(MATCH_SESSIONS_NAMING, needles=needles):
        data = json.loads(record["data"])
        if isinstance(data, dict):
            data.pop("_flashes", None)  # the only place another member's session names people
        text = json.dumps(data, separators=(",", ":"))
        for needle in needles:
            text = text.replace(needle, FORMER_MEMBER)
        rows.append({"key": record["key"], "data": text})
    tx.run(SET_SESSION_DATA, rows=rows).consume()


def _erase(tx, person_id: str, former_id: str, now: str) -> bool:
    identity = _single(tx, MATCH_IDENTITY, {"personId": person_id})
    if identity is None:
        return False
    tx.run(DELETE_OWNED, personId=person_id).consume()
    tx.run(STRIP_REVEALS, personId=person_id).consume()
    tx.run(ANONYMISE_KEPT, personId=person_id, former=FORMER_MEMBER, now=now,
           kept=KEPT_RELATIONSHIPS).consume()
    tx.run(STRIP_PERSON, personId=person_id, formerId=former_id, former=FORMER_MEMBER).consume()
    _rewrite_around(tx, person_id, former_id, identity)
    _scrub_sessions(tx, person_id, identity)
    # The network index's change log named the member: it now names the former member,
    # and every app process rebuilds its index (which therefore never holds the old id).
    scrub_member(tx, person_id, former_id, FORMER_MEMBER)
    log_changes(tx, [change(REBUILD, "all")])
    return True


class AccountErasureRepository(Repository):
    """Schedules, cancels and carries out account deletions."""

    def schedule(self, person_id: str, due_at: str) -> None:
        """Mark the account for erasure at ``due_at`` and end all its sessions and API
        tokens."""
        if self._write(_single, SCHEDULE, {"personId": person_id, "dueAt": due_at}) is None:
            raise NotFound("No such member.")

    def cancel(self, person_id: str) -> None:
        """Keep the account (the member logged in during the grace period)."""
        self._write(_single, CANCEL, {"personId": person_id})

    def due(self, now: str, batch: int = 100) -> list[str]:
        """Ids of accounts whose grace period is over."""
        return self._read(_due_ids, now, batch)

    def erase(self, person_id: str, former_id: str, now: str) -> bool:
        """Erase the member (see the module's docstring); ``former_id`` is the random id
        the anchor keeps. False if there was no such member left to erase."""
        return self._write(_erase, person_id, former_id, now)
