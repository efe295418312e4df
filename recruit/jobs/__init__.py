"""Job posts, the job page, the network job feed and the open-job search."""
from flask import Blueprint

bp = Blueprint("jobs", __name__)

from . import routes  # noqa: E402,F401
