"""Cypher for loading a generated data set, and the row builders that feed it.

Rows are built lazily, one batch at a time, so a million members never sit in memory as
Python dicts. Rows are short lists (not dicts) to keep the Bolt messages small. The
properties follow DEVELOPERS.md's data model exactly, so the app's queries run unchanged.
"""
from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator

from graph.keys import normalised_key

from . import vocab
from .dataset import Dataset

CREATE_COMPANIES = """
UNWIND $rows AS row
CREATE (:Company {id: row[0], key: row[1], name: row[2], industry: row[3], city: row[4],
                  createdAt: '2020-01-01T00:00:00+00:00'})
"""

# Labels cannot be parameters: one pre-written query per label.
CREATE_NAMED = {
    "School": "UNWIND $rows AS row CREATE (:School {key: row[0], name: row[1]})",
    "Skill": "UNWIND $rows AS row CREATE (:Skill {key: row[0], name: row[1]})",
}

CREATE_PEOPLE = """
UNWIND $rows AS row
CREATE (:Person {id: row[0], name: row[1], nameLower: row[2], email: row[3],
                 passwordHash: $passwordHash, headline: row[4], jobStatus: row[5],
                 createdAt: row[6]})
"""

# The pair key is graph.keys.pair_key: the two ids in order, joined by '|'.
CREATE_FRIENDSHIPS = """
UNWIND $rows AS row
MATCH (a:Person {id: row[0]})
MATCH (b:Person {id: row[1]})
CREATE (a)-[:FRIENDS_WITH {pairKey: CASE WHEN row[0] < row[1] THEN row[0] + '|' + row[1]
                                         ELSE row[1] + '|' + row[0] END,
                           since: row[2]}]->(b)
"""

CREATE_POSITIONS = """
UNWIND $rows AS row
MATCH (p:Person {id: row[0]})
MATCH (c:Company {id: row[1]})
CREATE (p)-[:WORKS_AT {id: row[2], title: row[3], start: row[4], end: row[5],
                       current: row[6]}]->(c)
"""

CREATE_EDUCATION = """
UNWIND $rows AS row
MATCH (p:Person {id: row[0]})
MATCH (s:School {key: row[1]})
CREATE (p)-[:STUDIED_AT {id: row[2], degree: row[3], startYear: row[4] - 4,
                         endYear: row[4]}]->(s)
"""

CREATE_HAS_SKILL = """
UNWIND $rows AS row
MATCH (p:Person {id: row[0]})
MATCH (s:Skill {key: row[1]})
CREATE (p)-[:HAS_SKILL]->(s)
"""

# Admins, then recruiters: row[2] is 'admin' or the RECRUITS_FOR status.
CREATE_COMPANY_ROLES = """
UNWIND $rows AS row
MATCH (p:Person {id: row[0]})
MATCH (c:Company {id: row[1]})
CALL (p, c, row) {
  WITH * WHERE row[2] = 'admin'
  CREATE (p)-[:ADMIN_OF]->(c)
}
CALL (p, c, row) {
  WITH * WHERE row[2] <> 'admin'
  CREATE (p)-[:RECRUITS_FOR {status: row[2], requestedAt: '2025-01-10T09:00:00+00:00',
                             decidedAt: CASE row[2] WHEN 'verified'
                                        THEN '2025-01-12T09:00:00+00:00' END}]->(c)
}
"""

CREATE_JOBS = """
UNWIND $rows AS row
MATCH (r:Person {id: row.posterId})
MATCH (c:Company {id: row.companyId})
CREATE (r)-[:POSTED]->(j:Job {id: row.id, title: row.title, titleKey: row.titleKey,
                              description: row.description, city: row.city,
                              cityKey: row.cityKey, remote: row.remote, salaryMin: row.salaryMin,
                              salaryMax: row.salaryMax, currency: 'CNY',
                              seniority: row.seniority, status: row.status,
                              createdAt: row.createdAt, updatedAt: row.createdAt,
                              createdEpoch: datetime(row.createdAt).epochSeconds})-[:AT]->(c)
SET r:JobPoster
WITH j, row
UNWIND row.skills AS skillKey
MATCH (s:Skill {key: skillKey})
CREATE (j)-[:REQUIRES]->(s)
"""

FIELD_TITLES = [titles for titles, _ in vocab.FIELDS.values()]
# Dates for friendships and sign-ups: one per day over ten years.
DAYS = [f"{2016 + d // 365}-{d % 365 // 31 + 1:02d}-{d % 31 % 28 + 1:02d}T09:00:00+00:00"
        for d in range(3650)]


def batched(source: Iterable, size: int) -> Iterator[list]:
    """Lists of at most ``size`` items from ``source``."""
    iterator = iter(source)
    while batch := list(islice(iterator, size)):
        yield batch


def month(months: int) -> str | None:
    """'YYYY-MM' for a count of months since 2000-01; None for -1 (a current position)."""
    return None if months < 0 else f"{2000 + months // 12:04d}-{months % 12 + 1:02d}"


def companies(data: Dataset) -> Iterator[list]:
    w = data.work
    for c, name in enumerate(w.company_names):
        yield [data.company_ids[c], normalised_key(name), name,
               vocab.INDUSTRIES[w.company_industry[c]], vocab.CITIES[w.company_city[c]]]


def named(names: list[str]) -> Iterator[list]:
    for name in names:
        yield [normalised_key(name), name]


def people(data: Dataset) -> Iterator[list]:
    statuses = [status for status, _ in vocab.JOB_STATUS_WEIGHTS]
    headlines = vocab.HEADLINES
    for i in range(data.n):
        name = data.names[i]
        yield [data.ids[i], name, name.casefold(), data.email(i),
               headlines[i * 7919 % len(headlines)], statuses[data.job_status[i]],
               DAYS[i * 104729 % len(DAYS)]]


def friendships(data: Dataset) -> Iterator[list]:
    ids = data.ids
    for k, (a, b) in enumerate(data.friends.edges.tolist()):
        yield [ids[a], ids[b], DAYS[k % len(DAYS)]]


def positions(data: Dataset) -> Iterator[list]:
    w = data.work
    for k, (p, c, current, start, end) in enumerate(zip(
            w.position_person.tolist(), w.position_company.tolist(),
            w.position_current.tolist(), w.position_start.tolist(), w.position_end.tolist())):
        titles = FIELD_TITLES[w.member_field[p]]
        yield [data.ids[p], data.company_ids[c], data.position_ids[k],
               titles[k % len(titles)], month(start), month(end), current]


def education(data: Dataset) -> Iterator[list]:
    w = data.work
    keys = [normalised_key(name) for name in w.school_names]
    for k, (p, s, year) in enumerate(zip(w.study_person.tolist(), w.study_school.tolist(),
                                          w.study_end_year.tolist())):
        yield [data.ids[p], keys[s], data.study_ids[k], vocab.DEGREES[k % len(vocab.DEGREES)],
               year]


def member_skills(data: Dataset) -> Iterator[list]:
    keys = [normalised_key(name) for name in data.work.skill_names]
    for p, s in zip(data.work.skill_person.tolist(), data.work.skill_skill.tolist()):
        yield [data.ids[p], keys[s]]


def company_roles(data: Dataset) -> Iterator[list]:
    w = data.work
    for p, c in zip(w.admin_person.tolist(), w.admin_company.tolist()):
        yield [data.ids[p], data.company_ids[c], "admin"]
    for p, c, ok in zip(w.recruiter_person.tolist(), w.recruiter_company.tolist(),
                        w.recruiter_verified.tolist()):
        yield [data.ids[p], data.company_ids[c], "verified" if ok else "pending"]


def jobs(data: Dataset) -> Iterator[dict]:
    w = data.work
    keys = [normalised_key(name) for name in w.skill_names]
    for k in range(len(w.job_company)):
        c, titles = int(w.job_company[k]), FIELD_TITLES[k % len(FIELD_TITLES)]
        low = 15_000 + (k * 7 % 40) * 1_000
        title = titles[k % len(titles)]
        city = vocab.CITIES[w.company_city[c]]
        # Keys and the work-mode word as graph.jobs.postings stores them: the feed and search
        # filters match on them.
        yield {"id": data.job_ids[k], "posterId": data.ids[int(w.job_poster[k])],
               "companyId": data.company_ids[c], "title": title,
               "titleKey": normalised_key(title),
               "description": f"{title} at {w.company_names[c]}.",
               "city": city, "cityKey": normalised_key(city),
               "remote": "remote" if k % 5 == 0 else "onsite",
               "salaryMin": low, "salaryMax": low + 10_000,
               "seniority": vocab.SENIORITIES[k % len(vocab.SENIORITIES)],
               "status": "open" if w.job_open[k] else "closed",
               "createdAt": DAYS[-1 - k % 365], "skills": [keys[s] for s in w.job_skills[k]]}
