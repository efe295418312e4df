"""A job's pipeline board for its recruiters: every candidate (applications, member
referrals, outside referrals) as a card, moves with a rejection reason (told or hidden),
and asking a pseudonymous applicant who they are. The same calls as the board page
(``recruit/hiring/actions.py``), validated by its ``MoveCardForm``."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from graph.hiring.rejections import REASONS
from graph.referrals.stages import PIPELINE

from ....extensions import graph
from ....hiring import actions
from ....hiring.forms import MoveCardForm
from ...common import validated
from ...operations import operation
from .applications import JobRef
from ..candidates.profiles import PseudonymSchema
from ..jobs.postings import CompanyRef
from ..network.people import BadgeSchema

blp = Blueprint("api_board", __name__, description="A job's pipeline, for its recruiters.")

SOURCES = ["application", "pseudonymous_application", "referral", "outside_referral"]


class CardPerson(Schema):
    id = fields.String(required=True, metadata={"example": "a1b2..."})
    name = fields.String(required=True, metadata={"example": "Carl Candidate"})


class Card(Schema):
    kind = fields.String(required=True, metadata={"enum": list(actions.CARD_KINDS),
                                                  "example": "application"})
    id = fields.String(required=True, metadata={"example": "7a8b..."})
    status = fields.String(required=True, metadata={"enum": list(PIPELINE),
                                                    "example": "reviewing"})
    days = fields.Integer(required=True, metadata={"description": "Days in this stage.",
                                                   "example": 3})
    source = fields.String(required=True, metadata={"enum": SOURCES, "example": "application"})
    candidate = fields.Nested(CardPerson, allow_none=True, metadata={
        "description": "Null while a pseudonymous applicant has not revealed."})
    badge = fields.Nested(BadgeSchema, allow_none=True, metadata={
        "description": "Your degree to a named candidate."})
    pseudonym = fields.Nested(PseudonymSchema, allow_none=True, metadata={
        "description": "The pseudonym as your company knows it."})
    pseudonymName = fields.String(allow_none=True, metadata={"example": "令狐冲"})
    skills = fields.List(fields.String(), allow_none=True, metadata={
        "description": "Skill families of an unrevealed pseudonymous applicant.",
        "example": ["Backend"]})
    referrer = fields.Nested(CardPerson, allow_none=True)
    note = fields.String(allow_none=True, metadata={"example": "Happy to talk this week."})
    askedReveal = fields.Boolean(allow_none=True, metadata={"example": False})
    resumeFrom = fields.String(allow_none=True, metadata={
        "description": "The application whose résumé you may download "
                       "(`GET /applications/{id}/resume`).", "example": "7a8b..."})
    resumeHeld = fields.Boolean(allow_none=True, metadata={
        "description": "A résumé exists but is held back until the candidate reveals.",
        "example": False})
    resumeSkills = fields.List(fields.String(), allow_none=True, metadata={
        "description": "The job's skills the résumé names.", "example": ["Python"]})
    canMove = fields.Boolean(required=True, metadata={
        "description": "False on a referral you are part of.", "example": True})


class Board(Schema):
    job = fields.Nested(JobRef, required=True)
    company = fields.Nested(CompanyRef, required=True)
    cards = fields.List(fields.Nested(Card), required=True, metadata={
        "description": "In stage order of entry, then by id; group by `status` for columns."})


class CardMoveBody(Schema):
    stage = fields.String(required=True, metadata={"enum": list(PIPELINE),
                                                   "example": "not_selected"})
    reason = fields.String(load_default="", metadata={
        "enum": ["", *REASONS], "example": next(iter(REASONS)),
        "description": "For `not_selected`: why, told to the candidate unless hidden."})
    hide_reason = fields.Boolean(data_key="hideReason", load_default=False, metadata={
        "description": "Keep the reason from the candidate.", "example": False})
    comment = fields.String(load_default="", metadata={
        "description": "A message the candidate reads.", "example": "Thank you for your time."})


@operation(blp, "GET", "/jobs/<job_id>/board", Board, errors=(404,))
def board(job_id: str):
    """The job's pipeline, for an active recruiter of its company (404 for anyone else)."""
    return actions.board_with_badges(current_user.id, job_id)


@operation(blp, "POST", "/jobs/<job_id>/board/<kind>/<card_id>/move", status=204,
           body=CardMoveBody, errors=(403, 404))
def move(body, job_id: str, kind: str, card_id: str):
    """Move a card (`kind`: application or referral) to another stage; the candidate is
    told, kindly, with the reason unless you hide it."""
    form = validated(MoveCardForm, body)
    actions.move_card(current_user.id, job_id, kind, card_id, form.stage.data,
                      form.comment.data, form.reason.data, form.hide_reason.data)


@operation(blp, "POST", "/jobs/<job_id>/board/application/<card_id>/ask-reveal",
           status=204, errors=(400, 403, 404))
def ask_reveal(job_id: str, card_id: str):
    """Ask a pseudonymous applicant who they are; they decide."""
    graph().pipeline_board.ask_reveal(current_user.id, job_id, card_id)
