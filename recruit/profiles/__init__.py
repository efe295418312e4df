"""A member's own profile (edit) and other members' pages."""
from flask import Blueprint

bp = Blueprint("profiles", __name__)

from . import routes  # noqa: E402,F401
