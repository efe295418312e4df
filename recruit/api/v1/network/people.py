"""Friends and requests, 2nd degree, degree badges, a member's page with the paths to
them, and people search: the same repository calls as ``recruit/network`` and
``recruit/profiles``."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from ....extensions import graph
from ....listing import with_badges
from ....network.forms import PeopleSearchForm
from ...common import (TIME, IdempotencyHeader, PageArgs, once, page_schema, paged, problems,
                      validated, window)
from ...operations import operation
from ..accounts.tokens import ProfileSchema

blp = Blueprint("api_network", __name__, description="Friends, degrees and people search.")

MAX_BADGE_IDS = 100


class PersonRef(Schema):
    id = fields.String(required=True, metadata={"example": "a1b2c3d4e5f6"})
    name = fields.String(required=True, metadata={"example": "Zhang Min"})


class BadgeSchema(Schema):
    degree = fields.Integer(required=True, metadata={
        "description": "0 yourself, 1 friend, 2 friend of a friend, 3 further.", "example": 2})
    mutualCount = fields.Integer(required=True, metadata={"example": 4})
    mutuals = fields.List(fields.Nested(PersonRef), required=True,
                          metadata={"description": "The closest mutual friends."})


class PersonRow(Schema):
    id = fields.String(required=True, metadata={"example": "a1b2c3d4e5f6"})
    name = fields.String(required=True, metadata={"example": "Zhang Min"})
    headline = fields.String(allow_none=True, metadata={"example": "Recruiter at Acme"})
    company = fields.String(allow_none=True, metadata={"example": "Acme"})
    badge = fields.Nested(BadgeSchema, allow_none=True)


class SearchedPerson(PersonRow):
    city = fields.String(allow_none=True, metadata={
        "example": "上海", "description": "Tells namesakes apart, as on the search page."})


class FriendRow(Schema):
    person = fields.Nested(PersonRow, required=True)


class SecondDegreeRow(Schema):
    person = fields.Nested(PersonRow, required=True)
    mutualCount = fields.Integer(required=True, metadata={"example": 2})
    via = fields.List(fields.Nested(PersonRef), required=True)


class RequestRow(PersonRow):
    createdAt = fields.String(allow_none=True, metadata=TIME)


class RequestsSchema(Schema):
    incoming = fields.List(fields.Nested(RequestRow), required=True)
    outgoing = fields.List(fields.Nested(RequestRow), required=True)


class BadgeArgs(Schema):
    ids = fields.List(fields.String(validate=validate.Length(1, 64)), required=True,
                      validate=validate.Length(1, MAX_BADGE_IDS),
                      metadata={"example": ["a1b2c3d4e5f6"]})


class BadgeRow(BadgeSchema):
    id = fields.String(required=True, metadata={"example": "a1b2c3d4e5f6"})


class BadgeList(Schema):
    items = fields.List(fields.Nested(BadgeRow), required=True)


class SearchArgs(PageArgs):
    q = fields.String(required=True, metadata={"example": "zhang"})


class MemberPage(Schema):
    profile = fields.Nested(ProfileSchema, required=True)
    connection = fields.Nested(BadgeSchema, required=True)
    relationship = fields.String(required=True, metadata={
        "enum": ["self", "friends", "sent", "received", "none"], "example": "friends"})


class RequestOutcome(Schema):
    outcome = fields.String(required=True, metadata={"enum": ["sent", "accepted"],
                                                     "example": "sent"})


@operation(blp, "GET", "/network/friends", page_schema(FriendRow, "FriendPage"),
           query=PageArgs)
def friends(args):
    """Your friends by name (the Network page's first tab)."""
    skip, limit = window(args)
    rows, total = graph().network.first_degree(current_user.id, skip, limit)
    return paged(rows, skip, limit, total)


@operation(blp, "GET", "/network/second-degree", page_schema(SecondDegreeRow,
           "SecondDegreePage"), query=PageArgs)
def second_degree(args):
    """Friends of friends, most mutual friends first, with whom you reach them through."""
    skip, limit = window(args)
    rows, total = graph().network.second_degree(current_user.id, skip, limit)
    return paged(rows, skip, limit, total)


@operation(blp, "GET", "/network/requests", RequestsSchema)
def requests():
    """Friend requests you received and sent, each with its degree badge."""
    friends_repo = graph().friends
    return {"incoming": with_badges(friends_repo.incoming(current_user.id)),
            "outgoing": with_badges(friends_repo.outgoing(current_user.id))}


@operation(blp, "GET", "/network/badges", BadgeList, query=BadgeArgs)
def badges(args):
    """Degree badges for up to 100 member ids, in one query; unknown ids are left out."""
    found = graph().network.badges(current_user.id, args["ids"])
    return {"items": [found[i] for i in dict.fromkeys(args["ids"]) if i in found]}


@operation(blp, "GET", "/people/search", page_schema(SearchedPerson, "PersonPage"),
           query=SearchArgs)
def search(args):
    """Members by a fragment of name, skill or company, closest to you first."""
    form = validated(PeopleSearchForm, {"q": args["q"]})
    skip, limit = window(args)
    rows, total = graph().network.search_people(current_user.id, form.q.data, skip, limit)
    return paged(with_badges(rows), skip, limit, total)


@operation(blp, "GET", "/people/<person_id>", MemberPage, errors=(404,))
def member(person_id: str):
    """A member's page: profile, degree, every mutual friend (the 2-hop paths) and your
    friendship state with them."""
    profile = graph().people.profile(person_id, current_user.id)
    return {"profile": profile,
            "connection": graph().network.connection(current_user.id, person_id),
            "relationship": graph().friends.relationship(current_user.id, person_id)}


@operation(blp, "POST", "/people/<person_id>/friend-request", RequestOutcome, status=201,
           headers=IdempotencyHeader, errors=(404, 409))
def send_request(headers, person_id: str):
    """Ask a member to be friends (``accepted`` when they had asked you)."""
    outcome = once(lambda key: graph().friends.send_request(current_user.id, person_id,
                                                            request_id=key),
                   headers["idempotency_key"])
    return {"outcome": outcome}


def _friend_action(action: str, doc: str):
    def view(person_id: str):
        getattr(graph().friends, action)(current_user.id, person_id)
    view.__name__ = action
    view.__doc__ = doc
    return view


for _path, _action, _doc, _statuses in (
        ("accept", "accept", "Accept a member's friend request.", (404, 409)),
        ("decline", "decline", "Decline a request (the member is not told).", (404,)),
        ("cancel", "cancel", "Withdraw a request you sent.", (404,)),
        ("unfriend", "remove", "Stop being friends.", (404,))):
    blp.route(f"/people/<person_id>/{_path}", methods=["POST"])(
        blp.response(204)(problems(blp, *_statuses)(_friend_action(_action, _doc))))
