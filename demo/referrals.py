"""Referral demo on top of the demo network: run after ``load_demo``, through the real
repositories so every rule (ownership, points once, notices) holds in the demo too.

The first demo login is the employee. At their company a verified recruiter is found (or
made) and, if the company has fewer than two open jobs, jobs are posted whose skills are
the ones their friends have. Then the story: the employee's best-fitting friend is left
for the visitor to refer live; the next ones were referred earlier and now stand at
"hired", "interviewing" and "waiting for the candidate"; a few colleagues' referrals fill
the leaderboard. Times are spread over the past weeks, ending at ``now``.
"""
from __future__ import annotations

import logging
from collections import Counter

from neo4j import Driver

from demo.fields import FIELDS
from graph.companies.pages import member_company_key
from graph.jobs.postings import JobFields, JobRepository
from graph.referrals.fit import WhoFitsRepository
from graph.referrals.pipeline import ReferralPipelineRepository
from graph.referrals.stages import PROGRESSION, iso_after
from graph.referrals.submissions import ReferralRepository

logger = logging.getLogger(__name__)

# Days before ``now`` of: the referral, the confirmation, then each pipeline move.
STORIES = {
    "hired": (70, 68, [(60, "reviewing"), (50, "interviewing"), (40, "offer"), (35, "hired")]),
    "interviewing": (10, 9, [(6, "reviewing"), (0, "interviewing")]),
    "awaiting": (1, None, []),
    "offer": (30, 29, [(20, "reviewing"), (12, "interviewing"), (0.5, "offer")]),
    "reviewing": (8, 7, [(0.2, "reviewing")]),
    "not_selected": (40, 39, [(30, "reviewing"), (25, "not_selected")]),
}
COLLEAGUE_STORIES = ("offer", "reviewing", "not_selected")
TITLES = {"engineering": "Backend Engineer", "data": "Data Scientist",
          "product": "Product Manager", "business": "Account Executive"}

MATCH_HOME = """
MATCH (me:Person {id: $me})-[:WORKS_AT {current: true}]->(c:Company)
WITH me, c ORDER BY c.name LIMIT 1
RETURN c {.id, .name, .city} AS company,
       COLLECT { MATCH (r:Person)-[:RECRUITS_FOR {status: 'verified'}]->(c) WHERE r <> me
                 RETURN r {.id, .name, .email} ORDER BY r.name, r.id } AS recruiters,
       COLLECT { MATCH (e:Person)-[:WORKS_AT {current: true}]->(c) WHERE e <> me
                 RETURN DISTINCT e {.id, .name, .email} ORDER BY e.name, e.id } AS colleagues,
       COLLECT { MATCH (me)-[:FRIENDS_WITH]-(f:Person)-[:HAS_SKILL]->(s:Skill)
                 WHERE NOT EXISTS { (f)-[:WORKS_AT {current: true}]->(c) }
                 RETURN s.name } AS friendSkills,
       COUNT { (:Job {status: 'open'})-[:AT]->(c) } AS openJobs
"""

MAKE_RECRUITER = """
MATCH (p:Person {id: $personId}), (c:Company {id: $companyId})
MERGE (p)-[r:RECRUITS_FOR {key: $key}]->(c)
SET r.status = 'verified', r.requestedAt = coalesce(r.requestedAt, $now), r.decidedAt = $now,
    r.autoReason = 'demo'
// A demo recruiter confirms a work e-mail on the company's proven domain (docs/trust.md).
WITH p, c
CALL (p, c) {
  MATCH (c)-[:HAS_DOMAIN]->(d:CompanyDomain) WHERE c.verified = true
  WITH p, d LIMIT 1
  SET p.workEmail = split(p.email, '@')[0] + '@' + d.name, p.workEmailDomain = d.name,
      p.workEmailConfirmedAt = $now,
      p.workEmailValidUntil = datetime($now).epochSeconds + 86400 * 365
}
WITH p, c
WHERE NOT EXISTS { (:Person)-[:ADMIN_OF]->(c) }
MERGE (p)-[a:ADMIN_OF {key: $key}]->(c) ON CREATE SET a.since = $now
"""

MATCH_EMAIL = "MATCH (p:Person {id: $id}) RETURN p {.id, .name, .email} AS person"

# Friends who could be referred at all (not working there), for when skills run out.
MATCH_OTHER_FRIENDS = """
MATCH (me:Person {id: $me})-[:WORKS_AT {current: true}]->(c:Company)
MATCH (me)-[:FRIENDS_WITH]-(f:Person)
WHERE NOT EXISTS { (f)-[:WORKS_AT {current: true}]->(c) }
RETURN DISTINCT f.id AS id ORDER BY id
"""


def _query(driver: Driver, database: str, query: str, **params) -> list[dict]:
    records, _, _ = driver.execute_query(query, params, database_=database)
    return [record.data() for record in records]


def _recruiter(driver, database, home: dict, now: str) -> dict:
    """A verified recruiter of the home company other than the employee (made if none)."""
    if home["recruiters"]:
        return home["recruiters"][0]
    person = home["colleagues"][0]
    _query(driver, database, MAKE_RECRUITER, personId=person["id"],
           companyId=home["company"]["id"], now=now,
           key=member_company_key(person["id"], home["company"]["id"]))
    return person


def _post_jobs(driver, database, home: dict, recruiter_id: str) -> None:
    """Post jobs until the company has two open ones, asking for the skills the
    employee's friends have (so "who fits" has answers)."""
    common = [name for name, _ in Counter(home["friendSkills"]).most_common(6)] or ["Python"]
    field = next((f for f, (_, pool) in FIELDS.items() if common[0] in pool), "engineering")
    jobs = JobRepository(driver, database)
    for index in range(2 - min(home["openJobs"], 2)):
        skills = common[index:index + 3] or common[:3]
        jobs.create(recruiter_id, home["company"]["id"], JobFields(
            title=TITLES[field] if index == 0 else f"Senior {TITLES[field]}",
            description="A demo opening: referrals from our employees welcome.",
            city=home["company"]["city"] or "Shanghai", remote="hybrid",
            salary_min=300_000, salary_max=450_000, currency="CNY",
            seniority="mid" if index == 0 else "senior", skills=skills))


def _play(referrals, pipeline, story: str, referrer: str, candidate: str, job_id: str,
          recruiter: str, now: str) -> str:
    """Refer, confirm and move one referral along ``STORIES[story]``; returns its id."""
    made, confirmed, moves = STORIES[story]
    result = referrals.refer_member(referrer, job_id, candidate,
                                    "We worked together; strong and reliable.",
                                    now=iso_after(now, -made))
    referral_id = result["referral"]["id"]
    if confirmed is not None:
        referrals.answer(candidate, referral_id, True, now=iso_after(now, -confirmed))
    for days, stage in moves:
        pipeline.move(recruiter, referral_id, stage, "" if stage in PROGRESSION[:3]
                      else "Demo: moved by the recruiter.", now=iso_after(now, -days))
    return referral_id


def _first_fit(fits: list[dict], taken: set[str]) -> tuple[str, str] | None:
    """(job id, friend id) of the best fit not referred yet in the demo."""
    for row in fits:
        for fit in row["fits"]:
            if fit["person"]["id"] not in taken and not fit["myReferral"]:
                return row["job"]["id"], fit["person"]["id"]
    return None


def _colleague_stories(referrals, pipeline, who_fits, home: dict, recruiter_id: str,
                       taken: set[str], now: str) -> int:
    """A few colleagues refer their best-fitting friend too, so the leaderboard has a
    field; returns how many referrals were played."""
    stories = list(COLLEAGUE_STORIES)
    for colleague in [c for c in home["colleagues"] if c["id"] != recruiter_id][:12]:
        pick = _first_fit(who_fits.who_fits(colleague["id"], shown=3), taken) if stories else None
        if pick is not None:
            taken.add(pick[1])
            _play(referrals, pipeline, stories.pop(0), colleague["id"], pick[1], pick[0],
                  recruiter_id, now)
    return len(COLLEAGUE_STORIES) - len(stories)


def load_referral_demo(driver: Driver, database: str, employee_id: str, now: str,
                       points: dict[str, int] | None = None) -> dict:
    """Write the referral story for ``employee_id`` (the first demo login). Returns what
    the CLI prints: company, employee, recruiter, the friend to refer live and counts."""
    rows = _query(driver, database, MATCH_HOME, me=employee_id)
    if not rows or not (rows[0]["recruiters"] or rows[0]["colleagues"]):
        return {}
    home = rows[0]
    recruiter = _recruiter(driver, database, home, now)
    _post_jobs(driver, database, home, recruiter["id"])
    referrals = ReferralRepository(driver, database, daily_limit=1000)
    pipeline = ReferralPipelineRepository(driver, database, points)
    who_fits = WhoFitsRepository(driver, database)
    fits = [row for row in who_fits.who_fits(employee_id, shown=6) if row["fits"]]
    live = fits[0]["fits"][0] if fits else None
    taken = {live["person"]["id"]} if live else set()
    played = 0
    others = [r["id"] for r in _query(driver, database, MATCH_OTHER_FRIENDS, me=employee_id)]
    for story in ("hired", "interviewing", "awaiting"):
        pick = _first_fit(fits, taken)
        if pick is None:  # fewer fitting friends than stories: any other friend will do
            spare = [f for f in others if f not in taken]
            if not spare or not fits:
                break
            pick = (fits[0]["job"]["id"], spare[0])
        taken.add(pick[1])
        _play(referrals, pipeline, story, employee_id, pick[1], pick[0], recruiter["id"], now)
        played += 1
    played += _colleague_stories(referrals, pipeline, who_fits, home, recruiter["id"], taken, now)
    employee = _query(driver, database, MATCH_EMAIL, id=employee_id)[0]["person"]
    friend = (_query(driver, database, MATCH_EMAIL, id=live["person"]["id"])[0]["person"]
              if live else None)
    logger.info("referral demo: %d referrals at %s", played, home["company"]["name"])
    return {"company": home["company"], "employee": employee, "recruiter": recruiter,
            "friend": friend, "job": fits[0]["job"] if fits else None, "referrals": played}
