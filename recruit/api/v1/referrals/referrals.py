"""Referrals: who fits your company's jobs, referring (a friend, or someone by e-mail),
a referral's page and history, the candidate's confirm or decline, the recruiter's
pipeline moves, your record and points, and a company's pipeline and leaderboard. The
rules and mail live in ``recruit/referrals/actions.py``, shared with the pages."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from graph.referrals.stages import PIPELINE

from ....extensions import graph
from ....referrals import actions
from ....referrals.forms import MoveForm, ReferForm, StatusFilterForm
from ...common import (TIME, IdempotencyHeader, PageArgs, offering, once, paged, validated,
                      window)
from ...operations import operation

blp = Blueprint("api_referrals", __name__, description="Referrals and their pipeline.")

STATUSES = ["awaiting_candidate", "declined", "expired", *PIPELINE]


class Named(Schema):
    id = fields.String(required=True, metadata={"example": "a1b2..."})
    name = fields.String(required=True, metadata={"example": "Fay Friend"})


class JobBrief(Schema):
    id = fields.String(required=True, metadata={"example": "3f2a..."})
    title = fields.String(required=True, metadata={"example": "Backend engineer"})
    status = fields.String(metadata={"example": "open"})
    seniority = fields.String(allow_none=True, metadata={"example": "senior"})
    city = fields.String(allow_none=True, metadata={"example": "上海"})
    createdAt = fields.String(allow_none=True, metadata=TIME)


class ReferralBrief(Schema):
    id = fields.String(required=True, metadata={"example": "1a2b..."})
    status = fields.String(required=True, metadata={"enum": STATUSES, "example": "submitted"})


class FitPerson(Named):
    headline = fields.String(allow_none=True, metadata={"example": "Engineer"})


class Fit(Schema):
    person = fields.Nested(FitPerson, required=True)
    reasons = fields.List(fields.String(), required=True,
                          metadata={"example": ["2 of 3 skills match (Go, Python)"]})
    score = fields.Float(required=True, metadata={"example": 0.82})
    myReferral = fields.Nested(ReferralBrief, allow_none=True)


class WhoFitsRow(Schema):
    job = fields.Nested(JobBrief, required=True)
    company = fields.Nested(Named, required=True)
    skills = fields.List(fields.String(), required=True, metadata={"example": ["Go"]})
    fitCount = fields.Integer(required=True, metadata={"example": 4})
    fits = fields.List(fields.Nested(Fit), required=True)


class WhoFits(Schema):
    items = fields.List(fields.Nested(WhoFitsRow), required=True)


class ReferPage(Schema):
    job = fields.Nested(JobBrief, required=True)
    company = fields.Nested(Named, required=True)
    employee = fields.Boolean(required=True, metadata={"example": True})
    friends = fields.List(fields.Nested(Named), required=True)


class ReferBody(Schema):
    kind = fields.String(required=True, metadata={"enum": ["friend", "outside"],
                                                  "example": "friend"})
    friend = fields.String(data_key="friendId", load_default="",
                           metadata={"example": "a1b2..."})
    name = fields.String(load_default="", metadata={"description": "For kind outside.",
                                                    "example": "Olga Outside"})
    email = fields.String(load_default="", metadata={"description": "For kind outside.",
                                                     "example": "olga@mail.example"})
    note = fields.String(load_default="", metadata={"example": "Great with graphs."})


class ReferralCreated(Schema):
    id = fields.String(required=True, metadata={"example": "1a2b..."})


class ReferralDetail(Schema):
    id = fields.String(required=True, metadata={"example": "1a2b..."})
    status = fields.String(required=True, metadata={"enum": STATUSES, "example": "submitted"})
    note = fields.String(allow_none=True, metadata={"example": "Great with graphs."})
    source = fields.String(allow_none=True, metadata={"example": "referrer"})
    owner = fields.Boolean(allow_none=True, metadata={"example": True})
    ownedSince = fields.String(allow_none=True, metadata=TIME)
    ownedUntil = fields.String(allow_none=True, metadata=TIME)
    createdAt = fields.String(allow_none=True, metadata=TIME)
    confirmedAt = fields.String(allow_none=True, metadata=TIME)
    updatedAt = fields.String(allow_none=True, metadata=TIME)
    candidateName = fields.String(allow_none=True, metadata={"example": "Olga Outside"})


class HistoryEvent(Schema):
    stage = fields.String(required=True, metadata={"example": "reviewing"})
    at = fields.String(required=True, metadata=TIME)
    comment = fields.String(allow_none=True, metadata={"example": "Phone screen booked."})
    seq = fields.Integer(required=True, metadata={"example": 2})
    by = fields.String(allow_none=True, metadata={"example": "Rita Recruiter"})


class PointAward(Schema):
    stage = fields.String(required=True, metadata={"example": "interviewing"})
    points = fields.Integer(required=True, metadata={"example": 10})
    awardedAt = fields.String(required=True, metadata=TIME)


class OtherReferral(Schema):
    id = fields.String(required=True, metadata={"example": "9f8e..."})
    referrer = fields.String(allow_none=True, metadata={"example": "Bob"})
    confirmedAt = fields.String(allow_none=True, metadata=TIME)
    owner = fields.Boolean(allow_none=True, metadata={"example": False})
    status = fields.String(allow_none=True, metadata={"example": "submitted"})


class ReferralPage(Schema):
    referral = fields.Nested(ReferralDetail, required=True)
    job = fields.Nested(JobBrief, required=True)
    company = fields.Nested(Named, required=True)
    referrer = fields.Nested(Named, required=True)
    candidate = fields.Nested(Named, allow_none=True)
    role = fields.String(required=True, metadata={"enum": ["referrer", "candidate",
                                                           "recruiter"], "example": "referrer"})
    history = fields.List(fields.Nested(HistoryEvent), required=True)
    points = fields.List(fields.Nested(PointAward), required=True)
    otherReferrals = fields.List(fields.Nested(OtherReferral), required=True)
    canMove = fields.Boolean(required=True, metadata={"example": False})


class MoveBody(Schema):
    stage = fields.String(required=True, metadata={"enum": list(PIPELINE),
                                                   "example": "reviewing"})
    comment = fields.String(load_default="", metadata={"example": "Phone screen booked."})


class RecordReferral(Schema):
    id = fields.String(required=True, metadata={"example": "1a2b..."})
    status = fields.String(required=True, metadata={"enum": STATUSES, "example": "submitted"})
    owner = fields.Boolean(allow_none=True, metadata={"example": True})
    ownedUntil = fields.String(allow_none=True, metadata=TIME)
    createdAt = fields.String(allow_none=True, metadata=TIME)
    updatedAt = fields.String(allow_none=True, metadata=TIME)
    source = fields.String(allow_none=True, metadata={"example": "referrer"})


class Made(Schema):
    referral = fields.Nested(RecordReferral, required=True)
    job = fields.Nested(JobBrief, required=True)
    company = fields.Nested(Named, required=True)
    candidate = fields.String(allow_none=True, metadata={"example": "Fay Friend"})
    points = fields.Integer(required=True, metadata={"example": 15})


class OfMe(Schema):
    referral = fields.Nested(RecordReferral, required=True)
    job = fields.Nested(JobBrief, required=True)
    company = fields.Nested(Named, required=True)
    referrer = fields.Nested(Named, required=True)


class Record(Schema):
    made = fields.List(fields.Nested(Made), required=True)
    ofMe = fields.List(fields.Nested(OfMe), required=True)
    madeCount = fields.Integer(required=True, metadata={"example": 3})
    confirmedCount = fields.Integer(required=True, metadata={"example": 2})
    hiredCount = fields.Integer(required=True, metadata={"example": 1})
    points = fields.Integer(required=True, metadata={"example": 60})
    companies = fields.List(fields.Nested(Named), required=True)
    recruiting = fields.List(fields.Nested(Named), required=True)


class PipelineRow(Schema):
    referral = fields.Nested(RecordReferral, required=True)
    job = fields.Nested(JobBrief, required=True)
    referrer = fields.Nested(Named, required=True)
    candidate = fields.Nested(Named, allow_none=True)


class PipelineArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(["", *PIPELINE]),
                           metadata={"example": "reviewing"})


class PipelinePage(Schema):
    items = fields.List(fields.Nested(PipelineRow), required=True)
    next = fields.String(allow_none=True, required=True)
    total = fields.Integer(required=True)
    awaiting = fields.Integer(required=True, metadata={
        "description": "Referrals waiting for their candidate.", "example": 1})


class Score(Named):
    points = fields.Integer(required=True, metadata={"example": 60})
    hires = fields.Integer(required=True, metadata={"example": 1})


class Leaderboard(Schema):
    company = fields.Nested(Named, required=True)
    month = fields.List(fields.Nested(Score), required=True)
    allTime = fields.List(fields.Nested(Score), required=True)


def _page(referral_id: str) -> dict:
    return graph().referral_pipeline.referral(current_user.id, referral_id)


@operation(blp, "GET", "/referrals/who-fits", WhoFits)
def who_fits():
    """For each open job at your companies, the friends who fit best and why."""
    return {"items": graph().who_fits.who_fits(current_user.id)}


@operation(blp, "GET", "/jobs/<job_id>/refer", ReferPage, errors=(403, 404))
def refer_page(job_id: str):
    """Whom you may refer to this job (employees of its company only)."""
    return actions.refer_page(job_id)


@operation(blp, "POST", "/jobs/<job_id>/referrals", ReferralCreated, status=201,
           headers=IdempotencyHeader, body=ReferBody, errors=(403, 404, 409))
def refer(headers, body, job_id: str):
    """Refer a friend (they confirm before the recruiters see it) or someone by e-mail
    (invited; needs your confirmed e-mail). The first confirmed referral owns the
    candidate for the job."""
    page = actions.refer_page(job_id)
    form = validated(ReferForm, body, prepare=offering("friend", page["friends"]))
    fresh = []

    def create(key):
        result = actions.refer(job_id, form.kind.data, form.friend.data, form.name.data,
                               form.email.data, form.note.data, key)
        fresh.append(result)
        return result

    result = once(create, headers["idempotency_key"])
    if fresh:  # mailed only the first time, never for a repeat of the key
        actions.announce(result, form.kind.data, form.email.data or "")
    return {"id": result["referral"]["id"]}


@operation(blp, "GET", "/referrals/<referral_id>", ReferralPage, errors=(404,))
def referral(referral_id: str):
    """A referral's page for its referrer, candidate or (once confirmed) the company's
    recruiters: status, history, points."""
    return _page(referral_id)


@operation(blp, "POST", "/referrals/<referral_id>/confirm", ReferralPage, errors=(400, 403,
           404, 409))
def confirm(referral_id: str):
    """The candidate confirms: the recruiters see the referral now."""
    actions.answer(referral_id, True)
    return _page(referral_id)


@operation(blp, "POST", "/referrals/<referral_id>/decline", ReferralPage, errors=(400, 403,
           404, 409))
def decline(referral_id: str):
    """The candidate declines: nothing is shared with the company."""
    actions.answer(referral_id, False)
    return _page(referral_id)


@operation(blp, "POST", "/referrals/<referral_id>/move", ReferralPage, body=MoveBody,
           errors=(403, 404, 409))
def move(body, referral_id: str):
    """A recruiter moves the referral through the pipeline (referrer and candidate are
    told; points for each stage reached the first time)."""
    _page(referral_id)  # 404 for anyone who may not see it, before validating
    form = validated(MoveForm, body)
    actions.move(referral_id, form.stage.data, form.comment.data)
    return _page(referral_id)


@operation(blp, "GET", "/referrals", Record)
def record():
    """Your referrals made and received, totals and points."""
    return graph().referral_credit.record(current_user.id)


@operation(blp, "GET", "/companies/<company_id>/referrals", PipelinePage, query=PipelineArgs,
           errors=(403, 404))
def pipeline(args, company_id: str):
    """Confirmed referrals to the company's jobs (its verified recruiters only)."""
    form = validated(StatusFilterForm, {"status": args.get("status") or ""})
    skip, limit = window(args)
    data = graph().referral_pipeline.company_referrals(current_user.id, company_id,
                                                       form.status.data, skip, limit)
    return {**paged(data["rows"], skip, limit, data["total"]), "awaiting": data["awaiting"]}


@operation(blp, "GET", "/companies/<company_id>/leaderboard", Leaderboard, errors=(403, 404))
def leaderboard(company_id: str):
    """The company's top referrers by points, this month and all time (its employees
    and recruiters only)."""
    return graph().referral_credit.leaderboard(current_user.id, company_id)
