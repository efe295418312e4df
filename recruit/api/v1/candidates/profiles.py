"""Pseudonymous candidates: browsing (recruiters and contacts), a candidate's profile,
writing first, and the member's own pseudonym. Every row comes from the candidate
repositories as they give it to the pages (generalised, never a member id or name); the
schemas below list the only fields that can leave."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ....candidates.access import (_conversation_limit, _member_key, profile_to_write_to,
                                  visible_profile)
from ....candidates.forms import CandidateFilterForm, StartConversationForm
from ....extensions import graph, limiter
from ...common import TIME, PageArgs, page_schema, paged, problems, validated, window
from ...operations import operation

blp = Blueprint("api_candidates", __name__,
                description="Pseudonymous candidates and your own pseudonym.")

start_limit = limiter.limit(_conversation_limit, key_func=_member_key)


class PseudonymSchema(Schema):
    """The public face of a pseudonym: nothing that identifies the member."""

    id = fields.String(required=True, metadata={"example": "c0ffee..."})
    hanzi = fields.String(required=True, metadata={"example": "令狐冲"})
    pinyin = fields.String(required=True, metadata={"example": "Linghu Chong"})
    generation = fields.Integer(allow_none=True, metadata={"example": 1})
    rank = fields.Integer(allow_none=True, metadata={"example": 3})
    novel = fields.String(allow_none=True, metadata={"example": "笑傲江湖"})
    author = fields.String(allow_none=True, metadata={"example": "金庸"})
    headline = fields.String(allow_none=True, metadata={"example": "Backend, payments"})
    seniority = fields.String(allow_none=True, metadata={"example": "senior"})
    industry = fields.String(allow_none=True, metadata={"example": "internet"})
    region = fields.String(allow_none=True, metadata={"example": "east"})


class CandidateRow(Schema):
    pseudonym = fields.Nested(PseudonymSchema, required=True)
    matched = fields.Integer(metadata={"example": 2})
    skills = fields.List(fields.String(), required=True, metadata={
        "description": "Skill families, never exact skills.", "example": ["Backend"]})


class CandidateProfile(Schema):
    pseudonym = fields.Nested(PseudonymSchema, required=True)
    own = fields.Boolean(required=True, metadata={"example": False})
    skills = fields.List(fields.String(), required=True, metadata={"example": ["Backend"]})


class BrowseArgs(PageArgs):
    skills = fields.List(fields.String(), metadata={"example": ["Python"]})
    seniority = fields.String(metadata={"example": "senior"})
    region = fields.String(metadata={"example": "east"})


class StartBody(Schema):
    body = fields.String(required=True, metadata={"example": "Hello, would you talk?"})
    job = fields.String(load_default=None, allow_none=True, data_key="jobId",
                        metadata={"description": "One of your open jobs.",
                                  "example": "3f2a..."})


class ConversationCreated(Schema):
    id = fields.String(required=True, metadata={"example": "9d8c..."})


class OwnPseudonym(PseudonymSchema):
    memberReach = fields.Integer(allow_none=True, metadata={"example": 2})
    visibleFrom = fields.String(allow_none=True, metadata=TIME)
    hiddenFamilies = fields.List(fields.String(), metadata={"example": ["design"]})


class RevealRow(Schema):
    at = fields.String(allow_none=True, metadata=TIME)
    conversationId = fields.String(allow_none=True, metadata={"example": "9d8c..."})
    jobTitle = fields.String(allow_none=True, metadata={"example": "Backend engineer"})
    companyName = fields.String(allow_none=True, metadata={"example": "Acme"})
    pseudonymName = fields.String(allow_none=True, metadata={"example": "令狐冲"})
    toId = fields.String(allow_none=True, metadata={"example": "a1b2..."})
    toName = fields.String(allow_none=True, metadata={"example": "Rita Recruiter"})


class MyCandidate(Schema):
    jobStatus = fields.String(allow_none=True, metadata={"example": "open"})
    level = fields.Integer(allow_none=True, metadata={"example": 3})
    pseudonym = fields.Nested(OwnPseudonym, allow_none=True)
    families = fields.List(fields.String(), required=True, metadata={"example": ["Backend"]})
    reveals = fields.List(fields.Nested(RevealRow), required=True)


@operation(blp, "GET", "/candidates", page_schema(CandidateRow, "CandidatePage"),
           query=BrowseArgs)
def browse(args):
    """Candidates within two degrees that you may see, best skill match first."""
    form = validated(CandidateFilterForm, {"skills": ", ".join(args.get("skills") or []),
                                           "seniority": args.get("seniority"),
                                           "region": args.get("region")})
    skip, limit = window(args)
    rows, total = graph().candidate_search.browse(
        current_user.id, form.skill_list(), form.seniority.data, form.region.data, skip, limit)
    return paged(rows, skip, limit, total)


@operation(blp, "GET", "/candidates/<pseudonym_id>", CandidateProfile, errors=(404,))
def candidate(pseudonym_id: str):
    """A pseudonymous profile (hidden and unknown answer the same 404; opening counts
    towards the daily limit, 429 past it)."""
    return visible_profile(pseudonym_id)


@blp.route("/candidates/<pseudonym_id>/conversations", methods=["POST"])
@start_limit
@blp.arguments(StartBody, error_status_code=400)
@blp.response(201, ConversationCreated)
@problems(blp, 400, 404)
def start(body, pseudonym_id: str):
    """Write first to a candidate (a recruiter may name one of their open jobs); writing
    again continues the same conversation."""
    profile_to_write_to(pseudonym_id)
    jobs = graph().candidate_search.own_open_jobs(current_user.id)
    form = validated(StartConversationForm, body, prepare=lambda f: f.offer_jobs(jobs))
    return {"id": graph().conversations.start_as_counterpart(
        current_user.id, pseudonym_id, form.body.data, form.job.data or None)}


@operation(blp, "GET", "/me/candidate", MyCandidate)
def mine():
    """Your candidate page: your pseudonym, what others see of it, and every reveal."""
    return graph().candidates.mine(current_user.id)
