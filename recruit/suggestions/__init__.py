"""People you may know."""
from flask import Blueprint

bp = Blueprint("suggestions", __name__)

from . import routes  # noqa: E402,F401
