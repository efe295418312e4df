"""Account settings: name, password, e-mail (verification and change), sessions, API tokens, data
export and account deletion."""
from flask import Blueprint

bp = Blueprint("account", __name__)

from . import api_tokens, data, routes, sessions  # noqa: E402,F401  (routes attach themselves to bp)
