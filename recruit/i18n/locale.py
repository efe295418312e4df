"""Which language a request is answered in.

1. the member's stored choice (``Person.locale``), when logged in and set;
2. the ``lang`` cookie that the language switch sets (so it works logged out too);
3. the browser's Accept-Language: the first language we speak, in the browser's order of
   preference; any Chinese tag (``zh``, ``zh-CN``, ``zh-Hans``, ``zh-TW``...) gets
   Simplified Chinese, our only Chinese;
4. English, when the browser names none of ours (or sends no header at all, as the test
   client and most scripts do).
"""
from __future__ import annotations

import logging

from flask import has_request_context, request
from neo4j.exceptions import (ConnectionPoolError, DatabaseUnavailable, ServiceUnavailable,
                              SessionExpired)

from ..deadline import DatabaseCallTimeout

logger = logging.getLogger(__name__)

# As recruit.errors.DATABASE_UNREACHABLE (not imported from there: errors imports this).
UNREACHABLE = (ServiceUnavailable, SessionExpired, ConnectionPoolError, DatabaseUnavailable,
               DatabaseCallTimeout)

SUPPORTED = ("zh_CN", "en")
DEFAULT = "en"
COOKIE = "lang"
# The value of <html lang>: BCP 47, not the gettext name.
HTML_LANG = {"zh_CN": "zh-CN", "en": "en"}


def normalise(value: str | None) -> str | None:
    """A supported locale for a stored, posted or cookie value, else None."""
    return value if value in SUPPORTED else None


def from_accept_language() -> str | None:
    """The first of our languages the browser asks for, or None."""
    for tag, _quality in request.accept_languages:
        primary = tag.replace("_", "-").split("-")[0].lower()
        if primary == "zh":
            return "zh_CN"
        if primary == "en":
            return "en"
    return None


def request_locale() -> str:
    """The locale from the request alone (cookie, then Accept-Language): what a visitor
    gets, and what pages use that must not read the member from the database (the 503
    page)."""
    return normalise(request.cookies.get(COOKIE)) or from_accept_language() or DEFAULT


def member_locale() -> str | None:
    """The logged-in member's stored choice, or None. Reading ``current_user`` loads the
    member; when the database is unreachable that fails, and the request's own signals
    decide instead (the 503 page must still render)."""
    from flask_login import current_user

    try:
        if current_user.is_authenticated:
            return normalise(getattr(current_user, "locale", None))
    except UNREACHABLE:
        logger.info("locale: member not readable, using the request's language")
    return None


def select_locale() -> str:
    """Flask-Babel's locale selector (the order is in this module's docstring)."""
    if not has_request_context():
        return DEFAULT
    return member_locale() or request_locale()


def html_lang() -> str:
    """The ``<html lang>`` value of the current locale ("zh-CN" or "en")."""
    from flask_babel import get_locale

    locale = get_locale()  # zh_CN parses to zh_Hans_CN: compare the language only
    return HTML_LANG["zh_CN"] if locale is not None and locale.language == "zh" else "en"
