"""Company pages, admins, recruiter requests and work e-mail confirmation."""
from flask import Blueprint

bp = Blueprint("companies", __name__)

from . import routes, work_email  # noqa: E402,F401
