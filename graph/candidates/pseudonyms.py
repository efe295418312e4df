"""A member's own candidate side: the life of their pseudonym and its settings.

A member whose job status is "looking" or "open" has exactly one *active*
``(:Pseudonym)``, linked ``(p)-[:HAS_PSEUDONYM]->(ps)``. Going back to "not looking"
retires it (``active = false``); rotating retires it and creates a new one (new name, new
random id). Retired pseudonyms stay, so old conversations keep the name they were held
under. Uniqueness is enforced by constraints: ``activeKey`` (the name and generation)
among active pseudonyms, ``activeOwner`` (one active pseudonym per member).
"""
from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta, timezone

from neo4j.exceptions import ConstraintError

from graph.candidates import fields
from graph.candidates import pseudonym_names as names
from graph.candidates.fields import FAMILIES, families_of, family_label, family_of
from graph.candidates.fields import default_settings, identity_leak
from graph.candidates.visibility import (SEEKING, ScopedRepository, names_by_counterpart,
                                         scope_of)
from graph.base import utc_now
from graph.errors import Duplicate, Invalid, NotFound
from graph.i18n import msg
from graph.network.analysis import provisional_level
from graph.notices.store import add_notices, notice_row

logger = logging.getLogger(__name__)

ATTEMPTS = 5
BATCH = 2000
# A rotated (or re-activated) pseudonym appears in listings only after a random delay, so
# a recruiter who watches the list cannot pair the old name's departure with the new
# name's arrival.
LISTING_DELAY_MIN_S, LISTING_DELAY_MAX_S = 3600, 12 * 3600

# What deciding and defaulting a pseudonym needs to know about the member ``p``.
MEMBER_FACTS = """p.jobStatus AS jobStatus, p.influenceLevel AS level,
       COUNT { (p)-[:FRIENDS_WITH]-(:Person) } AS degree,
       head(COLLECT { MATCH (p)-[:HAS_PSEUDONYM]->(a:Pseudonym {active: true})
                      RETURN a {.id, .headline, .seniority, .industry, .region, .memberReach} })
         AS active,
       EXISTS { (p)-[:HAS_PSEUDONYM]->(:Pseudonym) } AS hadPseudonym,
       head(COLLECT { MATCH (p)-[w:WORKS_AT]->(:Company) RETURN w.start ORDER BY w.start })
         AS firstStart,
       head(COLLECT { MATCH (p)-[w:WORKS_AT {current: true}]->(c:Company)
                      RETURN c {.industry, .city, title: w.title} ORDER BY w.start DESC })
         AS employer"""

# Taking a write lock on the member first serialises concurrent status changes, so the
# facts read next are current and one pseudonym is created at most.
LOCK_MEMBER = """
MATCH (p:Person {id: $personId})
SET p.candidateVersion = coalesce(p.candidateVersion, 0) + 1
WITH p
OPTIONAL MATCH (run:InfluenceRun {key: 'latest'})
RETURN run.degreeCutoffs AS cutoffs, """ + MEMBER_FACTS

MATCH_UNASSIGNED = """
OPTIONAL MATCH (run:InfluenceRun {key: 'latest'})
MATCH (p:Person)
WHERE p.jobStatus IN $seeking
  AND NOT EXISTS { (p)-[:HAS_PSEUDONYM]->(:Pseudonym {active: true}) }
RETURN p.id AS personId, run.degreeCutoffs AS cutoffs, """ + MEMBER_FACTS

MATCH_ACTIVE_KEYS = "MATCH (ps:Pseudonym {active: true}) RETURN collect(ps.activeKey) AS keys"

CREATE_PSEUDONYM = """
MATCH (p:Person {id: $personId})
CREATE (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym)
SET ps = $pseudonym
"""

CREATE_PSEUDONYMS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
WHERE p.jobStatus IN $seeking
  AND NOT EXISTS { (p)-[:HAS_PSEUDONYM]->(:Pseudonym {active: true}) }
CREATE (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym)
SET ps = row.pseudonym
RETURN count(ps) AS created
"""

RETIRE_ACTIVE = """
MATCH (:Person {id: $personId})-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
SET ps.active = false
REMOVE ps.activeKey, ps.activeOwner
RETURN ps.id AS id
"""

# Pseudonyms left active by a status change made outside ``sync`` (bulk edits, imports).
RETIRE_STALE = """
MATCH (p:Person)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
WHERE NOT coalesce(p.jobStatus, 'not_looking') IN $seeking
SET ps.active = false
REMOVE ps.activeKey, ps.activeOwner
RETURN count(ps) AS retired
"""

# Active pseudonyms with the level their member has now (after a nightly run).
MATCH_ACTIVE_LEVELS = """
MATCH (p:Person)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
WHERE p.influenceLevel IS NOT NULL
RETURN p.id AS personId, ps.id AS pseudonymId, ps.rank AS rank, p.influenceLevel AS level
"""

# A new character of the new rank; the id stays, so links and conversations keep working.
RENAME_TO_RANK = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})-[:HAS_PSEUDONYM]->
      (ps:Pseudonym {id: row.pseudonymId, active: true})
SET ps.hanzi = row.hanzi, ps.pinyin = row.pinyin, ps.novel = row.novel,
    ps.author = row.author, ps.generation = row.generation, ps.rank = row.rank,
    ps.activeKey = row.activeKey
RETURN collect(p.id) AS renamed
"""

UPDATE_SETTINGS = """
MATCH (:Person {id: $personId})-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
SET ps.headline = $headline, ps.seniority = $seniority, ps.industry = $industry,
    ps.region = $region, ps.memberReach = $memberReach
RETURN ps.id AS id
"""

MATCH_IDENTITY = """
MATCH (p:Person {id: $personId})
RETURN p.name AS name, p.email AS email,
       COLLECT { MATCH (p)-[:WORKS_AT]->(c:Company) RETURN DISTINCT c.name } +
       COLLECT { MATCH (p)-[:STUDIED_AT]->(s:School) RETURN DISTINCT s.name } AS places
"""

SET_HIDDEN_FAMILIES = """
MATCH (:Person {id: $personId})-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
SET ps.hiddenFamilies = $hidden
RETURN ps.id AS id
"""

MATCH_MINE = """
MATCH (p:Person {id: $personId})
OPTIONAL MATCH (run:InfluenceRun {key: 'latest'})
RETURN p.jobStatus AS jobStatus, p.influenceLevel AS level, run.degreeCutoffs AS cutoffs,
       COUNT { (p)-[:FRIENDS_WITH]-(:Person) } AS degree,
       head(COLLECT { MATCH (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
                      RETURN ps {.id, .hanzi, .pinyin, .generation, .rank, .novel, .author,
                                 .headline, .seniority, .industry, .region, .memberReach,
                                 .visibleFrom,
                                 hiddenFamilies: coalesce(ps.hiddenFamilies, [])} }) AS pseudonym,
       COLLECT { MATCH (p)-[:HAS_SKILL]->(s:Skill) RETURN s.name ORDER BY s.key } AS skills,
       COLLECT { MATCH (p)<-[:OF]-(rv:Reveal)-[:TO]->(to:Person)
                 RETURN rv {.at, .conversationId, .jobTitle, .companyName, .pseudonymName,
                            toId: to.id, toName: to.name}
                 ORDER BY rv.at DESC } AS reveals,
       """ + scope_of("p") + """ AS ownScope,
       COLLECT { MATCH (p)-[:HAS_PSEUDONYM]->(:Pseudonym {active: true})
                       <-[:CANDIDATE]-(:Conversation)-[:COUNTERPART]->(o:Person)
                 WITH DISTINCT o
                 WITH o, """ + scope_of("o") + """ AS scope
                 OPTIONAL MATCH (sc:Company {id: substring(scope, 2)})
                 WHERE scope STARTS WITH 'c:'
                 RETURN DISTINCT {scope: scope, company: sc.name,
                                  member: CASE WHEN sc IS NULL THEN o.name END}
               } AS counterpartScopes
"""


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def effective_level(level: int | None, degree: int, cutoffs: list[int] | None) -> int:
    """The batch level, or a provisional one for a member the last run did not see."""
    return level if level is not None else provisional_level(degree, cutoffs)


def pseudonym_properties(person_id: str, level: int, taken: set[str], settings: dict,
                         visible_from: str) -> dict:
    """The properties of a new active pseudonym with a free name of ``level``'s rank."""
    character, generation = names.choose(level, taken)
    return {"id": names.new_public_id(), "hanzi": character.hanzi,
            "pinyin": character.pinyin, "novel": character.novel, "author": character.author,
            "generation": generation, "rank": character.rank,
            "activeKey": names.active_key(character.hanzi, generation),
            "activeOwner": person_id, "active": True, "visibleFrom": visible_from,
            "headline": settings["headline"], "seniority": settings["seniority"],
            "industry": settings["industry"], "region": settings["region"],
            "memberReach": settings["memberReach"]}


def _visible_from(had_pseudonym: bool) -> str:
    now = datetime.now(timezone.utc)
    if not had_pseudonym:
        return _iso(now)
    span = LISTING_DELAY_MAX_S - LISTING_DELAY_MIN_S
    return _iso(now + timedelta(seconds=LISTING_DELAY_MIN_S + secrets.randbelow(span)))


def _lock(tx, person_id):
    record = tx.run(LOCK_MEMBER, personId=person_id).single()
    if record is None:
        raise NotFound("No such member.")
    return record.data()


def _create(tx, person_id, facts, settings):
    level = effective_level(facts["level"], facts["degree"], facts["cutoffs"])
    taken = set(tx.run(MATCH_ACTIVE_KEYS).single()["keys"])
    props = pseudonym_properties(person_id, level, taken, settings,
                                 _visible_from(facts["hadPseudonym"]))
    tx.run(CREATE_PSEUDONYM, personId=person_id, pseudonym=props).consume()
    return props


def _sync(tx, person_id):
    facts = _lock(tx, person_id)
    seeking = facts["jobStatus"] in SEEKING
    if seeking and not facts["active"]:
        return "created", _create(tx, person_id, facts, default_settings(facts))
    if not seeking and facts["active"]:
        tx.run(RETIRE_ACTIVE, personId=person_id).consume()
        return "retired", None
    return "unchanged", facts["active"]


def _rotate(tx, person_id):
    facts = _lock(tx, person_id)
    if facts["jobStatus"] not in SEEKING or not facts["active"]:
        raise Invalid("Only a member who is looking or open to offers has a pseudonym to "
                      "rotate.")
    tx.run(RETIRE_ACTIVE, personId=person_id).consume()
    # The coarse settings carry over; the headline does not, since repeating it word for
    # word would tie the new name to the old one.
    settings = {**facts["active"], "headline": ""}
    return _create(tx, person_id, facts, settings)


def _unassigned(tx, params):
    rows = [record.data() for record in tx.run(MATCH_UNASSIGNED, params)]
    return rows, set(tx.run(MATCH_ACTIVE_KEYS).single()["keys"])


def _retrying_collisions(batch, failure: str) -> int:
    """Run a batch that picks free pseudonym names, again when a live writer took one of
    them first (the ``activeKey`` constraint refuses the write)."""
    for attempt in range(ATTEMPTS):
        try:
            return batch()
        except ConstraintError:
            logger.info("pseudonym batch collided with a live writer, attempt %d", attempt + 1)
    raise Duplicate("%(failure)s; run the command again.", failure=failure)


def _active_levels(tx):
    rows = [record.data() for record in tx.run(MATCH_ACTIVE_LEVELS)]
    return rows, set(tx.run(MATCH_ACTIVE_KEYS).single()["keys"])


def _rename_batch(tx, rows):
    renamed = set(tx.run(RENAME_TO_RANK, rows=rows).single()["renamed"])
    add_notices(tx, [notice_row(row["personId"], "candidate.rank",
                                # The Chinese sentence shows the rank's own (Chinese) name only.
                                msg("Your influence level changed: your pseudonym's rank is now "
                                    "%(rank)s (%(rank_english)s), and each company you talk to "
                                    "knows you by a new name of that rank.",
                                    rank=row["rankHanzi"], rank_english=row["rankEnglish"]), "")
                     for row in rows if row["personId"] in renamed], utc_now())
    return len(renamed)


def _create_batch(tx, rows, seeking):
    return tx.run(CREATE_PSEUDONYMS, rows=rows, seeking=seeking).single()["created"]


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _update_settings(tx, params):
    identity = tx.run(MATCH_IDENTITY, personId=params["personId"]).single()
    if identity is None:
        raise NotFound("No such member.")
    reason = identity_leak(params["headline"], identity["name"], identity["email"],
                           identity["places"])
    if reason:
        raise Invalid(reason)
    return _single(tx, UPDATE_SETTINGS, params)


def _check_choice(value, allowed, what):
    if value not in allowed:
        raise Invalid("Choose a %(what)s from the list.", what=what)


class CandidateRepository(ScopedRepository):
    """A member's pseudonym: created, retired, rotated and configured by its owner."""

    def _retrying(self, work, *args):
        # A concurrent writer may take the chosen name first; the constraint refuses the
        # second, and a new attempt picks again among the names still free.
        for attempt in range(ATTEMPTS):
            try:
                return self._write(work, *args)
            except ConstraintError:
                logger.info("pseudonym name taken concurrently, attempt %d", attempt + 1)
        raise Duplicate("No pseudonym could be reserved just now. Please try again.")

    def sync(self, person_id: str) -> tuple[str, dict | None]:
        """Bring the member's pseudonym in line with their job status: create one for a
        seeker without one, retire it for a member not looking. Returns the outcome
        ("created", "retired" or "unchanged") and the active pseudonym's properties."""
        return self._retrying(_sync, person_id)

    def rotate(self, person_id: str) -> dict:
        """Retire the active pseudonym and create a new one (new name, new id)."""
        return self._retrying(_rotate, person_id)

    def update_settings(self, person_id: str, headline: str, seniority: str, industry: str,
                        region: str, member_reach: int) -> None:
        """Change what the pseudonymous profile shows and who may see it; ``Invalid`` if
        the headline names the member, their e-mail, an employer or a school."""
        _check_choice(seniority, fields.SENIORITY, "seniority band")
        _check_choice(industry, fields.INDUSTRIES, "industry")
        _check_choice(region, fields.REGIONS, "region")
        _check_choice(member_reach, fields.MEMBER_REACH, "visibility")
        row = self._write(_update_settings,
                          {"personId": person_id, "headline": headline.strip(),
                           "seniority": seniority, "industry": industry, "region": region,
                           "memberReach": member_reach})
        if row is None:
            raise NotFound("You have no active pseudonym.")

    def mine(self, person_id: str) -> dict:
        """The member's candidate page: status, level, active pseudonym with their skills
        (``profileId``: the id of their own profile link), the name it goes by with each
        company or member it talks to, and every reveal of their identity (newest
        first)."""
        row = self._read(_single, MATCH_MINE, {"personId": person_id})
        if row is None:
            raise NotFound("No such member.")
        row["level"] = effective_level(row["level"], row["degree"], row["cutoffs"])
        # Each company knows the pseudonym by a name of its own (graph.candidates.visibility);
        # the member's own profile link uses the id of their own scope.
        pseudonym, own_scope = row["pseudonym"], row.pop("ownScope")
        row["namesByCounterpart"] = names_by_counterpart(self.scopes, pseudonym,
                                                         row.pop("counterpartScopes"))
        if pseudonym:
            pseudonym["profileId"] = self.scopes.public_id(own_scope, pseudonym["id"])
        # What others see (the generalised families, less the hidden ones) and the families
        # the member could hide.
        hidden = (row["pseudonym"] or {}).get("hiddenFamilies", [])
        row["families"] = families_of(row["skills"], hidden)
        row["familyChoices"] = [(key, family_label(key)) for key in
                                dict.fromkeys(family_of(s) for s in row["skills"])]
        return row

    def hide_families(self, person_id: str, family_keys: list[str]) -> None:
        """Hide these skill families from the pseudonymous profile (all others shown)."""
        unknown = [key for key in family_keys if key not in FAMILIES]
        if unknown:
            raise Invalid("Choose among your own skill families.")
        row = self._write(_single, SET_HIDDEN_FAMILIES,
                          {"personId": person_id, "hidden": sorted(set(family_keys))})
        if row is None:
            raise NotFound("You have no active pseudonym.")

    def assign_missing(self) -> int:
        """Give every seeker without an active pseudonym one (batch, e.g. after loading
        data or an influence run). Returns how many were created."""
        return _retrying_collisions(self._assign_missing_once,
                                    "Pseudonyms could not be assigned")

    def follow_levels(self) -> int:
        """Bring every active pseudonym's rank in line with its member's influence level
        (after a nightly run): a pseudonym whose rank no longer matches gets a character
        of the new rank, keeping its id, and its member is told. Returns how many changed."""
        return _retrying_collisions(self._follow_levels_once,
                                    "Pseudonym ranks could not be updated")

    def _follow_levels_once(self) -> int:
        rows, taken = self._read(_active_levels)
        planned = []
        for row in rows:
            rank = names.rank(row["level"])
            if row["rank"] == rank.level:
                continue
            character, generation = names.choose(rank.level, taken)
            key = names.active_key(character.hanzi, generation)
            taken.add(key)
            planned.append({"personId": row["personId"], "pseudonymId": row["pseudonymId"],
                            "hanzi": character.hanzi, "pinyin": character.pinyin,
                            "novel": character.novel, "author": character.author,
                            "generation": generation, "rank": character.rank,
                            "activeKey": key, "rankHanzi": rank.hanzi,
                            "rankEnglish": rank.english})
        changed = 0
        for start in range(0, len(planned), BATCH):
            changed += self._write(_rename_batch, planned[start:start + BATCH])
        return changed

    def retire_stale(self) -> int:
        """Retire the active pseudonyms of members who are no longer looking or open
        (a status changed without ``sync``). Returns how many were retired."""
        row = self._write(_single, RETIRE_STALE, {"seeking": list(SEEKING)})
        return row["retired"]

    def _assign_missing_once(self) -> int:
        rows, taken = self._read(_unassigned, {"seeking": list(SEEKING)})
        planned = []
        for facts in rows:
            level = effective_level(facts["level"], facts["degree"], facts["cutoffs"])
            props = pseudonym_properties(facts["personId"], level, taken,
                                         default_settings(facts),
                                         _visible_from(facts["hadPseudonym"]))
            taken.add(props["activeKey"])
            planned.append({"personId": facts["personId"], "pseudonym": props})
        created = 0
        for start in range(0, len(planned), BATCH):
            created += self._write(_create_batch, planned[start:start + BATCH], list(SEEKING))
        logger.info("pseudonyms assigned: %d", created)
        return created
