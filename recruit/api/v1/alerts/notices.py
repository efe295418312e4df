"""Notifications (conversations, referrals, introductions): the same calls as
``recruit/notices``."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ....extensions import graph
from ...common import TIME, PageArgs, paged, window
from ...operations import operation

blp = Blueprint("api_notices", __name__, description="Your notifications.")


class Notice(Schema):
    id = fields.String(required=True, metadata={"example": "5e6f..."})
    kind = fields.String(required=True, metadata={"example": "referral"})
    text = fields.String(required=True, metadata={"example": "Rita moved your referral on."})
    link = fields.String(allow_none=True, metadata={
        "description": "A path on the site (the page this notice is about).",
        "example": "/referrals/1a2b"})
    createdAt = fields.String(required=True, metadata=TIME)
    read = fields.Boolean(required=True, metadata={"example": False})


class NoticePage(Schema):
    items = fields.List(fields.Nested(Notice), required=True)
    next = fields.String(allow_none=True, required=True)
    total = fields.Integer(required=True, metadata={"example": 3})
    unread = fields.Integer(required=True, metadata={"example": 1})


class ReadCount(Schema):
    changed = fields.Integer(required=True, metadata={"example": 2})


@operation(blp, "GET", "/notifications", NoticePage, query=PageArgs)
def notifications(args):
    """Your notifications, newest first, and how many are unread."""
    skip, limit = window(args)
    data = graph().notices.page(current_user.id, skip, limit)
    return {**paged(data["rows"], skip, limit, data["total"]), "unread": data["unread"]}


@operation(blp, "POST", "/notifications/<notice_id>/read", status=204, errors=(404,))
def read_one(notice_id: str):
    """Mark one notification read."""
    graph().notices.mark_read(current_user.id, notice_id)


@operation(blp, "POST", "/notifications/read", ReadCount)
def read_all():
    """Mark every notification read."""
    return {"changed": graph().notices.mark_all_read(current_user.id)}
