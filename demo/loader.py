"""Loads the demo network (``demo.network``) into Neo4j in ``UNWIND`` batches."""
from __future__ import annotations

import logging

from neo4j import Driver

from demo.network import DemoData
from demo.trust import load_trust
from graph.keys import pair_key

logger = logging.getLogger(__name__)

BATCH = 2000

COUNT_PEOPLE = "MATCH (p:Person) RETURN count(p) AS people"

MERGE_COMPANIES = """
UNWIND $rows AS row
MERGE (c:Company {key: row.key})
  ON CREATE SET c.id = row.id, c.name = row.name, c.domain = row.domain,
                c.industry = row.industry, c.city = row.city, c.createdAt = $now
"""

MERGE_SCHOOLS = """
UNWIND $rows AS row
MERGE (s:School {key: row.key}) ON CREATE SET s.name = row.name
"""

CREATE_PEOPLE = """
UNWIND $rows AS row
CREATE (p:Person {id: row.id, name: row.name, nameLower: row.nameLower,
                  namePinyin: row.namePinyin, nameInitials: row.nameInitials, email: row.email,
                  passwordHash: $passwordHash, headline: row.headline,
                  jobStatus: row.jobStatus, createdAt: row.createdAt,
                  emailVerifiedAt: row.createdAt})
"""

MERGE_SKILLS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MERGE (s:Skill {key: row.key}) ON CREATE SET s.name = row.name
MERGE (p)-[:HAS_SKILL]->(s)
"""

CREATE_POSITIONS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId}), (c:Company {key: row.companyKey})
CREATE (p)-[:WORKS_AT {id: row.id, title: row.title, start: row.start, end: row.end,
                       current: row.current}]->(c)
"""

CREATE_EDUCATION = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId}), (s:School {key: row.schoolKey})
CREATE (p)-[:STUDIED_AT {id: row.id, degree: row.degree, startYear: row.startYear,
                         endYear: row.endYear}]->(s)
"""

CREATE_FRIENDSHIPS = """
UNWIND $rows AS row
MATCH (a:Person {id: row.a}), (b:Person {id: row.b})
CREATE (a)-[:FRIENDS_WITH {pairKey: row.pairKey, since: $now}]->(b)
"""

SET_COMPANY_DESCRIPTIONS = """
UNWIND $rows AS row
MATCH (c:Company {key: row.key})
SET c.description = row.description
"""

CREATE_ADMINS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId}), (c:Company {key: row.companyKey})
CREATE (p)-[:ADMIN_OF {key: p.id + '|' + c.id, since: row.since}]->(c)
SET c.pageCreatedAt = coalesce(c.pageCreatedAt, row.since)
"""

CREATE_RECRUITERS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId}), (c:Company {key: row.companyKey})
CREATE (p)-[:RECRUITS_FOR {key: p.id + '|' + c.id, status: row.status,
                           requestedAt: row.requestedAt, decidedAt: row.decidedAt,
                           decidedBy: row.decidedBy}]->(c)
"""

CREATE_JOBS = """
UNWIND $rows AS row
MATCH (r:Person {id: row.recruiterId}), (c:Company {key: row.companyKey})
CREATE (r)-[:POSTED]->(j:Job {id: row.id, title: row.title, titleKey: row.titleKey,
                              description: row.description, city: row.city,
                              cityKey: row.cityKey, team: row.team, remote: row.remote,
                              salaryMin: row.salaryMin, salaryMax: row.salaryMax,
                              currency: row.currency, seniority: row.seniority,
                              status: row.status, createdAt: row.createdAt,
                              createdEpoch: datetime(row.createdAt).epochSeconds,
                              updatedAt: row.createdAt})-[:AT]->(c)
SET r:JobPoster
WITH j, row
UNWIND row.skills AS skill
MERGE (s:Skill {key: toLower(skill)}) ON CREATE SET s.name = skill
MERGE (j)-[:REQUIRES]->(s)
"""


def person_count(driver: Driver, database: str) -> int:
    """How many members the database holds."""
    records, _, _ = driver.execute_query(COUNT_PEOPLE, database_=database)
    return records[0]["people"]


def _batched(driver: Driver, database: str, query: str, rows: list, **params) -> None:
    for start in range(0, len(rows), BATCH):
        driver.execute_query(query, rows=rows[start:start + BATCH], database_=database, **params)


def load_demo(driver: Driver, database: str, data: DemoData, password_hash: str,
              now: str) -> dict:
    """Write ``data``; every demo member gets ``password_hash``. Returns counts."""
    _batched(driver, database, MERGE_COMPANIES, data.companies, now=now)
    _batched(driver, database, MERGE_SCHOOLS, data.schools)
    _batched(driver, database, CREATE_PEOPLE, data.people, passwordHash=password_hash)
    _batched(driver, database, MERGE_SKILLS, data.skills)
    _batched(driver, database, CREATE_POSITIONS, data.positions)
    _batched(driver, database, CREATE_EDUCATION, data.education)
    friendships = [{"a": a, "b": b, "pairKey": pair_key(a, b)} for a, b in data.friendships]
    _batched(driver, database, CREATE_FRIENDSHIPS, friendships, now=now)
    _batched(driver, database, SET_COMPANY_DESCRIPTIONS,
             [c for c in data.companies if c.get("description")])
    _batched(driver, database, CREATE_ADMINS, data.admins)
    _batched(driver, database, CREATE_RECRUITERS, data.recruiters)
    _batched(driver, database, CREATE_JOBS, data.jobs)
    load_trust(driver, database, data.companies, now)
    counts = {"members": len(data.people), "companies": len(data.companies),
              "friendships": len(friendships), "positions": len(data.positions)}
    counts["open jobs"] = sum(1 for job in data.jobs if job["status"] == "open")
    counts["verified recruiters"] = sum(1 for r in data.recruiters if r["status"] == "verified")
    logger.info("demo data loaded: %s", counts)
    return counts
