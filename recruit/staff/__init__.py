"""Site staff: the review queue, decisions on companies, admins and recruiters, browsing
counts; ``flask staff add EMAIL``. Members file reports from company pages."""
from flask import Blueprint

bp = Blueprint("staff", __name__, cli_group="staff")

from . import cli, routes  # noqa: E402,F401  (they attach themselves to bp)
