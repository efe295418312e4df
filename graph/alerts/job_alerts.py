"""Job seekers' "jobs in your network" alerts.

When a job is posted (a background task after the post), every member within two degrees
of its recruiter or of a current employee of its company is alerted once
(``graph.alerts.sent``), unless they switched job alerts off (``Person.jobAlerts``,
``graph.notices.preferences``). Nobody at the company, nor its recruiters, is alerted
(jobs at one's own employer belong to referrals). Members on ``daily`` also get the
alert in the daily e-mail digest.

A member's saved job filters (``graph.alerts.job_filters``) are checked in the same query,
for the same two-degree audience only: a job matching one is announced as such (in the
app and in the digest) even when the member switched the plain "every new job" alerts
off. Either way one alert per member and job (the key is the same), never two.
"""
from __future__ import annotations

from graph.alerts.job_filters import SAVED_FILTER_MATCHES_JOB, describe
from graph.alerts.sent import record_alerts
from graph.base import Repository, utc_now
from graph.i18n import Message, msg, nested

MATCH_JOB_AUDIENCE = """
MATCH (j:Job {id: $jobId, status: 'open'})-[:AT]->(c:Company)
MATCH (poster:Person)-[:POSTED]->(j)
CALL (poster, c) {
  MATCH (anchor:Person) WHERE anchor = poster
  RETURN anchor
  UNION
  MATCH (anchor:Person)-[:WORKS_AT {current: true}]->(c)
  RETURN anchor
}
CALL (anchor) {
  MATCH (anchor)-[:FRIENDS_WITH]-(m:Person) RETURN m
  UNION
  MATCH (anchor)-[:FRIENDS_WITH]-(:Person)-[:FRIENDS_WITH]-(m:Person) RETURN m
}
WITH DISTINCT j, c, poster, m
WHERE m <> poster AND NOT m:FormerMember
  AND NOT EXISTS { (m)-[:WORKS_AT {current: true}]->(c) }
  AND NOT EXISTS { (m)-[:RECRUITS_FOR|ADMIN_OF]->(c) }
WITH j, c, m, coalesce(m.jobAlerts, 'app') AS frequency,
     COLLECT { MATCH (m)-[:SAVED_FILTER]->(f:SavedJobFilter)
               WHERE """ + SAVED_FILTER_MATCHES_JOB + """
               RETURN f {.city, .remote, .skills, .minSalary, .currency}
               ORDER BY f.createdAt, f.id } AS filters
WHERE frequency <> 'off' OR size(filters) > 0
RETURN j.id AS jobId, j.title AS title, c.name AS company, m.id AS personId,
       frequency = 'daily' OR size(filters) > 0 AS digest, head(filters) AS filter
ORDER BY personId
"""


def _text(row: dict) -> Message:
    if row["filter"]:
        return msg("New job in your network matching your saved filter “%(filter_message)s”: %(title)s "
                   "at %(company)s.", filter_message=nested(describe(row["filter"])), title=row["title"],
                   company=row["company"])
    return msg("New job in your network: %(title)s at %(company)s.", title=row["title"],
               company=row["company"])


def _fire(tx, job_id: str, now: str) -> list[dict]:
    rows = [{"personId": r["personId"], "key": f"job|{r['personId']}|{r['jobId']}",
             "kind": "alert.job", "text": _text(r), "link": f"/jobs/{r['jobId']}",
             "digest": r["digest"]}
            for r in tx.run(MATCH_JOB_AUDIENCE, jobId=job_id)]
    return record_alerts(tx, rows, now)


class JobAlertRepository(Repository):
    """Alerting a job's network."""

    def fire(self, job_id: str, now: str | None = None) -> int:
        """Alert every member in the job's network not alerted for it yet; how many."""
        return len(self._write(_fire, job_id, now or utc_now()))
