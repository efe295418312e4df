"""Notification settings (which kinds of notice reach you, on the site and by e-mail, and
how often job alerts come) and saved candidate searches with their alerts: the same calls
as ``recruit/alerts`` (saving goes through ``recruit/alerts/work.save_search``)."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from graph.notices.preferences import CATEGORIES, CHANNELS, JOB_ALERT_FREQUENCIES

from ....alerts.forms import NotificationSettingsForm
from ....alerts.work import save_search
from ....candidates.forms import CandidateFilterForm
from ....extensions import graph
from ...common import TIME, IdempotencyHeader, once, validated
from ...operations import operation

blp = Blueprint("api_alerts", __name__,
                description="Notification settings and saved candidate searches.")

SWITCHES = [f"{category}:{channel}" for category in CATEGORIES for channel in CHANNELS]


class NotificationSettings(Schema):
    off = fields.List(fields.String(validate=validate.OneOf(SWITCHES)), required=True,
                      metadata={"description": "The `<category>:<channel>` pairs switched "
                                               "off; every other pair is on.",
                                "example": ["referrals:email"]})
    jobAlerts = fields.String(required=True, validate=validate.OneOf(list(JOB_ALERT_FREQUENCIES)),
                              metadata={"enum": list(JOB_ALERT_FREQUENCIES),
                                        "example": "daily"})


class SearchBody(Schema):
    skills = fields.List(fields.String(), load_default=list, metadata={"example": ["Python"]})
    seniority = fields.String(load_default="", metadata={"example": "senior"})
    region = fields.String(load_default="", metadata={"example": "east"})


class SavedSearch(Schema):
    id = fields.String(required=True, metadata={"example": "2b3c..."})
    skills = fields.List(fields.String(), required=True, metadata={"example": ["python"]})
    seniority = fields.String(allow_none=True, metadata={"example": "senior"})
    region = fields.String(allow_none=True, metadata={"example": "east"})
    createdAt = fields.String(allow_none=True, metadata=TIME)


class SavedSearchList(Schema):
    items = fields.List(fields.Nested(SavedSearch), required=True)


class SavedSearchCreated(Schema):
    id = fields.String(required=True, metadata={"example": "2b3c..."})


@operation(blp, "GET", "/me/notification-settings", NotificationSettings)
def settings():
    """Your notification settings."""
    return graph().notice_preferences.get(current_user.id)


@operation(blp, "PUT", "/me/notification-settings", NotificationSettings,
           body=NotificationSettings)
def save_settings(body):
    """Replace your notification settings."""
    form = validated(NotificationSettingsForm, {"job_alerts": body["jobAlerts"]})
    graph().notice_preferences.save(current_user.id, body["off"], form.job_alerts.data)
    return graph().notice_preferences.get(current_user.id)


@operation(blp, "GET", "/me/saved-searches", SavedSearchList)
def saved_searches():
    """Your saved candidate searches, oldest first."""
    return {"items": graph().saved_searches.mine(current_user.id)}


@operation(blp, "POST", "/me/saved-searches", SavedSearchCreated, status=201,
           headers=IdempotencyHeader, body=SearchBody)
def create_saved_search(headers, body):
    """Save a candidate search (the browse filter): you are told about candidates who
    match it from now on, on the site and in the daily digest."""
    form = validated(CandidateFilterForm, {**body, "skills": ", ".join(body["skills"])})
    search_id = once(lambda key: save_search(current_user.id, form.skill_list(),
                                             form.seniority.data, form.region.data,
                                             request_id=key)["id"],
                     headers["idempotency_key"])
    return {"id": search_id}


@operation(blp, "DELETE", "/me/saved-searches/<search_id>", status=204, errors=(404,))
def delete_saved_search(search_id: str):
    """Delete one of your saved searches."""
    graph().saved_searches.delete(current_user.id, search_id)
