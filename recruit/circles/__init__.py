"""Circles: contacts grouped by company, school, role, skill, label and community."""
from flask import Blueprint

bp = Blueprint("circles", __name__)

from . import routes  # noqa: E402,F401
