"""Conversations between pseudonyms and real-name members, consent to reveal, and in-app
notifications."""
from flask import Blueprint

bp = Blueprint("messages", __name__)

from . import routes  # noqa: E402,F401  (routes attach themselves to bp)
