"""Saved job filters (job alerts): "tell me when a job like this opens in my network".
The same calls, form and cap as the saved-filters page and the feed's "Alert me to new
jobs like these" (``recruit/alerts/routes.py``, ``graph/alerts/job_filters.py``)."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from graph.alerts.job_filters import MAX_SAVED_FILTERS
from graph.jobs.postings import CURRENCIES, REMOTE_OPTIONS

from ....alerts.forms import SavedJobFilterForm
from ....extensions import graph
from ...common import TIME, IdempotencyHeader, once, validated
from ...operations import operation

blp = Blueprint("api_job_filters", __name__,
                description="Saved job filters: alerts for new jobs in your network.")


class JobFilterBody(Schema):
    city = fields.String(load_default="", metadata={"example": "上海"})
    remote = fields.String(load_default="", metadata={"enum": ["", *REMOTE_OPTIONS],
                                                      "example": "hybrid"})
    skills = fields.List(fields.String(), load_default=list, metadata={"example": ["Python"]})
    min_salary = fields.Integer(data_key="minSalary", load_default=None, allow_none=True,
                                metadata={"example": 300000})
    currency = fields.String(load_default="CNY", metadata={"enum": list(CURRENCIES),
                                                           "example": "CNY"})


class SavedJobFilter(Schema):
    id = fields.String(required=True, metadata={"example": "7e8f..."})
    city = fields.String(allow_none=True, metadata={"example": "上海"})
    remote = fields.String(allow_none=True, metadata={"example": "hybrid"})
    skills = fields.List(fields.String(), required=True, metadata={"example": ["Python"]})
    minSalary = fields.Integer(allow_none=True, metadata={"example": 300000})
    currency = fields.String(allow_none=True, metadata={"example": "CNY"})
    createdAt = fields.String(allow_none=True, metadata=TIME)
    label = fields.String(required=True, metadata={"example": "上海 · hybrid · Python"})


class SavedJobFilterList(Schema):
    items = fields.List(fields.Nested(SavedJobFilter), required=True)
    limit = fields.Integer(required=True, metadata={
        "description": "How many saved filters you may keep.", "example": MAX_SAVED_FILTERS})
    jobAlerts = fields.String(required=True, metadata={
        "enum": ["app", "daily", "off"], "example": "daily",
        "description": "Alerts for every new job in your network (notification "
                       "settings); saved filters alert you even when it is off."})


class SavedJobFilterCreated(Schema):
    id = fields.String(required=True, metadata={"example": "7e8f..."})


@operation(blp, "GET", "/me/saved-job-filters", SavedJobFilterList)
def saved_job_filters():
    """Your saved job filters, oldest first, with how many you may keep."""
    return {"items": graph().saved_job_filters.mine(current_user.id),
            "limit": MAX_SAVED_FILTERS,
            "jobAlerts": graph().notice_preferences.get(current_user.id)["jobAlerts"]}


@operation(blp, "POST", "/me/saved-job-filters", SavedJobFilterCreated, status=201,
           headers=IdempotencyHeader, body=JobFilterBody, errors=(409,))
def create_saved_job_filter(headers, body):
    """Save the feed's filters (city, work mode, skills, salary floor; at least one): new
    jobs within two degrees that match are announced on the site and in the daily digest.
    400 for an empty filter or past the cap, 409 for one you saved already."""
    form = validated(SavedJobFilterForm, {**body, "skills": ", ".join(body["skills"])})
    filters = form.filters()
    filter_id = once(lambda key: graph().saved_job_filters.save(current_user.id, filters,
                                                                request_id=key),
                     headers["idempotency_key"])
    return {"id": filter_id}


@operation(blp, "DELETE", "/me/saved-job-filters/<filter_id>", status=204, errors=(404,))
def delete_saved_job_filter(filter_id: str):
    """Delete one of your saved job filters (404 for anyone else's, alike)."""
    graph().saved_job_filters.delete(current_user.id, filter_id)
