"""Alerts and notification settings: notification preferences, saved candidate searches,
and the background work that fires alerts and mails the daily digest."""
from flask import Blueprint

bp = Blueprint("alerts", __name__)

from . import routes  # noqa: E402,F401  (routes register on bp)
