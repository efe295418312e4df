"""Importing address books and follow lists, and the keys that let people find you."""
from flask import Blueprint

bp = Blueprint("contacts", __name__)

from . import cli, routes, routes_keys  # noqa: E402,F401
