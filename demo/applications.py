"""Application demo on top of the referral demo: a few members apply for the demo
company's open jobs (as themselves and under a pseudonym) and the recruiter has moved
some of them, so the pipeline board shows applications next to referrals. Written
through the real repositories, after pseudonyms exist (``flask load-demo`` runs it after
the influence levels). Given ``attach`` (the CLI passes ``recruit.hiring.files.store_resume``),
each application carries a small generated résumé PDF (``demo.resumes``), stored and read
like an upload.
"""
from __future__ import annotations

import logging

from collections.abc import Callable

from neo4j import Driver

from demo.resumes import demo_resume

from graph.hiring.applications import ApplicationRepository
from graph.hiring.board import PipelineBoardRepository
from graph.referrals.stages import iso_after

logger = logging.getLogger(__name__)

# (days before now of the application, how it is made, the moves: (days before now, stage)).
STORIES = [
    (12, "self", [(9, "reviewing"), (3, "interviewing")]),
    (6, "pseudonym", [(2, "reviewing")]),
    (4, "self", []),
    (1, "pseudonym", []),
]

MATCH_SCENE = """
MATCH (me:Person {id: $employeeId})-[:WORKS_AT {current: true}]->(c:Company)
WITH c ORDER BY c.name LIMIT 1
MATCH (r:Person)-[:RECRUITS_FOR {status: 'verified'}]->(c)
WITH c, r ORDER BY r.name, r.id LIMIT 1
RETURN c.id AS companyId, r.id AS recruiterId,
       COLLECT { MATCH (j:Job {status: 'open'})-[:AT]->(c) RETURN j.id ORDER BY j.createdAt, j.id }
         AS jobs,
       COLLECT { MATCH (p:Person)
                 WHERE NOT EXISTS { (p)-[:WORKS_AT {current: true}]->(c) }
                   AND NOT EXISTS { (p)-[:RECRUITS_FOR|ADMIN_OF]->(c) }
                   AND NOT EXISTS { (p)<-[:CANDIDATE]-(:Referral)-[:FOR_JOB]->(:Job)-[:AT]->(c) }
                   AND NOT EXISTS { (p)-[:BLOCKS]->(c) }
                 RETURN {id: p.id, login: split(p.email, '@')[0], headline: p.headline,
                         skills: COLLECT { MATCH (p)-[:HAS_SKILL]->(s:Skill) RETURN s.name ORDER BY s.key },
                         pseudonym: EXISTS { (p)-[:HAS_PSEUDONYM]->(:Pseudonym {active: true}) }}
                 ORDER BY p.name, p.id } AS people
"""


def load_application_demo(driver: Driver, database: str, employee_id: str, now: str,
                          attach: Callable[[bytes], dict] | None = None) -> int:
    """Play ``STORIES`` at the employee's company; returns how many applications were made.
    ``attach(pdf)`` stores a résumé and returns it for ``apply`` (none without it)."""
    records, _, _ = driver.execute_query(MATCH_SCENE, employeeId=employee_id, database_=database)
    if not records or not records[0]["jobs"]:
        return 0
    scene = records[0].data()
    applications = ApplicationRepository(driver, database)
    board = PipelineBoardRepository(driver, database)
    with_pseudonym = [p for p in scene["people"] if p["pseudonym"]]
    without = [p for p in scene["people"] if not p["pseudonym"]]
    made = 0
    for number, (days, mode, moves) in enumerate(STORIES):
        pool = with_pseudonym if mode == "pseudonym" else without or with_pseudonym
        if not pool:
            continue
        person = pool.pop(0)
        job_id = scene["jobs"][number % len(scene["jobs"])]
        resume = attach(demo_resume(person["login"], person["headline"] or "",
                                    person["skills"])) if attach else None
        result = applications.apply(person["id"], job_id, mode,
                                    "I'd love to talk about this role.", resume=resume,
                                    now=iso_after(now, -days))
        made += 1
        for move_days, stage in moves:
            board.move(scene["recruiterId"], job_id, result["application"]["id"], stage,
                       now=iso_after(now, -move_days))
    return made
