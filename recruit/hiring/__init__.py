"""Applying for jobs with a résumé, withdrawing, and each job's pipeline board."""
from flask import Blueprint

bp = Blueprint("hiring", __name__)

from . import board, routes, workspace  # noqa: E402,F401  (routes register on bp)
