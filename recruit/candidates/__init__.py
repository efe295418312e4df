"""Pseudonymous candidates: browsing them, their profiles, and a member's own candidate
page (pseudonym, settings, rotation, reveals, writing under the pseudonym)."""
from flask import Blueprint

bp = Blueprint("candidates", __name__)

from . import blocks, filters, me, routes  # noqa: E402,F401  (they attach themselves to bp)
