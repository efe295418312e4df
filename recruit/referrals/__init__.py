"""Referrals: who fits, referring, the pipeline, credit, personal links and asks."""
from flask import Blueprint

bp = Blueprint("referrals", __name__)

from . import asks, links, routes  # noqa: E402,F401
