"""The network job feed with filters, the open-job search, a job, and recruiters' posts
(post, edit, close, reopen): the same calls as ``recruit/jobs``, validated by its forms."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from graph.jobs.postings import CURRENCIES, MAX_SALARY, REMOTE_OPTIONS, SENIORITIES

from ....extensions import graph
from ....jobs.forms import JobFilterForm, JobForm, JobSearchForm
from ....listing import with_badges
from ...common import (TIME, IdempotencyHeader, PageArgs, once, page_schema, paged, validated,
                      window)
from ...operations import operation
from ..network.people import BadgeSchema, PersonRef

blp = Blueprint("api_jobs", __name__, description="Jobs within two degrees, and posting them.")

REMOTE = list(REMOTE_OPTIONS)


class FilterArgs(PageArgs):
    city = fields.String(metadata={"example": "上海"})
    remote = fields.String(validate=validate.OneOf(["", *REMOTE]), metadata={"example": "hybrid"})
    skills = fields.List(fields.String(), metadata={"example": ["Python"]})
    min_salary = fields.Integer(data_key="minSalary", validate=validate.Range(0, MAX_SALARY),
                                metadata={"example": 300000})
    currency = fields.String(validate=validate.OneOf(CURRENCIES), metadata={"example": "CNY"})


class SearchArgs(FilterArgs):
    q = fields.String(metadata={"example": "backend"})


class JobSummary(Schema):
    id = fields.String(required=True, metadata={"example": "3f2a..."})
    title = fields.String(required=True, metadata={"example": "Backend engineer"})
    city = fields.String(allow_none=True, metadata={"example": "上海"})
    team = fields.String(allow_none=True, metadata={
        "example": "Payments", "description": "Tells two openings with one title apart."})
    remote = fields.String(allow_none=True, metadata={"enum": REMOTE, "example": "hybrid"})
    salaryMin = fields.Integer(allow_none=True, metadata={"example": 300000})
    salaryMax = fields.Integer(allow_none=True, metadata={"example": 450000})
    currency = fields.String(allow_none=True, metadata={"example": "CNY"})
    seniority = fields.String(allow_none=True, metadata={"example": "senior"})
    createdAt = fields.String(allow_none=True, metadata=TIME)


class CompanyRef(Schema):
    id = fields.String(required=True, metadata={"example": "5c1d..."})
    name = fields.String(required=True, metadata={"example": "Acme"})


class FeedPath(Schema):
    degree = fields.Integer(required=True, metadata={"example": 2})
    kind = fields.String(required=True, metadata={"enum": ["recruiter", "employee"],
                                                  "example": "recruiter"})
    target = fields.Nested(PersonRef, required=True, metadata={
        "description": "The closest person who links you to the job."})
    via = fields.Nested(PersonRef, allow_none=True, metadata={
        "description": "Your friend on the way to a 2nd-degree link."})


class FeedRow(Schema):
    job = fields.Nested(JobSummary, required=True)
    company = fields.Nested(CompanyRef, required=True)
    recruiter = fields.Nested(PersonRef, required=True)
    path = fields.Nested(FeedPath, required=True)
    skills = fields.List(fields.String(), required=True)
    firstCount = fields.Integer(metadata={"example": 1})
    secondCount = fields.Integer(metadata={"example": 3})
    required = fields.Integer(metadata={"example": 3})
    matched = fields.Integer(metadata={"example": 2})


class SearchRow(Schema):
    job = fields.Nested(JobSummary, required=True)
    company = fields.Nested(CompanyRef, required=True)
    recruiter = fields.Nested(PersonRef, required=True)
    badge = fields.Nested(BadgeSchema, allow_none=True, metadata={
        "description": "Your degree to the recruiter."})


class JobDetail(JobSummary):
    description = fields.String(required=True, metadata={"example": "Build the graph."})
    status = fields.String(required=True, metadata={"enum": ["open", "closed"],
                                                    "example": "open"})
    updatedAt = fields.String(allow_none=True, metadata=TIME)


class CompanyDetail(CompanyRef):
    industry = fields.String(allow_none=True, metadata={"example": "Internet"})
    city = fields.String(allow_none=True, metadata={"example": "上海"})
    domain = fields.String(allow_none=True, metadata={"example": "acme.example"})


class RecruiterRef(PersonRef):
    verified = fields.Boolean(required=True, metadata={"example": True})
    badge = fields.Nested(BadgeSchema, allow_none=True)


class ConnectionPath(Schema):
    person = fields.Nested(PersonRef, required=True)
    degree = fields.Integer(required=True, metadata={"example": 1})
    via = fields.Nested(PersonRef, allow_none=True)


class Connections(Schema):
    firstCount = fields.Integer(required=True, metadata={"example": 1})
    secondCount = fields.Integer(required=True, metadata={"example": 2})
    paths = fields.List(fields.Nested(ConnectionPath), required=True)


class JobPage(Schema):
    job = fields.Nested(JobDetail, required=True)
    company = fields.Nested(CompanyDetail, required=True)
    recruiter = fields.Nested(RecruiterRef, required=True)
    skills = fields.List(fields.String(), required=True, metadata={"example": ["Python"]})
    matchedSkills = fields.List(fields.String(), required=True, metadata={"example": ["Python"]})
    canEdit = fields.Boolean(required=True, metadata={"example": False})
    connections = fields.Nested(Connections, required=True)


class JobBody(Schema):
    title = fields.String(required=True, metadata={"example": "Backend engineer"})
    description = fields.String(required=True, metadata={"example": "Build the graph."})
    city = fields.String(load_default="", metadata={"example": "上海"})
    team = fields.String(load_default="", metadata={
        "example": "Payments", "description": "Optional: the team the opening is in."})
    remote = fields.String(required=True, metadata={"enum": REMOTE, "example": "hybrid"})
    salary_min = fields.Integer(data_key="salaryMin", required=True, metadata={"example": 300000})
    salary_max = fields.Integer(data_key="salaryMax", required=True, metadata={"example": 450000})
    currency = fields.String(required=True, metadata={"enum": list(CURRENCIES),
                                                      "example": "CNY"})
    seniority = fields.String(required=True, metadata={"enum": list(SENIORITIES),
                                                       "example": "senior"})
    skills = fields.List(fields.String(), required=True, metadata={"example": ["Python"]})


class CreatedJob(Schema):
    id = fields.String(required=True, metadata={"example": "3f2a..."})


class CompanyList(Schema):
    items = fields.List(fields.Nested(CompanyRef), required=True)


def _filter_form(form_class, args: dict):
    """The page's filter form, filled from the query (skills as the page's list)."""
    data = {key: args.get(key) for key in ("city", "remote", "min_salary", "currency", "q")}
    data["skills"] = ", ".join(args.get("skills") or [])
    return validated(form_class, data)


def _job_form(body: dict) -> JobForm:
    return validated(JobForm, {**body, "skills": ", ".join(body["skills"])})


@operation(blp, "GET", "/jobs/feed", page_schema(FeedRow, "FeedPage"), query=FilterArgs)
def feed(args):
    """Open jobs within two degrees, ranked (closeness, skill match, recency), each with
    the path that connects you and how many of your connections work there."""
    form = _filter_form(JobFilterForm, args)
    skip, limit = window(args)
    rows, total = graph().job_feed.feed(current_user.id, form.filters(), skip, limit)
    return paged(rows, skip, limit, total)


@operation(blp, "GET", "/jobs/search", page_schema(SearchRow, "JobSearchPage"),
           query=SearchArgs)
def search(args):
    """Every open job matching title, company or skill, newest first."""
    form = _filter_form(JobSearchForm, args)
    skip, limit = window(args)
    rows, total = graph().job_feed.search(form.q.data or "", form.filters(), skip, limit)
    rows = with_badges([{**row, "recruiterId": row["recruiter"]["id"]} for row in rows],
                       key="recruiterId")
    return paged(rows, skip, limit, total)


@operation(blp, "GET", "/jobs/<job_id>", JobPage, errors=(404,))
def job(job_id: str):
    """A job: details, recruiter (with your degree to them), skills you match, and your
    connections at the company."""
    data = graph().jobs.job(job_id, current_user.id)
    recruiter_id = data["recruiter"]["id"]
    badge = graph().network.badges(current_user.id, [recruiter_id]).get(recruiter_id)
    connections = graph().job_feed.company_connections(current_user.id, data["company"]["id"])
    return {**data, "recruiter": {**data["recruiter"], "badge": badge},
            "connections": connections}


@operation(blp, "GET", "/jobs/posting-companies", CompanyList)
def posting_companies():
    """The companies you may post jobs for (verified recruiter)."""
    return {"items": graph().companies.recruiting_for(current_user.id)}


@operation(blp, "POST", "/companies/<company_id>/jobs", CreatedJob, status=201,
           headers=IdempotencyHeader, body=JobBody, errors=(403, 404))
def post_job(headers, body, company_id: str):
    """Post a job for a company you verifiably recruit for."""
    graph().jobs.posting_company(current_user.id, company_id)  # 403 / 404 before validating
    fields_ = _job_form(body).to_fields()
    job_id = once(lambda key: graph().jobs.create(current_user.id, company_id, fields_,
                                                  request_id=key),
                  headers["idempotency_key"])
    return {"id": job_id}


@operation(blp, "PUT", "/jobs/<job_id>", JobPage, body=JobBody, errors=(403, 404))
def edit_job(body, job_id: str):
    """Rewrite a job (verified recruiters of its company)."""
    graph().jobs.update(current_user.id, job_id, _job_form(body).to_fields())
    return job(job_id)


@operation(blp, "POST", "/jobs/<job_id>/close", status=204, errors=(403, 404))
def close_job(job_id: str):
    """Close a job: it leaves every feed."""
    graph().jobs.set_status(current_user.id, job_id, "closed")


@operation(blp, "POST", "/jobs/<job_id>/reopen", status=204, errors=(403, 404))
def reopen_job(job_id: str):
    """Reopen a closed job."""
    graph().jobs.set_status(current_user.id, job_id, "open")
