"""Normalising contact values into match values: E.164 phones (read in ``phones``),
lower-case e-mails, lower-case handles. Pure functions; an unusable value gives None, never an exception.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers

from .phones import is_region, normalise_phone  # noqa: F401  (re-exported)

MAX_VALUE_LENGTH = 254
# Deliberately loose: exports carry odd but real addresses; we only need a plausible
# local@domain.tld, since a wrong one simply matches nobody.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_HANDLE = re.compile(r"^[a-z0-9_.\-]{1,64}$")

# The social networks a follow list can come from; a handle is only unique per network.
NETWORKS = {
    "github": "GitHub",
    "x": "X (Twitter)",
    "weibo": "Weibo",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
}


def normalise_email(raw: str) -> str | None:
    """``raw`` trimmed and lower-cased (a leading ``mailto:`` dropped); None if it does
    not look like an address."""
    text = (raw or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    text = text.strip().lower()
    if len(text) > MAX_VALUE_LENGTH or not _EMAIL.match(text):
        return None
    return text


def normalise_handle(raw: str) -> str | None:
    """A handle lower-cased without its ``@``; a profile URL gives its last path part.
    None when what is left is not a handle."""
    text = (raw or "").strip()
    if text.lower().startswith(("http://", "https://")):
        parts = [part for part in urlsplit(text).path.split("/") if part]
        text = parts[-1] if parts else ""
    text = text.lstrip("@").strip().lower()
    return text if _HANDLE.match(text) else None


def looks_like_email(raw: str) -> bool:
    """True when a follow-list value is an e-mail rather than a handle."""
    text = (raw or "").strip()
    return not text.startswith("@") and "@" in text


def phone_hint(e164: str) -> str:
    """What the member sees of their own number: country code and last two digits."""
    number = phonenumbers.parse(e164)
    national = str(number.national_number)
    return f"+{number.country_code} …{national[-2:]}"


def handle_hint(network: str, handle: str) -> str:
    """What the member sees of their own handle: the network and a masked handle."""
    shown = handle[:2] + "…" if len(handle) > 2 else handle[:1] + "…"
    return f"{NETWORKS.get(network, network)}: @{shown}"
