"""Alerts demo: a recruiter's saved candidate search and job seekers' saved job filters,
then job alerts fired for the newest open jobs, so the demo logins find alerts waiting.
Written through the real repositories (the ``Graph`` handle of the app); the saved
search's matches are announced by the app's own alert work afterwards
(``recruit/alerts/demo.py``)."""
from __future__ import annotations

import logging

from graph.errors import Duplicate, Invalid
from graph.jobs.feed import JobFilters

logger = logging.getLogger(__name__)

MATCH_RECRUITER_AND_SKILLS = """
MATCH (:Person {id: $employeeId})-[:WORKS_AT {current: true}]->(c:Company)
WITH c ORDER BY c.name LIMIT 1
MATCH (r:Person)-[:RECRUITS_FOR {status: 'verified'}]->(c)
WITH c, r ORDER BY r.name, r.id LIMIT 1
RETURN r.id AS recruiterId,
       COLLECT { MATCH (j:Job {status: 'open'})-[:AT]->(c), (j)-[:REQUIRES]->(s:Skill)
                 RETURN DISTINCT s.name AS name ORDER BY name LIMIT 2 } AS skills
"""

def load_alert_demo(g, employee_id: str, seeker_ids: list[str]) -> dict:
    """Save a search for the employee's company's recruiter and, for each seeker, a job
    filter on the city of the best job in their feed; set the first seeker to the daily
    digest; then fire the job alerts of those jobs, as a new post would. Returns what was
    made."""
    made = {"searches": 0, "filters": 0, "alerts": 0}
    records, _, _ = g.driver.execute_query(MATCH_RECRUITER_AND_SKILLS, employeeId=employee_id,
                                           database_=g.database)
    if records and records[0]["skills"]:
        g.saved_searches.save(records[0]["recruiterId"], records[0]["skills"][:1], None, None)
        made["searches"] += 1
    fired = []
    for number, seeker_id in enumerate(seeker_ids):
        rows, _ = g.job_feed.feed(seeker_id, JobFilters(), 0, 1)
        if not rows or not rows[0]["job"]["city"]:
            continue
        fired.append(rows[0]["job"]["id"])
        try:
            g.saved_job_filters.save(seeker_id, JobFilters(city=rows[0]["job"]["city"]))
            made["filters"] += 1
        except (Duplicate, Invalid):
            logger.info("demo job filter not saved (a rerun)")
        if number == 0:
            g.notice_preferences.save(seeker_id, [], "daily")
    for job_id in dict.fromkeys(fired):
        made["alerts"] += g.job_alerts.fire(job_id)
    return made
