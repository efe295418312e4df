"""A recruiter's workspace for one job (candidates ranked by fit, the shortlist) and a
member's "not interested in this company": the same repository calls as
``recruit/hiring/workspace.py``. Candidates appear only as pseudonyms, each as the
viewer's company knows it (``graph/candidates/visibility.py`` scopes)."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ....extensions import graph
from ...common import PageArgs, page_schema, paged, window
from ...operations import operation
from ..candidates.profiles import PseudonymSchema

blp = Blueprint("api_hiring_workspace", __name__,
                description="Candidates for a job by fit, shortlists, not interested.")

FAMILIES = {"description": "Skill families, never exact skills.", "example": ["Backend"]}


class Shortlisted(Schema):
    pseudonym = fields.Nested(PseudonymSchema, required=True)
    skills = fields.List(fields.String(), required=True, metadata=FAMILIES)


class RankedCandidate(Shortlisted):
    score = fields.Integer(required=True, metadata={"description": "Fit, 0-100.",
                                                    "example": 82})


class Shortlist(Schema):
    items = fields.List(fields.Nested(Shortlisted), required=True)


class Silenced(Schema):
    id = fields.String(required=True, metadata={"example": "5c1d..."})
    name = fields.String(required=True, metadata={"example": "Acme"})


class SilencedList(Schema):
    items = fields.List(fields.Nested(Silenced), required=True)


@operation(blp, "GET", "/jobs/<job_id>/candidates",
           page_schema(RankedCandidate, "RankedCandidatePage"), query=PageArgs,
           errors=(403, 404))
def ranked(args, job_id: str):
    """Candidates within two degrees, best fit to the job first (skill families, level,
    closeness, recent activity), for the job's recruiters."""
    skip, limit = window(args)
    data = graph().candidate_fit.ranked_for_job(current_user.id, job_id, skip, limit)
    return paged(data["candidates"], skip, limit, data["total"])


@operation(blp, "GET", "/jobs/<job_id>/shortlist", Shortlist, errors=(404,))
def shortlist(job_id: str):
    """The job's shortlist, oldest first, as you may see it."""
    return {"items": graph().shortlists.shortlist(current_user.id, job_id)}


@operation(blp, "PUT", "/jobs/<job_id>/shortlist/<pseudonym_id>", status=204,
           errors=(404,))
def shortlist_add(job_id: str, pseudonym_id: str):
    """Shortlist a candidate for the job (idempotent). 404 alike for a job you do not
    recruit for and a candidate you may not see."""
    graph().shortlists.add(current_user.id, job_id, pseudonym_id)


@operation(blp, "DELETE", "/jobs/<job_id>/shortlist/<pseudonym_id>", status=204,
           errors=(404,))
def shortlist_remove(job_id: str, pseudonym_id: str):
    """Take a candidate off the job's shortlist."""
    graph().shortlists.remove(current_user.id, job_id, pseudonym_id)


@operation(blp, "GET", "/me/not-interested", SilencedList)
def silenced():
    """The companies you are not interested in."""
    return {"items": graph().not_interested.listing(current_user.id)}


@operation(blp, "PUT", "/me/not-interested/<company_id>", status=204, errors=(404,))
def not_interested(company_id: str):
    """Not interested in a company: its recruiters can no longer write to you first, and
    you leave their candidate searches."""
    graph().not_interested.mark(current_user.id, company_id)


@operation(blp, "DELETE", "/me/not-interested/<company_id>", status=204)
def interested_again(company_id: str):
    """Let the company's recruiters write to you again."""
    graph().not_interested.unmark(current_user.id, company_id)
