"""Your pseudonym's settings: activating it, what its profile shows and who may see it,
rotating it (a new name and id for every company), the skill families it hides, and the
block list of companies it is hidden from. The same repository calls and forms as
``recruit/candidates/me.py`` and ``blocks.py``."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from graph.candidates.fields import INDUSTRIES, MEMBER_REACH, REGIONS, SENIORITY

from ....candidates.forms import (BlockCompanyForm, HiddenFamiliesForm, PreviewForm,
                                 PseudonymSettingsForm)
from ....extensions import graph
from ...common import TIME, validated
from ...operations import operation

blp = Blueprint("api_pseudonym_settings", __name__,
                description="Your pseudonym's settings and block list.")


class Activated(Schema):
    change = fields.String(required=True, metadata={
        "enum": ["created", "retired", "unchanged"], "example": "created",
        "description": "What your job status did to your pseudonym."})


class SettingsBody(Schema):
    headline = fields.String(load_default="", metadata={"example": "Backend, payments"})
    seniority = fields.String(required=True, metadata={"enum": list(SENIORITY),
                                                       "example": next(iter(SENIORITY))})
    industry = fields.String(required=True, metadata={"enum": list(INDUSTRIES),
                                                      "example": next(iter(INDUSTRIES))})
    region = fields.String(required=True, metadata={"enum": list(REGIONS),
                                                    "example": next(iter(REGIONS))})
    member_reach = fields.Integer(data_key="memberReach", required=True, metadata={
        "enum": list(MEMBER_REACH), "example": next(iter(MEMBER_REACH)),
        "description": "Who besides recruiters may see it."})


class FamiliesBody(Schema):
    hidden = fields.List(fields.String(), required=True, metadata={
        "description": "Keys of your own skill families to leave out.",
        "example": ["design"]})


class BlockBody(Schema):
    company = fields.String(required=True, metadata={"example": "Acme"})


class Blocked(Schema):
    id = fields.String(required=True, metadata={"example": "5c1d..."})
    name = fields.String(required=True, metadata={"example": "Acme"})
    since = fields.String(allow_none=True, metadata=TIME)


class BlockList(Schema):
    items = fields.List(fields.Nested(Blocked), required=True)


class PreviewArgs(Schema):
    company = fields.String(required=True, metadata={"example": "Acme"})


class CompanyPreview(Schema):
    company = fields.String(required=True, metadata={"example": "Acme"})
    hidden = fields.Boolean(required=True, metadata={"example": True})
    reasons = fields.List(fields.String(), required=True, metadata={
        "description": "Why it is hidden from that company, in your own words of it.",
        "example": ["Acme is on your block list"]})
    pseudonymName = fields.String(allow_none=True, required=True, metadata={
        "description": "The name that company's recruiters know your pseudonym by (each "
                       "company has its own); null when hidden, without a pseudonym, or "
                       "for a company without a page.",
        "example": "令狐冲"})


@operation(blp, "POST", "/me/candidate/activate", Activated)
def activate():
    """Bring your pseudonym in line with your job status (created when you are looking
    or open to offers, hidden everywhere when not)."""
    change, _ = graph().candidates.sync(current_user.id)
    return {"change": change}


@operation(blp, "PUT", "/me/candidate/settings", status=204, body=SettingsBody,
           errors=(404,))
def update_settings(body):
    """What your pseudonymous profile shows (generalised) and who may see it; a headline
    that names you, your e-mail, an employer or a school is refused."""
    form = validated(PseudonymSettingsForm, body)
    graph().candidates.update_settings(current_user.id, form.headline.data or "",
                                       form.seniority.data, form.industry.data,
                                       form.region.data, form.member_reach.data)


@operation(blp, "POST", "/me/candidate/rotate", status=204, errors=(400, 404))
def rotate():
    """A new pseudonym: every company knows you by a new name and id from now on (old
    conversations keep the old name); its headline starts empty."""
    graph().candidates.rotate(current_user.id)


@operation(blp, "PUT", "/me/candidate/hidden-families", status=204, body=FamiliesBody,
           errors=(404,))
def hide_families(body):
    """Hide these of your skill families from your pseudonymous profile (all others
    shown); recruiters and you see the same generalised view."""
    choices = graph().candidates.mine(current_user.id)["familyChoices"]

    def offer(form):
        form.hidden.choices = choices
    form = validated(HiddenFamiliesForm, body, prepare=offer)
    graph().candidates.hide_families(current_user.id, form.hidden.data or [])


@operation(blp, "GET", "/me/candidate/blocks", BlockList)
def blocks():
    """The companies your pseudonym is hidden from (besides your employers)."""
    return {"items": graph().candidate_blocks.listing(current_user.id)}


@operation(blp, "POST", "/me/candidate/blocks", Blocked, status=201, body=BlockBody)
def add_block(body):
    """Hide your pseudonym from everyone tied to a company (by name: any company, with a
    page or not). Adding one already listed changes nothing."""
    form = validated(BlockCompanyForm, body)
    name = graph().candidate_blocks.add(current_user.id, form.company.data)
    listed = graph().candidate_blocks.listing(current_user.id)
    return next(row for row in listed if row["name"] == name)


@operation(blp, "GET", "/me/candidate/blocks/preview", CompanyPreview, query=PreviewArgs)
def preview(args):
    """Preview your pseudonym as a company would see it: whether everyone tied to that
    company (by any of its names, domains or roles) is kept from it, and why; else the
    name its recruiters know you by."""
    form = validated(PreviewForm, args)
    return graph().candidate_blocks.preview(current_user.id, form.company.data)


@operation(blp, "DELETE", "/me/candidate/blocks/<company_id>", status=204, errors=(404,))
def remove_block(company_id: str):
    """Take a company off your block list."""
    graph().candidate_blocks.remove(current_user.id, company_id)
