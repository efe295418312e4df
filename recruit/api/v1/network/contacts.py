"""People you may know (with dismissing) and circles: the same calls as
``recruit/suggestions`` and ``recruit/circles``."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from graph.network.circle_groups import CIRCLE_KINDS

from ....circles.building import my_circles, one_circle
from ....extensions import graph
from ....suggestions.badges import suggestion_badge
from ...common import PageArgs, page_schema, paged, window
from ...operations import operation
from .people import BadgeSchema

blp = Blueprint("api_contacts", __name__,
                description="People you may know, and your circles.")


class Suggested(Schema):
    id = fields.String(required=True, metadata={"example": "a1b2..."})
    name = fields.String(required=True, metadata={"example": "Zhang Min"})
    headline = fields.String(allow_none=True, metadata={"example": "Designer"})


class SuggestionRow(Schema):
    person = fields.Nested(Suggested, required=True)
    badge = fields.Nested(BadgeSchema, required=True)
    companies = fields.List(fields.String(), required=True, dump_default=[], metadata={
        "description": "Companies you share.", "example": ["Acme"]})
    schools = fields.List(fields.String(), required=True, dump_default=[],
                          metadata={"example": []})
    inContacts = fields.Boolean(required=True, dump_default=False, metadata={
        "description": "In an address book you imported.", "example": False})
    eachOther = fields.Boolean(required=True, dump_default=False, metadata={
        "description": "You have each other in imported address books (one side alone is "
                       "never shown: it would tell who keeps your number).",
        "example": False})
    follows = fields.Boolean(required=True, dump_default=False, metadata={"example": False})


class SuggestionPage(page_schema(SuggestionRow, "SuggestionItems")):
    dismissed = fields.Integer(required=True, metadata={"example": 0})


class RestoredCount(Schema):
    restored = fields.Integer(required=True, metadata={"example": 2})


class CircleSummary(Schema):
    kind = fields.String(required=True, metadata={"enum": list(CIRCLE_KINDS),
                                                  "example": "company"})
    key = fields.String(required=True, metadata={"example": "acme"})
    name = fields.String(required=True, metadata={"example": "Acme"})
    size = fields.Integer(required=True, metadata={"example": 4})


class CircleList(Schema):
    items = fields.List(fields.Nested(CircleSummary), required=True)
    friendCount = fields.Integer(required=True, metadata={"example": 12})


class CircleMember(Schema):
    id = fields.String(required=True, metadata={"example": "a1b2..."})
    name = fields.String(required=True, metadata={"example": "Zhang Min"})
    headline = fields.String(allow_none=True, metadata={"example": "Designer"})


class CirclePage(page_schema(CircleMember, "CircleMembers")):
    name = fields.String(required=True, metadata={"example": "Acme"})


@operation(blp, "GET", "/suggestions", SuggestionPage, query=PageArgs)
def suggestions(args):
    """People you may know, ranked by mutual friends, shared companies and schools and
    imported contacts."""
    skip, limit = window(args)
    rows, total = graph().suggestions.page(current_user.id, skip, limit)
    rows = [{**row, "badge": suggestion_badge(row)} for row in rows]
    return {**paged(rows, skip, limit, total),
            "dismissed": graph().suggestions.dismissed_count(current_user.id)}


@operation(blp, "POST", "/suggestions/<person_id>/dismiss", status=204, errors=(400, 404))
def dismiss(person_id: str):
    """Never suggest this member again (until you restore dismissed ones)."""
    graph().suggestions.dismiss(current_user.id, person_id)


@operation(blp, "POST", "/suggestions/restore", RestoredCount)
def restore():
    """Bring back every suggestion you dismissed."""
    return {"restored": graph().suggestions.restore_dismissed(current_user.id)}


@operation(blp, "GET", "/circles", CircleList)
def circles():
    """Your contacts grouped by label, community, company, school, title and skill."""
    found, friends = my_circles(current_user.id)
    items = [{"kind": kind, "key": c["key"], "name": c["name"], "size": len(c["members"])}
             for kind in CIRCLE_KINDS for c in found.get(kind, [])]
    return {"items": items, "friendCount": len(friends)}


@operation(blp, "GET", "/circles/<kind>/<path:key>", CirclePage, query=PageArgs, errors=(404,))
def circle(args, kind: str, key: str):
    """One circle's members (``all``/``all``: every contact)."""
    found, friends = one_circle(current_user.id, kind, key)
    skip, limit = window(args)
    members = [friends[i] for i in found["members"][skip:skip + limit]]
    return {**paged(members, skip, limit, len(found["members"])), "name": found["name"]}
