"""Checking an e-mail and password, shared by the log-in page and the API's token login.

One implementation of the rules: an unknown e-mail costs as much time as a wrong password
(a dummy hash is checked), an outdated hash is upgraded, and logging in cancels a pending
account deletion.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from ..extensions import graph
from .passwords import hash_password, needs_rehash, verify_password

# Hashing a dummy password when the e-mail is unknown makes both failures take as long,
# so response time does not reveal which e-mails have accounts.
_DUMMY_HASH_CACHE: dict[bool, str] = {}


def _dummy_hash() -> str:
    fast = bool(current_app.config.get("ARGON2_FAST"))
    if fast not in _DUMMY_HASH_CACHE:
        _DUMMY_HASH_CACHE[fast] = hash_password("not-a-real-password")
    return _DUMMY_HASH_CACHE[fast]


@dataclass(frozen=True)
class LoginOutcome:
    """A successful check: the member, and whether a pending deletion was cancelled."""

    person_id: str
    deletion_cancelled: bool


def check_login(email: str, password: str) -> LoginOutcome | None:
    """The member whose e-mail and password these are, or None (same time either way)."""
    people = graph().people
    record = people.login_record(email)
    stored_hash = record["passwordHash"] if record else _dummy_hash()
    if not verify_password(stored_hash, password) or record is None:
        return None
    if needs_rehash(stored_hash):
        people.set_password_hash(record["id"], hash_password(password))
    cancelled = bool(record["deletionDueAt"])
    if cancelled:
        graph().account_erasure.cancel(record["id"])
    return LoginOutcome(record["id"], cancelled)
