"""The member's e-mail as their e-mail match key (digest only).

Only a verified address becomes a key (``graph/contacts/match_keys.py`` checks
``Person.emailVerifiedAt``): anyone can sign up with someone else's address, and must not
be matched as them. The key is built when the member opens the verification link, or
their new address's confirmation link (``recruit/account/routes.py``).
"""
from __future__ import annotations

import logging

from flask import current_app

from ..extensions import graph
from .digests import digest, secret_from_config
from .normalise import normalise_email

logger = logging.getLogger(__name__)
BATCH = 1000


def _rows(members: list[dict]) -> list[dict]:
    secret = secret_from_config(current_app.config)
    rows = []
    for member in members:
        value = normalise_email(member["email"] or "")
        if value:
            rows.append({"id": member["id"], "digest": digest(secret, "email", value)})
    return rows


def refresh_email_key(person_id: str, email: str) -> None:
    """(Re)build one member's e-mail key (skipped if they turned e-mail matching off)."""
    graph().match_keys.set_email_keys(_rows([{"id": person_id, "email": email}]))


def rebuild_email_keys(missing_only: bool) -> int:
    """Build the e-mail key of every member who lacks one (or of everyone, after the
    HMAC key changed), in batches; returns how many members were updated."""
    repository = graph().match_keys
    rows = _rows(repository.email_rows(missing_only))
    changed = 0
    for start in range(0, len(rows), BATCH):
        changed += repository.set_email_keys(rows[start:start + BATCH])
    logger.info("e-mail match keys rebuilt for %d members", changed)
    return changed
