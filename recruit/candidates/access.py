"""Who may open a pseudonymous profile, and the limit on first messages: shared by the
candidate pages and the JSON API, so both apply the same rules.

A candidate the viewer may not see and one that does not exist answer alike (404): the
repository gives None for both, and nothing else is looked up before that.
"""
from __future__ import annotations

from flask import current_app
from flask_login import current_user

from graph.candidates.conversations import NO_PSEUDONYM, NOT_SEEKING
from graph.errors import Forbidden, Invalid, NotFound
from graph.i18n import N_

from ..extensions import graph
from ..i18n.labels import error_text

NOT_FOUND = N_("No such candidate.")
# The refusals a job-seeking status cures.
SEEKING_HINTS = (NO_PSEUDONYM, NOT_SEEKING)


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


def pseudonym_writing(check, *args) -> dict:
    """Whether the current member may write under their pseudonym, by the repository's own
    ``check`` (``conversations.check_job`` / ``check_contact``): ``{"allowed": True}``, or
    ``{"allowed": False, "reason": why, "needs_status": bool}`` so a page offers the link
    only when it leads somewhere and otherwise says what to do instead (``needs_status``:
    setting a job-seeking status would allow it)."""
    try:
        check(current_user.id, *args)
    except Invalid as error:
        # The reason in the reader's language; the hint test on the English template.
        return {"allowed": False, "reason": error_text(error),
                "needs_status": error.template in SEEKING_HINTS}
    except (Forbidden, NotFound) as error:
        return {"allowed": False, "reason": error_text(error), "needs_status": False}
    return {"allowed": True}
