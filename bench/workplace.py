"""Companies, schools, positions, skills, recruiters and jobs for a generated network.

Everything is numpy arrays of indexes (members, companies, skills...), turned into Neo4j
rows by ``bench.loader`` batch by batch. Friendship circles tie into workplaces: a circle
has a home company and a home school, and many of its members work or studied there, so
"N of your connections work here" has real answers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import vocab

MEMBERS_PER_COMPANY = 100
MEMBERS_PER_SCHOOL = 500
MEMBERS_PER_OPEN_JOB = 10
CLOSED_JOB_SHARE = 0.1     # closed jobs on top of the open ones
EMPLOYED_SHARE = 0.9       # members with a current position
HOME_COMPANY_SHARE = 0.5   # employed members who work at their circle's company
PAST_POSITIONS_MEAN = 1.2
RECRUITERS_PER_EMPLOYEES = 60
PENDING_RECRUITER_SHARE = 0.1
SKILLS_PER_MEMBER = (3, 8)


@dataclass
class Workplace:
    """Index arrays describing who works where, knows what, and which jobs are open."""

    company_names: list[str]
    company_industry: np.ndarray     # (C,) index into vocab.INDUSTRIES
    company_city: np.ndarray         # (C,) index into vocab.CITIES
    school_names: list[str]
    skill_names: list[str]
    member_field: np.ndarray         # (n,) index into the FIELDS list
    position_person: np.ndarray      # (P,) current positions first, then past ones
    position_company: np.ndarray
    position_current: np.ndarray     # bool
    position_start: np.ndarray       # months since 2000-01
    position_end: np.ndarray         # months since 2000-01, -1 for current
    study_person: np.ndarray
    study_school: np.ndarray
    study_end_year: np.ndarray
    skill_person: np.ndarray
    skill_skill: np.ndarray
    admin_person: np.ndarray         # one admin per company with employees
    admin_company: np.ndarray
    recruiter_person: np.ndarray
    recruiter_company: np.ndarray
    recruiter_verified: np.ndarray   # bool
    job_company: np.ndarray
    job_poster: np.ndarray           # a verified recruiter of job_company
    job_open: np.ndarray             # bool
    job_skills: list[np.ndarray]     # skill indexes each job requires


def _unique_names(rng, count: int, parts: list[list[str]]) -> list[str]:
    """``count`` distinct names joined from one word of each part; numbered past the
    combinations available."""
    combos = int(np.prod([len(p) for p in parts]))
    picks = rng.permutation(combos)[:count]
    names = []
    for pick in picks:
        words = []
        for part in parts:
            pick, index = divmod(int(pick), len(part))
            words.append(part[index])
        names.append(" ".join(words))
    for extra in range(len(names), count):
        names.append(f"{names[extra % combos]} {extra // combos + 1}")
    return names


def _company_names(rng, count: int) -> list[str]:
    names = _unique_names(rng, count, [vocab.COMPANY_FIRST, vocab.COMPANY_SECOND])
    suffixes = rng.integers(0, len(vocab.COMPANY_SUFFIX), count)
    # A suffix only where it keeps names unique: "Jade Cloud" and "Jade Cloud Group" both ok.
    return [name + vocab.COMPANY_SUFFIX[s] if name.count(" ") == 1 else name
            for name, s in zip(names, suffixes)]


def _school_names(rng, count: int) -> list[str]:
    return _unique_names(rng, count, [vocab.SCHOOL_PLACES, vocab.SCHOOL_KINDS])


def _skills(rng, n: int, fields: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
    """A skill vocabulary (each field's skills, then the extra ones) and each member's
    3 to 7 skills: mostly from their field, popular ones more often."""
    field_lists = [skills for _, skills in vocab.FIELDS.values()]
    names = list(dict.fromkeys([s for lst in field_lists for s in lst] + vocab.EXTRA_SKILLS))
    index = {name: i for i, name in enumerate(names)}
    pools = [np.array([index[s] for s in lst]) for lst in field_lists]
    counts = rng.integers(*SKILLS_PER_MEMBER, n)
    person = np.repeat(np.arange(n, dtype=np.int32), counts)
    own_field = rng.random(len(person)) < 0.75
    popularity = 1.0 / np.arange(1, len(names) + 1) ** 0.9
    skill = rng.choice(len(names), size=len(person), p=popularity / popularity.sum())
    member_field = fields[person]
    for f, pool in enumerate(pools):
        rows = np.flatnonzero(own_field & (member_field == f))
        skill[rows] = pool[rng.integers(0, len(pool), len(rows))]
    # One HAS_SKILL per (member, skill): drop repeats.
    keys = np.unique(person.astype(np.int64) * len(names) + skill)
    return names, (keys // len(names)).astype(np.int32), (keys % len(names)).astype(np.int32)


def _positions(rng, n: int, circle: np.ndarray, company_weight: np.ndarray):
    """Current positions (most members; half at their circle's home company) and 0-3
    past ones, with start and end months."""
    companies = len(company_weight)
    p = company_weight / company_weight.sum()
    home = rng.choice(companies, size=int(circle.max()) + 1, p=p)
    employed = np.flatnonzero(rng.random(n) < EMPLOYED_SHARE).astype(np.int32)
    at_home = rng.random(len(employed)) < HOME_COMPANY_SHARE
    current_company = np.where(at_home, home[circle[employed]],
                               rng.choice(companies, size=len(employed), p=p))
    career_start = rng.integers(0, 300, n)                     # 2000-01 .. 2024-12
    current_start = np.minimum(career_start[employed] + rng.integers(0, 60, len(employed)), 310)
    past_counts = np.minimum(rng.poisson(PAST_POSITIONS_MEAN, n), 3)
    past_person = np.repeat(np.arange(n, dtype=np.int32), past_counts)
    past_company = rng.choice(companies, size=len(past_person), p=p)
    past_start = np.maximum(career_start[past_person] - rng.integers(12, 120, len(past_person)), 0)
    past_end = past_start + rng.integers(6, 60, len(past_person))
    return (np.concatenate((employed, past_person)),
            np.concatenate((current_company, past_company)).astype(np.int32),
            np.concatenate((np.ones(len(employed), bool), np.zeros(len(past_person), bool))),
            np.concatenate((current_start, past_start)).astype(np.int32),
            np.concatenate((np.full(len(employed), -1), past_end)).astype(np.int32))


def _recruiters(rng, employed: np.ndarray, employer: np.ndarray, companies: int):
    """Per company with employees: one admin and about one recruiter per 60 employees,
    chosen among its current employees; 10% of recruiters still await verification."""
    order = np.lexsort((rng.random(len(employed)), employer))
    by_company, people = employer[order], employed[order]
    starts = np.searchsorted(by_company, np.arange(companies), side="left")
    sizes = np.searchsorted(by_company, np.arange(companies), side="right") - starts
    staffed = np.flatnonzero(sizes > 0)
    admins = people[starts[staffed]]
    wanted = np.minimum(np.maximum(1, sizes[staffed] // RECRUITERS_PER_EMPLOYEES), sizes[staffed])
    rec_company = np.repeat(staffed, wanted)
    offsets = np.arange(len(rec_company)) - np.repeat(np.cumsum(wanted) - wanted, wanted)
    # Shuffled employees: the admin (first) may recruit too, as in small companies.
    rec_person = people[starts[rec_company] + offsets]
    verified = rng.random(len(rec_person)) >= PENDING_RECRUITER_SHARE
    verified[np.cumsum(wanted) - wanted] = True  # every staffed company can post
    return admins, staffed.astype(np.int32), rec_person, rec_company.astype(np.int32), verified


def _jobs(rng, n, company_weight, rec_person, rec_company, verified, skill_count):
    """Open jobs (one per ten members) and some closed ones, at companies in proportion to
    their size, each posted by one of the company's verified recruiters."""
    poster_person, poster_company = rec_person[verified], rec_company[verified]
    hiring = np.unique(poster_company)
    weight = company_weight[hiring] / company_weight[hiring].sum()
    open_count = max(1, n // MEMBERS_PER_OPEN_JOB)
    count = open_count + int(open_count * CLOSED_JOB_SHARE)
    job_company = rng.choice(hiring, size=count, p=weight)
    order = np.argsort(poster_company, kind="stable")
    sorted_company = poster_company[order]
    first = np.searchsorted(sorted_company, job_company, side="left")
    last = np.searchsorted(sorted_company, job_company, side="right")
    pick = first + (rng.random(count) * (last - first)).astype(np.int64)
    job_poster = poster_person[order][pick]
    job_open = np.arange(count) < open_count
    shuffle = rng.permutation(count)
    skills = [rng.choice(skill_count, size=k, replace=False)
              for k in rng.integers(2, 5, count)]
    return job_company[shuffle].astype(np.int32), job_poster[shuffle], job_open[shuffle], \
        [skills[i] for i in shuffle]


def generate_workplace(rng: np.random.Generator, n: int, circle: np.ndarray) -> Workplace:
    """Companies (one per 100 members, sizes Zipf-like), schools, positions, skills,
    admins, recruiters and jobs for ``n`` members whose circles are ``circle``."""
    companies = max(1, n // MEMBERS_PER_COMPANY)
    company_weight = 1.0 / np.arange(1, companies + 1) ** 1.0
    company_weight = company_weight[rng.permutation(companies)]
    fields = rng.integers(0, len(vocab.FIELDS), n)
    skill_names, skill_person, skill_skill = _skills(rng, n, fields)
    person, company, current, start, end = _positions(rng, n, circle, company_weight)
    admins, admin_company, rec_person, rec_company, verified = _recruiters(
        rng, person[current], company[current], companies)
    job_company, job_poster, job_open, job_skills = _jobs(
        rng, n, company_weight, rec_person, rec_company, verified, len(skill_names))
    schools = max(1, n // MEMBERS_PER_SCHOOL)
    home_school = rng.integers(0, schools, int(circle.max()) + 1)
    studied = np.flatnonzero(rng.random(n) < 0.85).astype(np.int32)
    school = np.where(rng.random(len(studied)) < 0.4, home_school[circle[studied]],
                      rng.integers(0, schools, len(studied)))
    return Workplace(
        company_names=_company_names(rng, companies),
        company_industry=rng.integers(0, len(vocab.INDUSTRIES), companies),
        company_city=rng.integers(0, len(vocab.CITIES), companies),
        school_names=_school_names(rng, schools), skill_names=skill_names,
        member_field=fields, position_person=person, position_company=company,
        position_current=current, position_start=start, position_end=end,
        study_person=studied, study_school=school.astype(np.int32),
        study_end_year=rng.integers(1995, 2026, len(studied)),
        skill_person=skill_person, skill_skill=skill_skill,
        admin_person=admins, admin_company=admin_company,
        recruiter_person=rec_person, recruiter_company=rec_company,
        recruiter_verified=verified, job_company=job_company, job_poster=job_poster,
        job_open=job_open, job_skills=job_skills)
