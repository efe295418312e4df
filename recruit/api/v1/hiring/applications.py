"""Applying for a job (as yourself or under your pseudonym, with a PDF résumé), your
applications, withdrawing and revealing one, and the résumé download for the job's
recruiters: the same steps as ``recruit/hiring`` (``recruit/hiring/actions.py``),
validated by its ``ApplyForm``."""
from __future__ import annotations

from flask import request, send_file
from flask_login import current_user
from flask_smorest import Blueprint
from flask_smorest.fields import Upload
from marshmallow import Schema, fields

from graph.referrals.stages import PIPELINE

from ....extensions import graph
from ....hiring import actions
from ....hiring.forms import ApplyForm
from ...common import (TIME, IdempotencyHeader, PageArgs, once, page_schema, paged, problems,
                      validated, window)
from ...operations import operation
from ..candidates.profiles import PseudonymSchema
from ..jobs.postings import CompanyRef

blp = Blueprint("api_applications", __name__,
                description="Applying for jobs, and following your applications.")

MODES = ["self", "pseudonym"]
STATUSES = [*PIPELINE, "withdrawn", "joined"]


class ApplyBody(Schema):
    mode = fields.String(required=True, metadata={
        "enum": MODES, "example": "self",
        "description": "`self`: the recruiters see your name, profile and résumé; "
                       "`pseudonym`: your generalised profile only, until you reveal."})
    note = fields.String(load_default="", metadata={"example": "Happy to talk this week."})
    resume = Upload(metadata={"description": "Your résumé (optional): a PDF, checked by "
                                             "its content, at most RESUME_MAX_BYTES."})


class Applied(Schema):
    id = fields.String(required=True, metadata={"example": "7a8b..."})
    status = fields.String(required=True, metadata={
        "enum": ["submitted", "joined"], "example": "submitted",
        "description": "`joined`: a referral already owned you for this job; your "
                       "application joins it and its referrer keeps the credit."})
    mode = fields.String(required=True, metadata={"enum": MODES, "example": "self"})
    joinedReferrer = fields.String(allow_none=True, metadata={"example": "Eve Employee"})


class ApplicationBrief(Schema):
    id = fields.String(required=True, metadata={"example": "7a8b..."})
    mode = fields.String(required=True, metadata={"enum": MODES, "example": "self"})
    status = fields.String(required=True, metadata={"enum": STATUSES, "example": "reviewing"})
    createdAt = fields.String(allow_none=True, metadata=TIME)
    updatedAt = fields.String(allow_none=True, metadata=TIME)
    recruiterAskedAt = fields.String(allow_none=True, metadata={
        **TIME, "description": "When the recruiters asked who you are (pseudonymous)."})
    revealedAt = fields.String(allow_none=True, metadata=TIME)
    hasResume = fields.Boolean(required=True, metadata={"example": True})


class JobRef(Schema):
    id = fields.String(required=True, metadata={"example": "3f2a..."})
    title = fields.String(required=True, metadata={"example": "Backend engineer"})
    status = fields.String(required=True, metadata={"enum": ["open", "closed"],
                                                    "example": "open"})


class MyApplication(Schema):
    application = fields.Nested(ApplicationBrief, required=True)
    job = fields.Nested(JobRef, required=True)
    company = fields.Nested(CompanyRef, required=True)
    pseudonym = fields.Nested(PseudonymSchema, allow_none=True, metadata={
        "description": "Your pseudonym as this company knows it (pseudonymous applications)."})
    referralId = fields.String(allow_none=True, metadata={"example": None})


def _applied(result: dict) -> dict:
    joined = result.get("joined") or {}
    return {"id": result["application"]["id"], "status": result["status"],
            "mode": result["mode"], "joinedReferrer": joined.get("referrer")}


@operation(blp, "POST", "/jobs/<job_id>/applications", Applied, status=201,
           headers=IdempotencyHeader, form=ApplyBody, multipart=True,
           errors=(403, 404, 409, 413))
def apply(headers, fields_, job_id: str):
    """Apply for a job (multipart/form-data), as yourself or under your pseudonym, with
    an optional PDF résumé checked as on the page. 409 when you already applied."""
    graph().jobs.job(job_id, current_user.id)  # 404 for an unknown job, before the form
    form = validated(ApplyForm, {"mode": fields_["mode"], "note": fields_["note"]},
                     files=request.files)
    data = actions.read_upload(form.resume.data)
    return _applied(once(lambda key: actions.apply_with_resume(
        current_user.id, job_id, form.mode.data, form.note.data, data, request_id=key),
        headers["idempotency_key"]))


@operation(blp, "GET", "/applications", page_schema(MyApplication, "ApplicationPage"),
           query=PageArgs)
def mine(args):
    """Your applications, latest first, each with its job, company and stage."""
    skip, limit = window(args)
    rows = graph().applications.mine(current_user.id)
    return paged(rows[skip:skip + limit], skip, limit, len(rows))


@operation(blp, "POST", "/applications/<application_id>/withdraw", status=204,
           errors=(400, 404))
def withdraw(application_id: str):
    """Withdraw your application; its résumé is deleted at once."""
    actions.withdraw(current_user.id, application_id)


@operation(blp, "POST", "/applications/<application_id>/reveal", status=204,
           errors=(400, 404))
def reveal(application_id: str):
    """Reveal a pseudonymous application to the job's company, once its recruiters asked:
    they see your name and résumé for this job only. The reveal is recorded."""
    graph().applications.reveal(current_user.id, application_id)


@blp.route("/applications/<application_id>/resume", methods=["GET"])
@blp.response(200, description="The résumé (PDF), as an attachment.",
              content_type="application/pdf")
@problems(blp, 404)
def resume(application_id: str):
    """An application's résumé, for the job's recruiters only (and, for a pseudonymous
    application, only once revealed); 404 for everyone else."""
    path = actions.resume_file_for(current_user.id, application_id)
    return send_file(path, mimetype="application/pdf", as_attachment=True,
                     download_name="resume.pdf", max_age=0)
