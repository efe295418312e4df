"""Asking a mutual friend for an introduction to a 2nd-degree member, the middle friend
forwarding or letting it pass (quietly), and the conversation once forwarded: the same
calls and forms as ``recruit/introductions``."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ....extensions import graph
from ....introductions.forms import ForwardForm, IntroductionForm, MessageForm
from ....introductions.rules import introduction_target
from ...common import TIME, offering, validated
from ...operations import operation

blp = Blueprint("api_introductions", __name__,
                description="Introductions through a mutual friend.")

STATES = ["waiting", "forwarded", "not_forwarded"]


class IntroPerson(Schema):
    id = fields.String(required=True, metadata={"example": "a1b2..."})
    name = fields.String(required=True, metadata={"example": "Fay Friend"})


class IntroBody(Schema):
    via = fields.String(data_key="viaId", required=True, metadata={
        "description": "A mutual friend (see the member page's connection).",
        "example": "a1b2..."})
    message = fields.String(required=True, metadata={"example": "I'd love to meet Zhang Min."})


class IntroRequested(Schema):
    id = fields.String(required=True, metadata={"example": "6b7c..."})
    target = fields.String(required=True, metadata={"example": "Zhang Min"})
    via = fields.String(required=True, metadata={"example": "Fay Friend"})


class SentIntro(Schema):
    id = fields.String(required=True, metadata={"example": "6b7c..."})
    createdAt = fields.String(required=True, metadata=TIME)
    middle = fields.Nested(IntroPerson, required=True)
    target = fields.Nested(IntroPerson, required=True)
    state = fields.String(required=True, metadata={"enum": STATES, "example": "waiting"})


class ToForward(Schema):
    id = fields.String(required=True, metadata={"example": "6b7c..."})
    createdAt = fields.String(required=True, metadata=TIME)
    message = fields.String(allow_none=True, metadata={"example": "I'd love to meet her."})
    requester = fields.Nested(IntroPerson, required=True)
    target = fields.Nested(IntroPerson, required=True)


class ReceivedIntro(Schema):
    id = fields.String(required=True, metadata={"example": "6b7c..."})
    answeredAt = fields.String(allow_none=True, metadata=TIME)
    message = fields.String(allow_none=True, metadata={"example": "I'd love to meet you."})
    requester = fields.Nested(IntroPerson, required=True)
    middle = fields.Nested(IntroPerson, required=True)


class IntroLists(Schema):
    sent = fields.List(fields.Nested(SentIntro), required=True)
    toForward = fields.List(fields.Nested(ToForward), required=True)
    received = fields.List(fields.Nested(ReceivedIntro), required=True)


class IntroFacts(Schema):
    id = fields.String(required=True, metadata={"example": "6b7c..."})
    message = fields.String(allow_none=True, metadata={"example": "I'd love to meet her."})
    createdAt = fields.String(required=True, metadata=TIME)
    answeredAt = fields.String(allow_none=True, metadata=TIME)
    note = fields.String(allow_none=True, metadata={"example": "You two should talk."})


class IntroMessage(Schema):
    text = fields.String(required=True, metadata={"example": "Hello!"})
    at = fields.String(required=True, metadata=TIME)
    seq = fields.Integer(required=True, metadata={"example": 0})
    by = fields.String(allow_none=True, metadata={"example": "Zhang Min"})
    mine = fields.Boolean(required=True, metadata={"example": False})


class IntroPage(Schema):
    role = fields.String(required=True, metadata={"enum": ["requester", "middle", "target"],
                                                  "example": "requester"})
    intro = fields.Nested(IntroFacts, required=True)
    state = fields.String(required=True, metadata={"enum": STATES, "example": "forwarded"})
    requester = fields.Nested(IntroPerson, required=True)
    middle = fields.Nested(IntroPerson, required=True)
    target = fields.Nested(IntroPerson, required=True)
    messages = fields.List(fields.Nested(IntroMessage), required=True)
    connected = fields.Boolean(required=True, metadata={"example": False})


class NoteBody(Schema):
    note = fields.String(load_default="", metadata={"example": "You two should talk."})


class TextBody(Schema):
    text = fields.String(required=True, metadata={"example": "Hello!"})


@operation(blp, "POST", "/people/<person_id>/introductions", IntroRequested, status=201,
           body=IntroBody, errors=(404, 409))
def request_intro(body, person_id: str):
    """Ask a mutual friend to introduce you to a 2nd-degree member."""
    _, connection = introduction_target(person_id)
    form = validated(IntroductionForm, body, prepare=offering("via", connection["mutuals"]))
    return graph().introductions.request(current_user.id, person_id, form.via.data,
                                         form.message.data)


@operation(blp, "GET", "/introductions", IntroLists)
def introductions():
    """Introductions you asked for, those waiting for you to forward, and those that
    reached you."""
    return graph().introductions.lists(current_user.id)


@operation(blp, "GET", "/introductions/<intro_id>", IntroPage, errors=(404,))
def introduction(intro_id: str):
    """One introduction as your role sees it (messages once forwarded)."""
    return graph().introductions.page(current_user.id, intro_id)


@operation(blp, "POST", "/introductions/<intro_id>/forward", IntroPage, body=NoteBody,
           errors=(404, 409))
def forward(body, intro_id: str):
    """The middle friend forwards, with an optional note both see."""
    form = validated(ForwardForm, body)
    graph().introductions.forward(current_user.id, intro_id, form.note.data)
    return graph().introductions.page(current_user.id, intro_id)


@operation(blp, "POST", "/introductions/<intro_id>/decline", status=204, errors=(404, 409))
def decline(intro_id: str):
    """Let it pass: nobody is told (the requester keeps reading "waiting")."""
    graph().introductions.decline(current_user.id, intro_id)


@operation(blp, "POST", "/introductions/<intro_id>/messages", IntroPage, status=201,
           body=TextBody, errors=(404, 409))
def write(body, intro_id: str):
    """Write to the other side of a forwarded introduction."""
    form = validated(MessageForm, body)
    graph().introductions.write(current_user.id, intro_id, form.text.data)
    return graph().introductions.page(current_user.id, intro_id)
