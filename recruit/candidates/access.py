"""Who may open a pseudonymous profile, and the limit on first messages: shared by the
candidate pages and the JSON API, so both apply the same rules.

A candidate the viewer may not see and one that does not exist answer alike (404): the
repository gives None for both, and nothing else is looked up before that.
"""
from __future__ import annotations

from flask import current_app
from flask_login import current_user

from graph.errors import Invalid, NotFound
from graph.i18n import N_

from ..extensions import graph

NOT_FOUND = N_("No such candidate.")


def _conversation_limit() -> str:
    return current_app.config.get("CONVERSATION_LIMIT", "30 per hour")


def _member_key() -> str:
    return "conversations:" + str(current_user.get_id())


def visible_profile(pseudonym_id: str) -> dict:
    """The pseudonymous profile the current member may see; ``NotFound`` otherwise. Each
    distinct profile opened is recorded and counts towards the daily limit (429 past it)."""
    profile = graph().profile_audit.open_profile(
        current_user.id, pseudonym_id, current_app.config["CANDIDATE_PROFILES_PER_DAY"])
    if profile is None:
        raise NotFound(NOT_FOUND)
    return profile


def profile_to_write_to(pseudonym_id: str) -> dict:
    """``visible_profile``, refusing one's own pseudonym (``Invalid``): the profile a
    member may write first to."""
    profile = visible_profile(pseudonym_id)
    if profile["own"]:
        raise Invalid("This is your own pseudonym.")
    return profile
