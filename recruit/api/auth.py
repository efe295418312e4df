"""Bearer authentication with personal access tokens, and the per-token rate limit key.

The API never reads the cookie session (``server_sessions`` opens an empty, read-only one
for ``/api`` paths), so a browser's cookies authorise nothing here and the API has no CSRF
surface. A request carries ``Authorization: Bearer <token>``; the token's digest is looked
up (``graph.accounts.api_tokens``) and the member becomes ``current_user`` for this
request only, so the pages' helpers (``with_badges``, ...) work unchanged.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from flask import current_app, g, request
from flask_limiter.util import get_remote_address

from graph.people import new_id

from ..auth.session import User
from ..extensions import graph
from .problems import problem

TOKEN_PREFIX = "rk_"
MAX_TOKEN_LENGTH = 200
TOUCH_SECONDS = 60


def token_digest(token: str) -> str:
    """The stored form of a personal access token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def issue_token(person_id: str, name: str, days: int | None = None) -> tuple[str, dict]:
    """Make a token for ``person_id`` named ``name``, valid ``days`` (default
    ``API_TOKEN_DAYS``). Returns the clear token (shown once, never stored) and its
    record. Raises ``Invalid`` for a bad name or when the member holds too many."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = datetime.now(timezone.utc)
    lifetime = timedelta(days=days or current_app.config["API_TOKEN_DAYS"])
    record = graph().api_tokens.create(person_id, new_id(), token_digest(token), name,
                                       _iso(now), _iso(now + lifetime))
    return token, record


def bearer_token() -> str | None:
    """The token in ``Authorization: Bearer ...``, or None."""
    scheme, _, value = (request.headers.get("Authorization") or "").partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value or len(value) > MAX_TOKEN_LENGTH:
        return None
    return value


def rate_limit_key() -> str:
    """Flask-Limiter's key for API calls: the token (by digest, so the key store holds no
    usable secret); requests without one share their address's bucket."""
    token = bearer_token()
    if token:
        return "api-token:" + token_digest(token)[:32]
    return "api-address:" + get_remote_address()


def authenticate():
    """``before_request`` of the authenticated API blueprints: 401 unless a live token."""
    token = bearer_token()
    if token is None:
        return problem(401, "Send a personal access token: Authorization: Bearer <token>.")
    now = datetime.now(timezone.utc)
    found = graph().api_tokens.authenticate(
        token_digest(token), _iso(now), _iso(now - timedelta(seconds=TOUCH_SECONDS)))
    account = graph().people.account(found["personId"]) if found else None
    if account is None:
        return problem(401, "This token is unknown, expired or revoked.")
    # flask-login reads the request's user from ``g._login_user``: set it for this
    # request only; nothing is written to a session.
    g._login_user = User(account)
    g.api_token_id = found["tokenId"]
    return None
