"""In-app notices of referrals and introductions: the list, opening one, marking read."""
from flask import Blueprint

bp = Blueprint("notices", __name__)

from . import routes  # noqa: E402,F401
