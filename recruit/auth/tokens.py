"""One-time tokens for links sent by e-mail (reset, verify, change e-mail).

The token is 256 random bits in the link; the database keeps only its SHA-256 digest
(``graph/accounts/tokens.py``), so a copy of the database resets no password.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from ..extensions import graph
from .server_sessions import token_digest

MAX_LENGTH = 100  # longer "tokens" in a URL are refused before any lookup


def now_iso() -> str:
    """The current UTC time as the ISO string tokens compare against."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def issue_token(person_id: str, purpose: str, email: str, lifetime: timedelta) -> str | None:
    """A new token for ``purpose`` (replacing the member's older one); None if the member
    does not exist."""
    token = secrets.token_urlsafe(32)
    expires_at = (datetime.now(timezone.utc) + lifetime).isoformat(timespec="seconds")
    if not graph().account_tokens.issue(person_id, purpose, token_digest(token), email,
                                        expires_at, now_iso()):
        return None
    return token


def digest_of(token: str) -> str | None:
    """The digest to look ``token`` up by, or None for a value no token can have."""
    if not token or len(token) > MAX_LENGTH:
        return None
    return token_digest(token)
