"""Account settings: name, password, e-mail (verification and change), sessions, data
export and account deletion."""
from flask import Blueprint

bp = Blueprint("account", __name__)

from . import data, routes, sessions  # noqa: E402,F401  (routes attach themselves to bp)
