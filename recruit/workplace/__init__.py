"""The workplace channel: verified employees talk anonymously about their company
(docs/workplace.md); staff moderate it; job seekers read the company insight."""
from flask import Blueprint

bp = Blueprint("workplace", __name__)

from . import insight, moderation, routes  # noqa: E402,F401  (they attach themselves to bp)
