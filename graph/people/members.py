"""Members: accounts, profiles, skills, positions and education."""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from neo4j.exceptions import ConstraintError

from graph.i18n import N_
from graph.base import Repository, utc_now
from graph.cities import canonical_city
from graph.errors import Duplicate, NotFound
from graph.index.changelog import (PERSON, change, log_changes, log_employers, log_schools,
                                   log_skills)
from graph.keys import display_name, name_key, normalised_key
from graph.people.name_keys import name_keys

logger = logging.getLogger(__name__)

JOB_STATUSES = ("not_looking", "open", "looking")
JOB_STATUS_LABELS = {
    "looking": N_("Actively looking"),
    "open": N_("Open to offers"),
    "not_looking": N_("Not looking"),
}


@dataclass(frozen=True)
class Account:
    """What the login layer needs to know about a member."""

    id: str
    name: str
    email: str
    email_verified: bool = False  # until then: no match key, no recruiter or outside referral
    locale: str | None = None  # the interface language the member chose (LOCALES), if any


CREATE_PERSON = """
CREATE (p:Person {id: $id, name: $name, nameLower: $nameLower, namePinyin: $namePinyin,
                  nameInitials: $nameInitials, email: $email,
                  passwordHash: $passwordHash, headline: '', jobStatus: 'not_looking',
                  createdAt: $now})
RETURN p.id AS id, p.name AS name, p.email AS email
"""

MATCH_LOGIN = """
MATCH (p:Person {email: $email})
RETURN p.id AS id, p.passwordHash AS passwordHash, p.name AS name, p.email AS email,
       p.deletionDueAt AS deletionDueAt
"""

MATCH_ACCOUNT = """
MATCH (p:Person {id: $id})
RETURN p.id AS id, p.name AS name, p.email AS email,
       p.emailVerifiedAt IS NOT NULL AS email_verified, p.locale AS locale
"""

SET_LOCALE = """
MATCH (p:Person {id: $id}) SET p.locale = $locale
RETURN p.id AS id
"""

# The interface languages a member can choose (recruit/i18n, docs/i18n.md).
LOCALES = ("zh_CN", "en")

SET_PASSWORD_HASH = """
MATCH (p:Person {id: $id}) SET p.passwordHash = $passwordHash
"""

# The job status is private: returned to its owner only, enforced here and not left to
# the template (docs/trust.md).
MATCH_PROFILE = """
MATCH (p:Person {id: $id})
RETURN p {.id, .name, .headline, .city, .createdAt, .photoId,
          jobStatus: CASE WHEN p.id = $viewerId THEN p.jobStatus END} AS person,
       COLLECT { MATCH (p)-[:HAS_SKILL]->(s:Skill) RETURN s.name ORDER BY s.key } AS skills,
       COLLECT { MATCH (p)-[r:WORKS_AT]->(c:Company)
                 RETURN {id: r.id, title: r.title, start: r.start, end: r.end,
                         current: r.current, company: c.name, companyId: c.id}
                 ORDER BY r.current DESC, r.start DESC } AS positions,
       COLLECT { MATCH (p)-[r:STUDIED_AT]->(s:School)
                 RETURN {id: r.id, degree: r.degree, startYear: r.startYear,
                         endYear: r.endYear, school: s.name}
                 ORDER BY r.startYear DESC } AS education
"""

UPDATE_BASICS = """
MATCH (p:Person {id: $id})
SET p.headline = $headline, p.jobStatus = $jobStatus
// The city only when given (the API's basics leave it as it is).
FOREACH (_ IN CASE WHEN $city IS NULL THEN [] ELSE [1] END |
  SET p.city = $city, p.cityKey = $cityKey)
RETURN p.id AS id
"""

REPLACE_SKILLS = """
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[old:HAS_SKILL]->(:Skill)
DELETE old
WITH DISTINCT p
UNWIND $skills AS skill
MERGE (s:Skill {key: skill.key}) ON CREATE SET s.name = skill.name
MERGE (p)-[:HAS_SKILL]->(s)
"""

ADD_POSITION = """
MATCH (p:Person {id: $personId})
MERGE (c:Company {key: $companyKey})
  ON CREATE SET c.id = $newCompanyId, c.name = $companyName, c.createdAt = $now
// The company's folded-name tie key (graph.companies.ties), so every spelling of an
// employer hides its people alike.
FOREACH (key IN CASE WHEN $tieKey IS NULL THEN [] ELSE [$tieKey] END |
  MERGE (k:TieKey {key: key}) MERGE (c)-[:TIED_BY]->(k))
CREATE (p)-[r:WORKS_AT {id: $id, title: $title, start: $start, end: $end,
                        current: $current}]->(c)
RETURN r.id AS id
"""

# Ending the last current position at a company lapses the member's recruiter status
# there (docs/trust.md): recruiter rights last only while the tie does.
DELETE_POSITION = """
MATCH (p:Person {id: $personId})-[r:WORKS_AT {id: $id}]->(c:Company)
WITH p, c, r, r.current AS wasCurrent
DELETE r
WITH p, c, wasCurrent
CALL (p, c, wasCurrent) {
  MATCH (p)-[rf:RECRUITS_FOR {status: 'verified'}]->(c)
  WHERE wasCurrent AND NOT EXISTS { (p)-[:WORKS_AT {current: true}]->(c) }
  SET rf.status = 'lapsed', rf.decidedAt = $now, rf.lapseReason = 'position-ended'
}
RETURN count(*) AS deleted
"""

ADD_EDUCATION = """
MATCH (p:Person {id: $personId})
MERGE (s:School {key: $schoolKey}) ON CREATE SET s.name = $schoolName
CREATE (p)-[r:STUDIED_AT {id: $id, degree: $degree, startYear: $startYear,
                          endYear: $endYear}]->(s)
RETURN r.id AS id
"""

DELETE_EDUCATION = """
MATCH (:Person {id: $personId})-[r:STUDIED_AT {id: $id}]->(:School)
DELETE r
RETURN count(*) AS deleted
"""


def new_id() -> str:
    """A random public id (uuid4, 122 random bits); database ids never leave graph/."""
    return uuid.uuid4().hex


def _create_person(tx, params):
    row = tx.run(CREATE_PERSON, params).single().data()
    log_changes(tx, [change(PERSON, row["id"], name=row["name"])])
    return row


def _single_or_none(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _run_returning_id(tx, query, params):
    record = tx.run(query, params).single()
    return record["id"] if record else None


def _position_changed(tx, query, params):
    """Run a position write; when it changed something, log the member's current
    employers for the network index in the same transaction."""
    record = tx.run(query, params).single()
    value = record[0] if record else None
    if value:
        log_employers(tx, params["personId"])
    return value


def _education_changed(tx, query, params):
    """Run an education write; when it changed something, log the member's schools for
    the network index (people you may know) in the same transaction."""
    record = tx.run(query, params).single()
    value = record[0] if record else None
    if value:
        log_schools(tx, params["personId"])
    return value


def _replace_skills(tx, params):
    tx.run(REPLACE_SKILLS, params).consume()
    log_skills(tx, params["id"])  # the network index's who-fits sees them


class PersonRepository(Repository):
    """Reads and writes members and their profile facts."""

    def create(self, name: str, email: str, password_hash: str) -> Account:
        """Create a member; raises ``Duplicate`` if the e-mail is taken."""
        name = display_name(name)
        params = {"id": new_id(), "name": name, **name_keys(name),
                  "email": email.strip().lower(), "passwordHash": password_hash,
                  "now": utc_now()}
        try:
            row = self._write(_create_person, params)
        except ConstraintError as exc:
            raise Duplicate("An account with that e-mail address already exists.") from exc
        return Account(**row)

    def login_record(self, email: str) -> dict | None:
        """The id, password hash, name, e-mail and pending deletion for an e-mail, or None."""
        return self._read(_single_or_none, MATCH_LOGIN, {"email": email.strip().lower()})

    def set_password_hash(self, person_id: str, password_hash: str) -> None:
        """Replace a member's hash (used to upgrade hashing parameters on login)."""
        self._write(_run_returning_id, SET_PASSWORD_HASH + " RETURN p.id AS id",
                    {"id": person_id, "passwordHash": password_hash})

    def account(self, person_id: str) -> Account | None:
        """The account for a session's user id, or None if it no longer exists."""
        row = self._read(_single_or_none, MATCH_ACCOUNT, {"id": person_id})
        return Account(**row) if row else None

    def profile(self, person_id: str, viewer_id: str | None = None) -> dict:
        """A member's whole profile as ``viewer_id`` may see it (the private job status
        only when the viewer is the member); raises ``NotFound``."""
        row = self._read(_single_or_none, MATCH_PROFILE, {"id": person_id,
                                                          "viewerId": viewer_id})
        if row is None:
            raise NotFound("No such member.")
        return row

    def update_basics(self, person_id: str, headline: str, job_status: str,
                      city: str | None = None) -> None:
        """Set the headline, job status and, unless ``city`` is None, the city (stored
        under its canonical key, ``graph.cities``; empty clears it)."""
        if job_status not in JOB_STATUSES:
            raise ValueError(f"unknown job status {job_status!r}")
        city_name, city_key = canonical_city(city) if city is not None else (None, None)
        found = self._write(_run_returning_id, UPDATE_BASICS,
                            {"id": person_id, "headline": headline.strip(),
                             "jobStatus": job_status, "city": city_name,
                             "cityKey": city_key})
        if found is None:
            raise NotFound("No such member.")

    def set_locale(self, person_id: str, locale: str) -> None:
        """Store the member's interface language (one of ``LOCALES``)."""
        if locale not in LOCALES:
            raise ValueError(f"unknown locale {locale!r}")
        if self._write(_run_returning_id, SET_LOCALE, {"id": person_id, "locale": locale}) is None:
            raise NotFound("No such member.")

    def set_skills(self, person_id: str, skills: list[str]) -> None:
        """Replace the member's skills; labels are shared nodes keyed case-insensitively."""
        unique = {}
        for raw in skills:
            name = display_name(raw)
            if name:
                unique.setdefault(normalised_key(name), name)
        rows = [{"key": key, "name": name} for key, name in unique.items()]
        self._write(_replace_skills, {"id": person_id, "skills": rows})

    def add_position(self, person_id: str, company: str, title: str, start: str,
                     end: str | None) -> str:
        """Add a position; ``end`` None means current. Returns the position id."""
        params = {"personId": person_id, "companyKey": normalised_key(company),
                  "companyName": display_name(company), "newCompanyId": new_id(),
                  "id": new_id(), "title": display_name(title), "start": start,
                  "end": end, "current": end is None, "now": utc_now(),
                  "tieKey": name_key(company)}
        position_id = self._write(_position_changed, ADD_POSITION, params)
        if position_id is None:
            raise NotFound("No such member.")
        return position_id

    def remove_position(self, person_id: str, position_id: str) -> None:
        """Delete one of the member's own positions; ``NotFound`` for anyone else's."""
        if not self._write(_position_changed, DELETE_POSITION,
                           {"personId": person_id, "id": position_id, "now": utc_now()}):
            raise NotFound("No such position on your profile.")

    def add_education(self, person_id: str, school: str, degree: str,
                      start_year: int, end_year: int | None) -> str:
        """Add a school; returns the education entry's id."""
        params = {"personId": person_id, "schoolKey": normalised_key(school),
                  "schoolName": display_name(school), "id": new_id(),
                  "degree": display_name(degree), "startYear": start_year,
                  "endYear": end_year}
        entry_id = self._write(_education_changed, ADD_EDUCATION, params)
        if entry_id is None:
            raise NotFound("No such member.")
        return entry_id

    def remove_education(self, person_id: str, entry_id: str) -> None:
        """Delete one of the member's own education entries."""
        if not self._write(_education_changed, DELETE_EDUCATION,
                           {"personId": person_id, "id": entry_id}):
            raise NotFound("No such education entry on your profile.")
