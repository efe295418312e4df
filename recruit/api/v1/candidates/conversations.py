"""Conversations between a pseudonym and a counterpart: the inbox, a thread, replies,
read marks, the staged reveal ("interested" / withdraw), and a candidate writing first
under their pseudonym. The same repository calls as ``recruit/messages`` and
``recruit/candidates/me.py``; the candidate's identity appears only as the repository
gives it (to the counterpart, after both consented)."""
from __future__ import annotations

from dataclasses import asdict

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ....candidates.forms import MessageForm
from ....extensions import graph
from ...common import (TIME, IdempotencyHeader, PageArgs, once, paged, problems, validated,
                      window)
from ...operations import operation
from .profiles import ConversationCreated, start_limit

blp = Blueprint("api_conversations", __name__,
                description="Conversations under a pseudonym, and the reveal.")


class PseudonymName(Schema):
    id = fields.String(required=True, metadata={"example": "c0ffee..."})
    hanzi = fields.String(required=True, metadata={"example": "令狐冲"})
    pinyin = fields.String(required=True, metadata={"example": "Linghu Chong"})
    generation = fields.Integer(allow_none=True, metadata={"example": 1})
    rank = fields.Integer(allow_none=True, metadata={"example": 3})
    active = fields.Boolean(allow_none=True, metadata={"example": True})


class Participant(Schema):
    id = fields.String(required=True, metadata={"example": "a1b2..."})
    name = fields.String(required=True, metadata={"example": "Rita Recruiter"})


class ConversationJob(Schema):
    id = fields.String(required=True, metadata={"example": "3f2a..."})
    title = fields.String(required=True, metadata={"example": "Backend engineer"})
    company = fields.String(allow_none=True, metadata={"example": "Acme"})


class InboxRow(Schema):
    id = fields.String(required=True, metadata={"example": "9d8c..."})
    side = fields.String(required=True, metadata={"enum": ["candidate", "counterpart"],
                                                  "example": "counterpart"})
    pseudonym = fields.Nested(PseudonymName, required=True)
    other = fields.Nested(Participant, allow_none=True, metadata={
        "description": "The other party, only where you may know them."})
    unread = fields.Integer(required=True, metadata={"example": 1})
    job = fields.Nested(ConversationJob, allow_none=True)
    updatedAt = fields.String(allow_none=True, metadata=TIME)
    revealed = fields.Boolean(required=True, metadata={"example": False})


class ConversationState(Schema):
    id = fields.String(required=True, metadata={"example": "9d8c..."})
    messageCount = fields.Integer(required=True, metadata={"example": 3})
    candidateInterested = fields.Boolean(allow_none=True, metadata={"example": False})
    counterpartInterested = fields.Boolean(allow_none=True, metadata={"example": True})
    revealedAt = fields.String(allow_none=True, metadata=TIME)


class Staged(Schema):
    industry = fields.String(allow_none=True, metadata={"example": "Internet"})
    seniority = fields.String(allow_none=True, metadata={"example": "senior"})
    company = fields.String(allow_none=True, metadata={"example": "Initech"})
    title = fields.String(allow_none=True, metadata={"example": "Engineer"})


class Revealed(Participant):
    position = fields.String(allow_none=True, metadata={"example": "Engineer at Initech"})


class MessageRow(Schema):
    seq = fields.Integer(required=True, metadata={"example": 1})
    body = fields.String(required=True, metadata={"example": "Hello"})
    fromCandidate = fields.Boolean(required=True, metadata={"example": False})
    sentAt = fields.String(required=True, metadata=TIME)


class Thread(Schema):
    side = fields.String(required=True, metadata={"enum": ["candidate", "counterpart"],
                                                  "example": "counterpart"})
    seeking = fields.Boolean(allow_none=True, metadata={"example": True})
    stage = fields.Integer(required=True, metadata={
        "description": "Reveal stage: 0 none, 1 industry and level, 2 company and title, "
                       "3 identity.", "example": 0})
    conversation = fields.Nested(ConversationState, required=True)
    staged = fields.Nested(Staged, allow_none=True)
    pseudonym = fields.Nested(PseudonymName, required=True)
    job = fields.Nested(ConversationJob, allow_none=True)
    counterpart = fields.Nested(Participant, allow_none=True)
    revealed = fields.Nested(Revealed, allow_none=True, metadata={
        "description": "The candidate, for the counterpart, once both said yes."})
    messages = fields.List(fields.Nested(MessageRow), required=True)
    unread = fields.Integer(required=True, metadata={"example": 0})


class InboxPage(Schema):
    items = fields.List(fields.Nested(InboxRow), required=True)
    next = fields.String(allow_none=True, required=True)
    total = fields.Integer(required=True)
    unread = fields.Integer(required=True, metadata={"example": 2})


class MessageBody(Schema):
    body = fields.String(required=True, metadata={"example": "Thanks, happy to talk."})


class ConsentSchema(Schema):
    candidate = fields.Boolean(required=True, metadata={"example": True})
    counterpart = fields.Boolean(required=True, metadata={"example": False})
    revealed = fields.Boolean(required=True, metadata={"example": False})
    stage = fields.Integer(required=True, metadata={"example": 1})


@operation(blp, "GET", "/conversations", InboxPage, query=PageArgs)
def inbox(args):
    """Your conversations, latest activity first, with unread counts."""
    skip, limit = window(args)
    rows, total, unread = graph().conversations.inbox(current_user.id, skip, limit)
    return {**paged(rows, skip, limit, total), "unread": unread}


@operation(blp, "GET", "/conversations/<conversation_id>", Thread, errors=(404,))
def thread(conversation_id: str):
    """A conversation as your side sees it (reading marks nothing: see ``/read``)."""
    return graph().conversations.thread(current_user.id, conversation_id)


@operation(blp, "POST", "/conversations/<conversation_id>/messages", Thread, status=201,
           headers=IdempotencyHeader, body=MessageBody, errors=(403, 404))
def reply(headers, body, conversation_id: str):
    """Reply in a conversation; a retry with the same Idempotency-Key posts once."""
    form = validated(MessageForm, body)
    once(lambda key: graph().conversations.post(current_user.id, conversation_id,
                                                form.body.data, request_id=key),
         headers["idempotency_key"])
    return graph().conversations.thread(current_user.id, conversation_id)


@operation(blp, "POST", "/conversations/<conversation_id>/read", status=204, errors=(404,))
def mark_read(conversation_id: str):
    """Mark the conversation read for your side."""
    graph().conversations.mark_read(current_user.id, conversation_id)


@operation(blp, "POST", "/conversations/<conversation_id>/interest", ConsentSchema,
           errors=(400, 403, 404, 409))
def interest(conversation_id: str):
    """Say you are interested in the next reveal stage; when both sides are, it opens
    (the last stage reveals the candidate to this counterpart only, and is recorded)."""
    return asdict(graph().reveals.express_interest(current_user.id, conversation_id))


@operation(blp, "POST", "/conversations/<conversation_id>/withdraw", ConsentSchema,
           errors=(400, 403, 404, 409))
def withdraw(conversation_id: str):
    """Withdraw your interest (before the other side has said yes)."""
    return asdict(graph().reveals.withdraw(current_user.id, conversation_id))


def _write_first(check, start, target_id: str, body: dict) -> dict:
    """Start a conversation under your pseudonym: the repository's ``check`` (may you
    write to ``target_id`` at all?) before the message is validated, then ``start``."""
    check(current_user.id, target_id)
    form = validated(MessageForm, body)
    return {"id": start(current_user.id, target_id, form.body.data)}


def _first_message(rule: str):
    """Register a view that writes first under your pseudonym at ``rule``: the
    first-message limit is checked before the body is read (as on the pages)."""
    def decorate(view):
        view = problems(blp, 400, 403, 404)(view)
        view = blp.response(201, ConversationCreated)(view)
        view = blp.arguments(MessageBody, error_status_code=400)(view)
        return blp.route(rule, methods=["POST"])(start_limit(view))
    return decorate


@_first_message("/me/candidate/contacts/<person_id>/conversations")
def write_to_contact(body, person_id: str):
    """Write under your pseudonym to a 1st- or 2nd-degree contact."""
    conversations = graph().conversations
    return _write_first(conversations.check_contact, conversations.start_with_contact,
                        person_id, body)


@_first_message("/me/candidate/jobs/<job_id>/conversations")
def write_about_job(body, job_id: str):
    """Write under your pseudonym to the recruiter of an open job."""
    conversations = graph().conversations
    return _write_first(conversations.check_job, conversations.start_about_job, job_id, body)
