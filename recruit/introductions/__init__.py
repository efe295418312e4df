"""Introductions through a mutual friend."""
from flask import Blueprint

bp = Blueprint("introductions", __name__)

from . import routes  # noqa: E402,F401
