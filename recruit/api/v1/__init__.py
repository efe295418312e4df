"""Version 1 of the API: one subpackage per feature (mirroring ``recruit/<feature>/``), one
module per part of it, each with its flask-smorest blueprint and the marshmallow schemas
the OpenAPI document is generated from. Each subpackage lists its ``BLUEPRINTS``.

The blueprints are wired here, once per process (not per app): no CSRF (no cookie session
is read under /api, so there is nothing to forge), the per-token rate limit, bearer
authentication (except for getting a token) and ETags on reads."""
from flask import current_app

from ...extensions import csrf, limiter
from ..auth import authenticate, rate_limit_key
from ..common import etag_on_reads
from ..operations import deprecation_headers
from . import accounts, alerts, candidates, hiring, jobs, network, referrals

# Blueprints that answer without a token (getting one).
PUBLIC_BLUEPRINTS = accounts.PUBLIC_BLUEPRINTS
# Every other blueprint requires ``Authorization: Bearer``.
BLUEPRINTS = (*accounts.BLUEPRINTS, *network.BLUEPRINTS, *jobs.BLUEPRINTS,
              *candidates.BLUEPRINTS, *referrals.BLUEPRINTS, *hiring.BLUEPRINTS,
              *alerts.BLUEPRINTS)

_per_token = limiter.limit(lambda: current_app.config["API_RATE_LIMIT"],
                           key_func=rate_limit_key)
for _blueprint in (*PUBLIC_BLUEPRINTS, *BLUEPRINTS):
    csrf.exempt(_blueprint)
    _per_token(_blueprint)
    _blueprint.after_request(etag_on_reads)
    _blueprint.after_request(deprecation_headers)
    if _blueprint not in PUBLIC_BLUEPRINTS:
        _blueprint.before_request(authenticate)
