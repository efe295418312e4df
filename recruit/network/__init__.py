"""Friend requests, the network page and people search."""
from flask import Blueprint

bp = Blueprint("network", __name__)

from . import routes  # noqa: E402,F401
