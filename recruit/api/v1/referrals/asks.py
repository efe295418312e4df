"""Asking a 1st-degree friend at a company for a referral, and answering such asks: the
same calls as ``recruit/referrals/asks.py`` (validated by its forms, mailed by its
``notify``). A quiet "let it pass" is never told to the asker."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ....extensions import graph
from ....referrals.forms import AnswerAskForm, AskForm
from ....referrals.notify import mail_confirmed
from ...common import TIME, offering, validated
from ...operations import operation

blp = Blueprint("api_referral_asks", __name__, description="Asking friends for referrals.")


class NamedRef(Schema):
    id = fields.String(required=True, metadata={"example": "a1b2..."})
    name = fields.String(required=True, metadata={"example": "Fay Friend"})


class AskJob(Schema):
    id = fields.String(required=True, metadata={"example": "3f2a..."})
    title = fields.String(required=True, metadata={"example": "Backend engineer"})
    status = fields.String(metadata={"enum": ["open", "closed"], "example": "open"})


class AskPage(Schema):
    job = fields.Nested(AskJob, required=True)
    company = fields.Nested(NamedRef, required=True)
    meWorksThere = fields.Boolean(required=True, metadata={"example": False})
    friends = fields.List(fields.Nested(NamedRef), required=True, metadata={
        "description": "Your friends who work at the company now."})


class AskBody(Schema):
    friend = fields.String(data_key="friendId", required=True, metadata={"example": "a1b2..."})
    message = fields.String(load_default="", metadata={"example": "Could you refer me?"})


class AskSent(Schema):
    friend = fields.String(required=True, metadata={"example": "Fay Friend"})
    job = fields.String(required=True, metadata={"example": "Backend engineer"})


class SentAsk(Schema):
    id = fields.String(required=True, metadata={"example": "7c8d..."})
    createdAt = fields.String(required=True, metadata=TIME)
    friend = fields.Nested(NamedRef, required=True)
    job = fields.Nested(AskJob, required=True)
    company = fields.Nested(NamedRef, required=True)
    referralId = fields.String(allow_none=True, metadata={"example": None})
    state = fields.String(required=True, metadata={
        "enum": ["waiting", "referred", "not_referred"], "example": "waiting"})


class ReceivedAsk(Schema):
    id = fields.String(required=True, metadata={"example": "7c8d..."})
    createdAt = fields.String(required=True, metadata=TIME)
    message = fields.String(allow_none=True, metadata={"example": "Could you refer me?"})
    asker = fields.Nested(NamedRef, required=True)
    job = fields.Nested(AskJob, required=True)
    company = fields.Nested(NamedRef, required=True)


class AskLists(Schema):
    sent = fields.List(fields.Nested(SentAsk), required=True)
    received = fields.List(fields.Nested(ReceivedAsk), required=True)


class AnswerBody(Schema):
    note = fields.String(load_default="", metadata={"example": "Strong engineer, worked with her."})


class AnswerResult(Schema):
    referralId = fields.String(allow_none=True, metadata={
        "description": "The referral made, or null when you let the ask pass.",
        "example": "1a2b..."})


@operation(blp, "GET", "/jobs/<job_id>/referral-asks", AskPage, errors=(404,))
def ask_page(job_id: str):
    """The job and your friends who work at its company now (whom you may ask)."""
    return graph().referral_asks.ask_page(current_user.id, job_id)


@operation(blp, "POST", "/jobs/<job_id>/referral-asks", AskSent, status=201, body=AskBody,
           errors=(404, 409))
def ask(body, job_id: str):
    """Ask a friend who works at the job's company to refer you (one open ask per job;
    asking again is a 409)."""
    page = graph().referral_asks.ask_page(current_user.id, job_id)
    form = validated(AskForm, body, prepare=offering("friend", page["friends"]))
    return graph().referral_asks.ask(current_user.id, current_user.name, job_id,
                                     form.friend.data, form.message.data)


@operation(blp, "GET", "/referral-asks", AskLists)
def asks():
    """The asks you sent (with their state) and the open asks waiting for your answer."""
    return graph().referral_asks.lists(current_user.id)


def _answer(ask_id: str, body: dict, refer: bool) -> dict:
    form = validated(AnswerAskForm, body)
    result = graph().referral_asks.answer(current_user.id, ask_id, refer, form.note.data)
    if result is None:
        return {"referralId": None}
    mail_confirmed(result)
    return {"referralId": result["referral"]["id"]}


@operation(blp, "POST", "/referral-asks/<ask_id>/refer", AnswerResult, body=AnswerBody,
           errors=(404, 409))
def refer_asker(body, ask_id: str):
    """Refer the friend who asked (it is confirmed at once: they asked)."""
    return _answer(ask_id, body, True)


@operation(blp, "POST", "/referral-asks/<ask_id>/decline", AnswerResult, body=AnswerBody,
           errors=(404, 409))
def let_pass(body, ask_id: str):
    """Let an ask pass quietly (the asker is not told)."""
    return _answer(ask_id, body, False)
