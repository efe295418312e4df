"""Tokens (log in with a device name, list, create, revoke) and the member's own profile."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import current_app, request
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from graph.accounts.api_tokens import MAX_NAME

from ....auth.login_check import check_login
from ....extensions import graph, limiter
from ....profiles.basics import save_basics
from ....profiles.forms import BasicsForm, EducationForm, PositionForm, SkillsForm
from ...auth import issue_token
from ...common import TIME, validated
from ...operations import operation
from ...problems import problem

public = Blueprint("api_auth", __name__, description="Get a personal access token.")
blp = Blueprint("api_account", __name__, description="Your tokens and your own profile.")

DAYS = validate.OneOf([7, 30, 90, 365])


class LoginBody(Schema):
    email = fields.String(required=True, validate=validate.Length(1, 254),
                          metadata={"example": "li.wei@example.com"})
    password = fields.String(required=True, validate=validate.Length(1, 128),
                             metadata={"example": "correct horse battery"})
    device = fields.String(required=True, validate=validate.Length(1, MAX_NAME),
                           metadata={"example": "Li Wei's phone"})
    days = fields.Integer(load_default=None, validate=DAYS, metadata={"example": 90})


class TokenBody(Schema):
    name = fields.String(required=True, validate=validate.Length(1, MAX_NAME),
                         metadata={"example": "ATS integration"})
    days = fields.Integer(load_default=None, validate=DAYS, metadata={"example": 30})


class TokenSchema(Schema):
    id = fields.String(required=True, metadata={"example": "9b2f0c5e4d3a4b1c8e7f6a5b4c3d2e1f"})
    name = fields.String(required=True, metadata={"example": "Li Wei's phone"})
    createdAt = fields.String(required=True, metadata=TIME)
    expiresAt = fields.String(required=True, metadata=TIME)
    lastUsedAt = fields.String(allow_none=True, required=True, metadata=TIME)


class NewTokenSchema(TokenSchema):
    token = fields.String(required=True, metadata={
        "description": "The token itself: shown once, never again.",
        "example": "rk_3q2-xV9mZ..."})


class TokenListSchema(Schema):
    items = fields.List(fields.Nested(TokenSchema), required=True)


def _login_email_key() -> str:
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else ""
    return "login-account:" + str(email or "").strip().lower()


def _failed(response) -> bool:
    return response.status_code != 201


@public.route("/auth/login", methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], deduct_when=_failed)
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
               key_func=_login_email_key, deduct_when=_failed)
@public.arguments(LoginBody, error_status_code=400)
@public.response(201, NewTokenSchema)
@public.alt_response(401, response="UNAUTHORIZED", description="Wrong e-mail or password")
@public.alt_response(429, response="TOO_MANY_REQUESTS")
@public.doc(security=[])
def login(body):
    """Exchange an e-mail and password for a token named after the device.

    Shares the log-in page's checks and throttles (per address and per account)."""
    outcome = check_login(body["email"], body["password"])
    if outcome is None:
        return problem(401, "That e-mail and password do not match an account.")
    token, record = issue_token(outcome.person_id, body["device"], body["days"])
    return {**record, "token": token}


@operation(blp, "GET", "/tokens", TokenListSchema)
def list_tokens():
    """Your tokens, newest first (never the token itself)."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return {"items": graph().api_tokens.list(current_user.id, now)}


@operation(blp, "POST", "/tokens", NewTokenSchema, status=201, body=TokenBody)
def create_token(body):
    """Make another token (e.g. for an integration)."""
    token, record = issue_token(current_user.id, body["name"], body["days"])
    return {**record, "token": token}


@operation(blp, "DELETE", "/tokens/<token_id>", status=204, errors=(404,))
def revoke_token(token_id: str):
    """Revoke one of your tokens (it stops working at once)."""
    graph().api_tokens.revoke(current_user.id, token_id)


class PositionSchema(Schema):
    id = fields.String(required=True, metadata={"example": "0f3e..."})
    title = fields.String(required=True, metadata={"example": "Backend engineer"})
    start = fields.String(required=True, metadata={"example": "2021-03"})
    end = fields.String(allow_none=True, required=True, metadata={"example": None})
    current = fields.Boolean(required=True, metadata={"example": True})
    company = fields.String(required=True, metadata={"example": "Acme"})
    companyId = fields.String(required=True, metadata={"example": "5c1d..."})


class EducationSchema(Schema):
    id = fields.String(required=True, metadata={"example": "7a2b..."})
    school = fields.String(required=True, metadata={"example": "Tsinghua University"})
    degree = fields.String(allow_none=True, metadata={"example": "BSc"})
    startYear = fields.Integer(allow_none=True, metadata={"example": 2012})
    endYear = fields.Integer(allow_none=True, metadata={"example": 2016})


class PersonSchema(Schema):
    id = fields.String(required=True, metadata={"example": "a1b2c3..."})
    name = fields.String(required=True, metadata={"example": "Li Wei"})
    headline = fields.String(allow_none=True, metadata={"example": "Backend engineer"})
    city = fields.String(allow_none=True, metadata={"example": "上海"})
    createdAt = fields.String(allow_none=True, metadata=TIME)
    jobStatus = fields.String(allow_none=True, metadata={
        "description": "Private: present only on your own profile.", "example": "open"})


class ProfileSchema(Schema):
    person = fields.Nested(PersonSchema, required=True)
    skills = fields.List(fields.String(), required=True, metadata={"example": ["Python"]})
    positions = fields.List(fields.Nested(PositionSchema), required=True)
    education = fields.List(fields.Nested(EducationSchema), required=True)


class BasicsBody(Schema):
    headline = fields.String(load_default="", metadata={"example": "Backend engineer"})
    city = fields.String(load_default=None, metadata={
        "example": "上海", "description": "Your city; left as it is when absent, cleared "
                                         "by an empty string."})
    job_status = fields.String(data_key="jobStatus", required=True, metadata={
        "enum": ["not_looking", "open", "looking"], "example": "open"})


class SkillsBody(Schema):
    skills = fields.List(fields.String(), required=True, metadata={"example": ["Python", "Neo4j"]})


class PositionBody(Schema):
    company = fields.String(required=True, metadata={"example": "Acme"})
    title = fields.String(required=True, metadata={"example": "Backend engineer"})
    start = fields.String(required=True, metadata={"example": "2021-03"})
    end = fields.String(load_default=None, allow_none=True, metadata={"example": None})
    current = fields.Boolean(load_default=False, metadata={"example": True})


class EducationBody(Schema):
    school = fields.String(required=True, metadata={"example": "Tsinghua University"})
    degree = fields.String(load_default="", metadata={"example": "BSc"})
    start_year = fields.Integer(data_key="startYear", required=True, metadata={"example": 2012})
    end_year = fields.Integer(data_key="endYear", load_default=None, allow_none=True,
                              metadata={"example": 2016})


class CreatedSchema(Schema):
    id = fields.String(required=True, metadata={"example": "0f3e..."})


def _own_profile() -> dict:
    return graph().people.profile(current_user.id, current_user.id)


@operation(blp, "GET", "/me", ProfileSchema)
def me():
    """Your profile as you see it on "My profile" (with your private job status)."""
    return _own_profile()


@operation(blp, "PUT", "/me/basics", ProfileSchema, body=BasicsBody)
def put_basics(body):
    """Set your headline, job status (a seeking status gives you a pseudonym) and, when
    given, your city (as on the profile page: a known city is stored under its canonical
    spelling)."""
    form = validated(BasicsForm, body)
    city = None if body["city"] is None else (form.city.data or "")
    save_basics(current_user.id, form.headline.data or "", form.job_status.data, city)
    return _own_profile()


@operation(blp, "PUT", "/me/skills", ProfileSchema, body=SkillsBody)
def put_skills(body):
    """Replace your skills."""
    form = validated(SkillsForm, {"skills": ", ".join(body["skills"])})
    graph().people.set_skills(current_user.id, form.skill_list())
    return _own_profile()


@operation(blp, "POST", "/me/positions", CreatedSchema, status=201, body=PositionBody)
def add_position(body):
    """Add a position (``current`` with no ``end`` for the job you hold now)."""
    form = validated(PositionForm, body)
    return {"id": graph().people.add_position(
        current_user.id, form.company.data, form.title.data, form.start.data,
        None if form.current.data else form.end.data)}


@operation(blp, "DELETE", "/me/positions/<position_id>", status=204, errors=(404,))
def delete_position(position_id: str):
    """Remove one of your positions."""
    graph().people.remove_position(current_user.id, position_id)


@operation(blp, "POST", "/me/education", CreatedSchema, status=201, body=EducationBody)
def add_education(body):
    """Add a school."""
    form = validated(EducationForm, body)
    return {"id": graph().people.add_education(
        current_user.id, form.school.data, form.degree.data or "", form.start_year.data,
        form.end_year.data)}


@operation(blp, "DELETE", "/me/education/<entry_id>", status=204, errors=(404,))
def delete_education(entry_id: str):
    """Remove one of your education entries."""
    graph().people.remove_education(current_user.id, entry_id)
