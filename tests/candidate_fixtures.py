"""Direct-Cypher fixtures for the candidate tests: members, friendships, positions, and
companies, verified recruiters and jobs in the data model of DEVELOPERS.md.

The company and job pages are built on another branch, so these tests write
that part of the graph straight to the database, exactly as those pages would.
"""
from __future__ import annotations

import uuid

import pytest

from config import TestConfig
from graph.candidates.pseudonyms import CandidateRepository
from graph.candidates.visibility import MATCH_VIEWER_SCOPE, PseudonymScopes, key_from_settings
from graph.keys import name_key, normalised_key, pair_key


# The test app's key of scoped pseudonym ids (graph.candidates.visibility).
TEST_SCOPE_KEY = key_from_settings(vars(TestConfig()))


def _app_scope(app, viewer_id: str) -> tuple[PseudonymScopes, str]:
    handle = app.extensions["graph"]
    records, _, _ = handle.driver.execute_query(
        MATCH_VIEWER_SCOPE, viewerId=viewer_id, database_=handle.database)
    return PseudonymScopes(key_from_settings(app.config)), records[0]["scope"]


def scoped_for(app, viewer_id: str, pseudonym_id: str) -> str:
    """The id under which ``viewer_id`` sees, in ``app``, the pseudonym with system id
    ``pseudonym_id``: what their pages would link."""
    scopes, scope = _app_scope(app, viewer_id)
    return scopes.public_id(scope, pseudonym_id)


def system_for(app, viewer_id: str, public_id: str) -> str | None:
    """The system id behind an id ``viewer_id``'s pages showed (None if not theirs)."""
    scopes, scope = _app_scope(app, viewer_id)
    return scopes.pseudonym_id(scope, public_id)


def seen_id(client, pseudonym_id: str) -> str:
    """``scoped_for`` the member logged in on ``client`` (from ``members.signup``)."""
    return scoped_for(client.client.application, client.member_id, pseudonym_id)


def _id() -> str:
    return uuid.uuid4().hex


class World:
    """Builds a small graph for one test with plain Cypher."""

    def __init__(self, driver, database):
        self.driver = driver
        self.database = database

    def run(self, query: str, **params):
        records, _, _ = self.driver.execute_query(query, params, database_=self.database)
        return [record.data() for record in records]

    def person(self, name: str, status: str = "not_looking", email: str | None = None) -> str:
        """A member without a password (for tests that do not log in)."""
        person_id = _id()
        self.run("CREATE (:Person {id: $id, name: $name, nameLower: $lower, email: $email, "
                 "headline: 'Real headline of ' + $name, jobStatus: $status, "
                 "createdAt: '2026-01-01T00:00:00+00:00'})",
                 id=person_id, name=name, lower=name.casefold(), status=status,
                 email=email or f"{person_id}@example.com")
        return person_id

    def befriend(self, a: str, b: str) -> None:
        self.run("MATCH (a:Person {id: $a}), (b:Person {id: $b}) "
                 "CREATE (a)-[:FRIENDS_WITH {pairKey: $key, since: '2026-01-01'}]->(b)",
                 a=a, b=b, key=pair_key(a, b))

    def chain(self, *ids: str) -> None:
        """Befriend each member with the next one."""
        for a, b in zip(ids, ids[1:]):
            self.befriend(a, b)

    def company(self, name: str, industry: str = "Software", city: str = "Shanghai") -> str:
        company_id = _id()
        self.run("CREATE (c:Company {id: $id, key: $key, name: $name, industry: $industry, "
                 "city: $city, createdAt: '2026-01-01'}) "
                 "MERGE (k:TieKey {key: $tieKey}) MERGE (c)-[:TIED_BY]->(k)",
                 id=company_id, key=normalised_key(name), name=name, industry=industry,
                 city=city, tieKey=name_key(name))
        return company_id

    def verify_company(self, company_id: str, domain: str | None = None) -> str:
        """Prove a domain for the company (as the work e-mail flow would); returns it."""
        domain = domain or f"c{company_id[:12]}.example"
        self.run("MATCH (c:Company {id: $c}) "
                 "MERGE (d:CompanyDomain {name: $domain}) "
                 "ON CREATE SET d.provenAt = '2026-01-01T00:00:00+00:00' "
                 "MERGE (c)-[:HAS_DOMAIN]->(d) "
                 "SET c.verified = true, c.domain = coalesce(c.domain, $domain) "
                 "MERGE (k:TieKey {key: 'd:' + $domain}) MERGE (c)-[:TIED_BY]->(k)",
                 c=company_id, domain=domain)
        return domain

    def confirm_work_email(self, person_id: str, domain: str, valid: bool = True) -> None:
        """A confirmed work e-mail at ``domain``, in force (or lapsed when not ``valid``)."""
        self.run("MATCH (p:Person {id: $p}) SET p.workEmail = p.id + '@' + $domain, "
                 "p.workEmailDomain = $domain, p.workEmailRequestedAt = '2026-01-01', "
                 "p.workEmailConfirmedAt = '2026-01-01T00:00:00+00:00', "
                 "p.workEmailValidUntil = CASE WHEN $valid "
                 "THEN datetime().epochSeconds + 86400 * 365 ELSE 0 END",
                 p=person_id, domain=domain, valid=valid)

    def employ(self, person_id: str, company_id: str, title: str = "Engineer",
               start: str = "2018-03", current: bool = True) -> None:
        self.run("MATCH (p:Person {id: $p}), (c:Company {id: $c}) "
                 "CREATE (p)-[:WORKS_AT {id: $id, title: $title, start: $start, "
                 "end: CASE WHEN $current THEN null ELSE '2024-01' END, current: $current}]->(c)",
                 p=person_id, c=company_id, id=_id(), title=title, start=start,
                 current=current)

    def recruiter(self, person_id: str, company_id: str, status: str = "verified") -> None:
        """A recruiter request; a verified one is made active as the trust rules require
        (a verified company, the member's confirmed work e-mail on its domain)."""
        if status == "verified":
            domain = self.run("MATCH (c:Company {id: $c}) RETURN c.domain AS d",
                              c=company_id)[0]["d"] or self.verify_company(company_id)
            self.confirm_work_email(person_id, domain)
        self.run("MATCH (p:Person {id: $p}), (c:Company {id: $c}) "
                 "CREATE (p)-[:RECRUITS_FOR {status: $status, requestedAt: '2026-01-01', "
                 "decidedAt: '2026-01-02'}]->(c)", p=person_id, c=company_id, status=status)

    def admin(self, person_id: str, company_id: str) -> None:
        self.run("MATCH (p:Person {id: $p}), (c:Company {id: $c}) CREATE (p)-[:ADMIN_OF]->(c)",
                 p=person_id, c=company_id)

    def job(self, recruiter_id: str, company_id: str, title: str = "Backend Engineer",
            status: str = "open") -> str:
        job_id = _id()
        self.run("MATCH (r:Person {id: $r}), (c:Company {id: $c}) "
                 "CREATE (r)-[:POSTED]->(j:Job {id: $id, title: $title, description: 'd', "
                 "city: c.city, remote: false, seniority: 'senior', status: $status, "
                 "createdAt: '2026-01-01', updatedAt: '2026-01-01'})-[:AT]->(c) "
                 "SET r:JobPoster",
                 r=recruiter_id, c=company_id, id=job_id, title=title, status=status)
        return job_id

    def skills(self, person_id: str, *names: str) -> None:
        self.run("MATCH (p:Person {id: $p}) UNWIND $names AS name "
                 "MERGE (s:Skill {key: toLower(name)}) ON CREATE SET s.name = name "
                 "MERGE (p)-[:HAS_SKILL]->(s)", p=person_id, names=list(names))

    def school(self, person_id: str, name: str) -> None:
        self.run("MATCH (p:Person {id: $p}) MERGE (s:School {key: toLower($name)}) "
                 "ON CREATE SET s.name = $name "
                 "CREATE (p)-[:STUDIED_AT {id: $id, degree: 'BSc', startYear: 2010, "
                 "endYear: 2014}]->(s)", p=person_id, name=name, id=_id())

    def status(self, person_id: str, status: str) -> None:
        """Set the job status directly and sync the pseudonym as the profile page does."""
        self.run("MATCH (p:Person {id: $p}) SET p.jobStatus = $status", p=person_id,
                 status=status)
        CandidateRepository(self.driver, self.database).sync(person_id)

    def candidate(self, name: str, status: str = "looking") -> tuple[str, str]:
        """A seeker with a pseudonym: returns (member id, pseudonym id)."""
        person_id = self.person(name)
        self.status(person_id, status)
        return person_id, self.pseudonym_of(person_id)

    def scoped_pseudonym(self, viewer_id: str, person_id: str) -> str | None:
        """The id under which ``viewer_id`` sees ``person_id``'s active pseudonym (its
        scope's id, made with the test app's key), as the viewer's pages show it."""
        pseudonym_id = self.pseudonym_of(person_id)
        return pseudonym_id and self.scoped_id(viewer_id, pseudonym_id)

    def scoped_id(self, viewer_id: str, pseudonym_id: str,
                  scopes: PseudonymScopes | None = None) -> str:
        """The id under which ``viewer_id`` sees the pseudonym with system id
        ``pseudonym_id`` (with ``scopes``' key; by default the test app's)."""
        scope = self.run(MATCH_VIEWER_SCOPE, viewerId=viewer_id)[0]["scope"]
        return (scopes or PseudonymScopes(TEST_SCOPE_KEY)).public_id(scope, pseudonym_id)

    def system_id(self, viewer_id: str, public_id: str,
                  scopes: PseudonymScopes | None = None) -> str | None:
        """The system id behind an id ``viewer_id`` was shown (None if not theirs)."""
        scope = self.run(MATCH_VIEWER_SCOPE, viewerId=viewer_id)[0]["scope"]
        return (scopes or PseudonymScopes(TEST_SCOPE_KEY)).pseudonym_id(scope, public_id)

    def pseudonym_of(self, person_id: str) -> str | None:
        """The system id of the member's active pseudonym (never shown to others)."""
        rows = self.run("MATCH (:Person {id: $p})-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true}) "
                        "RETURN ps.id AS id", p=person_id)
        return rows[0]["id"] if rows else None


@pytest.fixture
def world(clean_db, database):
    """A ``World`` on a freshly wiped database."""
    return World(clean_db, database)
