"""Job posts: created, edited, closed and reopened by the company's verified recruiters.

Every write matches ``(me)-[:RECRUITS_FOR {status: 'verified'}]->(company)`` in the same
statement that changes the job, so the authorisation cannot drift from the write. When
nothing matched, a second read in the same transaction says why (404 or 403).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from graph.i18n import N_
from graph.base import Repository, utc_now
from graph.cities import canonical_city
from graph.companies.recruiters import active_recruiter_where, is_active_recruiter
from graph.errors import Forbidden, Invalid, NotFound
from graph.idempotency import write_key
from graph.index.changelog import log_job
from graph.keys import display_name, normalised_key
from graph.people.members import new_id

logger = logging.getLogger(__name__)

REMOTE_OPTIONS = {"onsite": N_("On-site"), "hybrid": N_("Hybrid"), "remote": N_("Remote")}
SENIORITIES = {"intern": N_("Intern"), "junior": N_("Junior"), "mid": N_("Mid-level"),
               "senior": N_("Senior"), "lead": N_("Lead / Staff"), "executive": N_("Director / Executive")}
CURRENCIES = ("CNY", "USD", "EUR", "GBP", "HKD", "SGD", "JPY")
MAX_TITLE = 120
MAX_DESCRIPTION = 5000
MAX_CITY = 80
MAX_TEAM = 60
MAX_SALARY = 100_000_000
MAX_SKILLS = 20
MAX_SKILL_LENGTH = 50


@dataclass(frozen=True)
class JobFields:
    """What a recruiter writes; ``check`` enforces the same rules as the web form."""

    title: str
    description: str
    city: str
    remote: str
    salary_min: int
    salary_max: int
    currency: str
    seniority: str
    skills: list[str] = field(default_factory=list)
    team: str = ""  # optional: what tells two openings with one title apart

    def check(self) -> None:
        """Raise ``Invalid`` with the first problem found."""
        if not display_name(self.title) or len(self.title) > MAX_TITLE:
            raise Invalid("The title is required and at most %(max)s characters.", max=MAX_TITLE)
        if not self.description.strip() or len(self.description) > MAX_DESCRIPTION:
            raise Invalid("The description is required and at most %(max)s characters.", max=MAX_DESCRIPTION)
        if len(self.city) > MAX_CITY or (not display_name(self.city) and self.remote != "remote"):
            raise Invalid("The city is required (at most %(max)s characters) unless the job is "
                          "remote.", max=MAX_CITY)
        if len(self.team) > MAX_TEAM:
            raise Invalid("The team is at most %(max)s characters.", max=MAX_TEAM)
        if self.remote not in REMOTE_OPTIONS or self.seniority not in SENIORITIES \
                or self.currency not in CURRENCIES:
            raise Invalid("Choose the remote option, seniority and currency from the lists.")
        if not (0 <= self.salary_min <= self.salary_max <= MAX_SALARY):
            raise Invalid("The salary range must have 0 ≤ minimum ≤ maximum.")
        if not self.skills or len(self.skills) > MAX_SKILLS \
                or any(len(s) > MAX_SKILL_LENGTH for s in self.skills):
            raise Invalid("List 1 to %(max)s required skills of at most %(max2)s characters each.", max=MAX_SKILLS, max2=MAX_SKILL_LENGTH)

    def params(self) -> dict:
        """Query parameters; skills de-duplicated by their normalised key."""
        skills = {normalised_key(s): display_name(s) for s in self.skills if display_name(s)}
        # A city of the table is stored in its own spelling under its canonical key, so
        # "上海", "shanghai" and "Shanghai" are one city in every filter.
        city, city_key = canonical_city(self.city)
        return {"title": display_name(self.title), "titleKey": normalised_key(self.title),
                "description": self.description.strip(), "city": city,
                "cityKey": city_key, "remote": self.remote, "team": display_name(self.team),
                "salaryMin": self.salary_min, "salaryMax": self.salary_max,
                "currency": self.currency, "seniority": self.seniority,
                "skills": [{"key": k, "name": n} for k, n in skills.items()]}


CREATE_JOB = """
MATCH (me:Person {id: $me})-[:RECRUITS_FOR {status: 'verified'}]->(c:Company {id: $companyId})
WHERE """ + active_recruiter_where("me", "c") + """
CREATE (j:Job {id: $id, title: $title, titleKey: $titleKey, description: $description,
               city: $city, cityKey: $cityKey, team: $team, remote: $remote,
               salaryMin: $salaryMin,
               salaryMax: $salaryMax, currency: $currency, seniority: $seniority,
               status: 'open', createdAt: $now, updatedAt: $now,
               createdEpoch: datetime($now).epochSeconds})
CREATE (me)-[:POSTED]->(j)-[:AT]->(c)
SET me:JobPoster
WITH j
CALL (j) {
  UNWIND $skills AS skill
  MERGE (s:Skill {key: skill.key}) ON CREATE SET s.name = skill.name
  MERGE (j)-[:REQUIRES]->(s)
}
RETURN j.id AS id
"""

UPDATE_JOB = """
MATCH (me:Person {id: $me})-[:RECRUITS_FOR {status: 'verified'}]->(c:Company)<-[:AT]-(j:Job {id: $jobId})
WHERE """ + active_recruiter_where("me", "c") + """
SET j.title = $title, j.titleKey = $titleKey, j.description = $description, j.city = $city,
    j.cityKey = $cityKey, j.team = $team, j.remote = $remote, j.salaryMin = $salaryMin,
    j.salaryMax = $salaryMax, j.currency = $currency, j.seniority = $seniority,
    j.updatedAt = $now
WITH j
CALL (j) {
  MATCH (j)-[old:REQUIRES]->(:Skill)
  DELETE old
}
CALL (j) {
  UNWIND $skills AS skill
  MERGE (s:Skill {key: skill.key}) ON CREATE SET s.name = skill.name
  MERGE (j)-[:REQUIRES]->(s)
}
RETURN j.id AS id
"""

SET_JOB_STATUS = """
MATCH (me:Person {id: $me})-[:RECRUITS_FOR {status: 'verified'}]->(c:Company)<-[:AT]-(j:Job {id: $jobId})
WHERE """ + active_recruiter_where("me", "c") + """
SET j.status = $status, j.updatedAt = $now
RETURN j.id AS id
"""

MATCH_COMPANY_NAME = "MATCH (c:Company {id: $companyId}) RETURN c.name AS name"

MATCH_POSTING_COMPANY = """
MATCH (me:Person {id: $me})-[:RECRUITS_FOR {status: 'verified'}]->(c:Company {id: $companyId})
WHERE """ + active_recruiter_where("me", "c") + """
RETURN c {.id, .name} AS company
"""
MATCH_JOB_COMPANY = "MATCH (:Job {id: $jobId})-[:AT]->(c:Company) RETURN c.name AS name"

# The job page: the viewer may edit when they verifiably recruit for its company now.
MATCH_JOB = """
MATCH (r:Person)-[:POSTED]->(j:Job {id: $jobId})-[:AT]->(c:Company)
OPTIONAL MATCH (v:Person {id: $viewerId})
RETURN j {.id, .title, .description, .city, .team, .remote, .salaryMin, .salaryMax, .currency,
          .seniority, .status, .createdAt, .updatedAt} AS job,
       c {.id, .name, .industry, .city, .domain} AS company,
       r {.id, .name, verified: """ + is_active_recruiter("r", "c") + """}
         AS recruiter,
       COLLECT { MATCH (j)-[:REQUIRES]->(s:Skill) RETURN s.name ORDER BY s.key } AS skills,
       COLLECT { MATCH (j)-[:REQUIRES]->(s:Skill)<-[:HAS_SKILL]-(v) RETURN s.name
                 ORDER BY s.key } AS matchedSkills,
       """ + is_active_recruiter("v", "c") + """ AS canEdit
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _not_posting(tx, params) -> None:
    """Raise the error that explains why the member cannot post for the company."""
    company = tx.run(MATCH_COMPANY_NAME, params).single()
    if company is None:
        raise NotFound("No such company.")
    raise Forbidden("Only verified recruiters of %(name)s can post jobs for it. Ask to "
                    "recruit for the company on its page first.", name=company['name'])


def _create(tx, params):
    row = tx.run(CREATE_JOB, params).single()
    if row is None:
        _not_posting(tx, params)
    log_job(tx, row["id"])  # the network index's job feed sees it
    return row["id"]


def _posting_company(tx, params):
    row = tx.run(MATCH_POSTING_COMPANY, params).single()
    if row is None:
        _not_posting(tx, params)
    return row["company"]


def _change(tx, query, params):
    row = tx.run(query, params).single()
    if row is None:
        company = tx.run(MATCH_JOB_COMPANY, params).single()
        if company is None:
            raise NotFound("No such job.")
        raise Forbidden("Only verified recruiters of %(name)s can change this job.", name=company['name'])
    log_job(tx, row["id"])  # the network index's job feed sees the change
    return row["id"]


class JobRepository(Repository):
    """Job posts and the job page."""

    def create(self, recruiter_id: str, company_id: str, fields: JobFields,
               request_id: str | None = None) -> str:
        """Post a job for a company the member verifiably recruits for; returns its id.
        With a ``request_id``, a repeat raises ``AlreadyApplied`` (graph.idempotency)."""
        fields.check()
        params = {**fields.params(), "me": recruiter_id, "companyId": company_id,
                  "id": new_id(), "now": utc_now()}
        job_id = self._write_once(write_key("job", recruiter_id, request_id), _create, params)
        logger.info("job %s posted", job_id)
        return job_id

    def posting_company(self, me_id: str, company_id: str) -> dict:
        """The company ``{id, name}`` if the member may post for it; else ``Forbidden``
        (or ``NotFound`` for an unknown company)."""
        return self._read(_posting_company, {"me": me_id, "companyId": company_id})

    def update(self, me_id: str, job_id: str, fields: JobFields) -> None:
        """Rewrite a job (verified recruiters of its company only)."""
        fields.check()
        self._write(_change, UPDATE_JOB, {**fields.params(), "me": me_id, "jobId": job_id,
                                          "now": utc_now()})

    def set_status(self, me_id: str, job_id: str, status: str) -> None:
        """Close (``'closed'``) or reopen (``'open'``) a job."""
        if status not in ("open", "closed"):
            raise Invalid("A job is either open or closed.")
        self._write(_change, SET_JOB_STATUS, {"me": me_id, "jobId": job_id,
                                              "status": status, "now": utc_now()})

    def job(self, job_id: str, viewer_id: str) -> dict:
        """The job page's data; ``NotFound`` for an unknown job."""
        row = self._read(_single, MATCH_JOB, {"jobId": job_id, "viewerId": viewer_id})
        if row is None:
            raise NotFound("No such job.")
        return row
