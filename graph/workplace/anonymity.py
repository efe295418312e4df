"""What makes the workplace channel anonymous, as pure functions: keyed hashes in place of
member ids, per-thread random handles, and times cut to the hour (docs/workplace.md).

Nothing here touches the database. The key is the app's ``WORKPLACE_AUTHOR_KEY`` (or one
derived from ``SECRET_KEY``); without it a stored hash cannot be tied to a member.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timezone
from graph.i18n import N_

TOPICS = {
    "pay": N_("Pay and benefits"),
    "managers": N_("Managers"),
    "layoffs": N_("Layoffs"),
    "interviews": N_("Interviews"),
    "culture": N_("Culture"),
    "worklife": N_("Work-life balance"),
    "career": N_("Career growth"),
    "other": N_("Other"),
}
# Reactions a member may add (once each) to a post; "me too" is counted apart.
REACTIONS = {"helpful": N_("Helpful"), "agree": N_("Agree"), "disagree": N_("Disagree")}
ME_TOO = "metoo"
LABEL_CHOICES = {"company": N_("My company"), "industry": N_("Only my industry")}

_ADJECTIVES = ("Quiet", "Brave", "Lucky", "Calm", "Swift", "Gentle", "Bold", "Clever",
               "Sunny", "Misty", "Silver", "Golden", "Hidden", "Wandering", "Patient",
               "Curious", "Steady", "Bright", "Humble", "Nimble")
_ANIMALS = ("Heron", "Panda", "Otter", "Crane", "Fox", "Tiger", "Koi", "Magpie", "Lynx",
            "Sparrow", "Turtle", "Dolphin", "Badger", "Falcon", "Yak", "Gecko", "Owl",
            "Swan", "Hare", "Deer")


def derive_key(secret_key: str, dedicated: str = "") -> bytes:
    """The author key: ``dedicated`` when set, else one derived from ``secret_key`` (so a
    leaked SECRET_KEY-derived value is never the SECRET_KEY itself)."""
    if dedicated:
        return dedicated.encode()
    return hmac.new(secret_key.encode(), b"workplace-author-key", hashlib.sha256).digest()


def _digest(key: bytes, *parts: str) -> str:
    return hmac.new(key, "|".join(parts).encode(), hashlib.sha256).hexdigest()


def author_key(key: bytes, member_id: str) -> str:
    """The keyed hash that stands for the author on every post and comment."""
    return _digest(key, "author", member_id)


def thread_key(key: bytes, post_id: str, member_id: str) -> str:
    """The keyed hash of one member in one thread: finds their handle there, and only there."""
    return _digest(key, "thread", post_id, member_id)


def vote_key(key: bytes, member_id: str, company_id: str) -> str:
    """One poll vote per member and company, unlinkable to their posts."""
    return _digest(key, "vote", company_id, member_id)


def report_key(key: bytes, member_id: str, target_id: str) -> str:
    """One report per member and post or comment."""
    return _digest(key, "report", target_id, member_id)


def reaction_key(key: bytes, member_id: str, post_id: str, kind: str) -> str:
    """One reaction of each kind per member and post."""
    return _digest(key, "reaction", post_id, kind, member_id)


def new_handle() -> str:
    """A random name for one member in one thread ("Quiet Heron 4821", one of 3.6 million):
    drawn fresh for each thread, so it says nothing about the member or their other
    threads."""
    return (f"{secrets.choice(_ADJECTIVES)} {secrets.choice(_ANIMALS)} "
            f"{secrets.randbelow(9000) + 1000}")


def current_hour(now: datetime | None = None) -> tuple[str, int]:
    """The hour as shown (``'2026-11-28 11:00 UTC'``) and as hours since the epoch: the
    only time the channel stores, so no finer time exists to leak."""
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    hour = now.replace(minute=0, second=0, microsecond=0)
    return hour.strftime("%Y-%m-%d %H:00 UTC"), int(hour.timestamp()) // 3600
