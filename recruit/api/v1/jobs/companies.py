"""Companies and recruiter requests: the directory, a company page with your connections
there, asking to recruit for it, and (for its admins) deciding requests. The same calls
as ``recruit/companies``."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ....auth.session import require_verified_email
from ....companies.forms import CompanyForm, CompanySearchForm
from ....extensions import graph
from ...common import (TIME, IdempotencyHeader, PageArgs, once, page_schema, paged, validated,
                      window)
from ...operations import operation
from .postings import Connections

blp = Blueprint("api_companies", __name__, description="Companies and recruiter requests.")


class Entity(Schema):
    id = fields.String(required=True, metadata={"example": "a1b2..."})
    name = fields.String(required=True, metadata={"example": "Acme"})


class CompanyRow(Entity):
    industry = fields.String(allow_none=True, metadata={"example": "Internet"})
    city = fields.String(allow_none=True, metadata={"example": "上海"})
    hasPage = fields.Boolean(required=True, metadata={"example": True})
    verified = fields.Boolean(required=True, metadata={"example": True})
    openJobs = fields.Integer(required=True, metadata={"example": 3})


class CompanySearch(PageArgs):
    q = fields.String(metadata={"example": "acme"})


class CompanyInfo(Entity):
    domain = fields.String(allow_none=True, metadata={"example": "acme.example"})
    industry = fields.String(allow_none=True, metadata={"example": "Internet"})
    city = fields.String(allow_none=True, metadata={"example": "上海"})
    description = fields.String(allow_none=True, metadata={"example": "We make anvils."})
    verified = fields.Boolean(required=True, metadata={"example": True})


class CompanyJob(Schema):
    id = fields.String(required=True, metadata={"example": "3f2a..."})
    title = fields.String(required=True, metadata={"example": "Backend engineer"})
    city = fields.String(allow_none=True, metadata={"example": "上海"})
    remote = fields.String(allow_none=True, metadata={"example": "hybrid"})
    seniority = fields.String(allow_none=True, metadata={"example": "senior"})
    status = fields.String(required=True, metadata={"example": "open"})
    createdAt = fields.String(allow_none=True, metadata=TIME)
    recruiter = fields.String(allow_none=True, metadata={"example": "Rita Recruiter"})


class CompanyPage(Schema):
    company = fields.Nested(CompanyInfo, required=True)
    admins = fields.List(fields.Nested(Entity), required=True)
    recruiters = fields.List(fields.Nested(Entity), required=True)
    jobs = fields.List(fields.Nested(CompanyJob), required=True)
    isAdmin = fields.Boolean(required=True, metadata={"example": False})
    myStatus = fields.String(allow_none=True, metadata={
        "description": "Where your recruiter request stands.", "example": "pending"})
    iRecruit = fields.Boolean(required=True, metadata={"example": False})
    worksHere = fields.Boolean(required=True, metadata={"example": False})
    connections = fields.Nested(Connections, required=True)


class RecruiterRequestOutcome(Schema):
    status = fields.String(required=True, metadata={"enum": ["verified", "pending"],
                                                    "example": "pending"})
    reason = fields.String(allow_none=True, metadata={"example": None})


class PendingRequest(Entity):
    headline = fields.String(allow_none=True, metadata={"example": "Recruiter"})
    requestedAt = fields.String(allow_none=True, metadata=TIME)
    worksHere = fields.Boolean(required=True, metadata={"example": True})


class RecruiterRequests(Schema):
    company = fields.Nested(Entity, required=True)
    pending = fields.List(fields.Nested(PendingRequest), required=True)
    recruiters = fields.List(fields.Nested(Entity), required=True)


class Decided(Schema):
    name = fields.String(required=True, metadata={"example": "Rita Recruiter"})


@operation(blp, "GET", "/companies", page_schema(CompanyRow, "CompanyDirectory"),
           query=CompanySearch)
def directory(args):
    """Companies by name (a fragment), with their open jobs."""
    form = validated(CompanySearchForm, {"q": args.get("q")})
    skip, limit = window(args)
    rows, total = graph().companies.listing(form.q.data or "", skip, limit)
    return paged(rows, skip, limit, total)


@operation(blp, "GET", "/companies/<company_id>", CompanyPage, errors=(404,))
def company(company_id: str):
    """A company page: facts, admins, recruiters, jobs, your role there, and your
    1st/2nd-degree connections who work there."""
    page = graph().companies.page(company_id, current_user.id)
    return {**page, "connections": graph().job_feed.company_connections(current_user.id,
                                                                        company_id)}


@operation(blp, "POST", "/companies/<company_id>/recruiter-request", RecruiterRequestOutcome,
           errors=(400, 403, 404, 409))
def request_recruiter(company_id: str):
    """Ask to recruit for the company: verified at once with a confirmed work e-mail on
    its domain, else pending until an admin decides. Needs your confirmed e-mail."""
    require_verified_email("ask to recruit for a company")
    outcome = graph().companies.request_recruiter(current_user.id, company_id)
    return {"status": outcome["status"], "reason": outcome["reason"]}


@operation(blp, "GET", "/companies/<company_id>/recruiter-requests", RecruiterRequests,
           errors=(403, 404))
def requests(company_id: str):
    """Pending recruiter requests (the company's admins only)."""
    return graph().companies.manage(current_user.id, company_id)


def _decide(company_id: str, person_id: str, approve: bool) -> dict:
    return {"name": graph().companies.decide(current_user.id, company_id, person_id,
                                             approve=approve)}


@operation(blp, "POST", "/companies/<company_id>/recruiter-requests/<person_id>/approve",
           Decided, errors=(400, 403, 404, 409))
def approve(company_id: str, person_id: str):
    """Approve a pending request (admins only)."""
    return _decide(company_id, person_id, True)


@operation(blp, "POST", "/companies/<company_id>/recruiter-requests/<person_id>/decline",
           Decided, errors=(400, 403, 404, 409))
def decline(company_id: str, person_id: str):
    """Decline a pending request (admins only)."""
    return _decide(company_id, person_id, False)


class CompanyBody(Schema):
    name = fields.String(required=True, metadata={"example": "Acme"})
    domain = fields.String(load_default="", metadata={
        "description": "An e-mail domain: your confirmed work e-mail must be on it, and the "
                       "page is then verified by it.", "example": "acme.example"})
    industry = fields.String(load_default="", metadata={"example": "Internet"})
    city = fields.String(load_default="", metadata={"example": "上海"})
    description = fields.String(load_default="", metadata={"example": "We build graphs."})


class CompanyCreated(Schema):
    id = fields.String(required=True, metadata={"example": "5c1d..."})


@operation(blp, "POST", "/companies", CompanyCreated, status=201, headers=IdempotencyHeader,
           body=CompanyBody, errors=(403, 409))
def create(headers, body):
    """Create a company page (or claim an unclaimed one); you become its admin. With a
    domain, the page is verified by your confirmed work e-mail on it."""
    form = validated(CompanyForm, body)
    company_id = once(lambda key: graph().companies.create(
        current_user.id, form.name.data, form.domain.data, form.industry.data or "",
        form.city.data or "", form.description.data or "", request_id=key),
        headers["idempotency_key"])
    return {"id": company_id}
