"""Keyed digests of match values (HMAC-SHA256 with a server secret).

Members' e-mails, phone numbers and handles are stored as match keys only in this form,
and uploaded contacts are digested the same way before they reach the database, so the
match is an equality of digests. Without the secret a digest cannot be recomputed from a
guessed phone number, which a plain hash of a 11-digit number would allow.
"""
from __future__ import annotations

import hashlib
import hmac

KINDS = ("email", "phone", "handle")


def secret_from_config(config) -> bytes:
    """``CONTACT_HMAC_KEY`` if set, else a key derived from ``SECRET_KEY`` (so the two
    secrets are never the same bytes). Changing either makes stored keys unmatchable
    until members re-add them (``flask contacts rebuild-email-keys`` redoes e-mails)."""
    explicit = config.get("CONTACT_HMAC_KEY") or ""
    if explicit:
        return explicit.encode("utf-8")
    base = str(config["SECRET_KEY"]).encode("utf-8")
    return hmac.new(base, b"contact-match-key-v1", hashlib.sha256).digest()


def digest(secret: bytes, kind: str, value: str) -> str:
    """The hex HMAC of a normalised value; ``kind`` is part of the message, so an
    e-mail and a handle with the same text give different digests."""
    if kind not in KINDS:
        raise ValueError(f"unknown match kind {kind!r}")
    return hmac.new(secret, f"{kind}:{value}".encode("utf-8"), hashlib.sha256).hexdigest()


def handle_value(network: str, handle: str) -> str:
    """The value digested for a handle: handles are unique per network only."""
    return f"{network}:{handle}"


def code_digest(secret: bytes, person_id: str, code: str) -> str:
    """The stored form of a phone confirmation code, bound to the member."""
    message = f"phone-code:{person_id}:{code}".encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
