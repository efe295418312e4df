"""flask-login wiring: the session user and safe redirect targets."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask
from flask_babel import gettext
from flask_login import UserMixin, current_user

from graph.errors import Forbidden
from graph.i18n import N_

from graph.people.members import Account

from ..extensions import graph, login_manager


class User(UserMixin):
    """The logged-in member, as flask-login sees them."""

    def __init__(self, account: Account):
        self.id = account.id
        self.name = account.name
        self.email = account.email
        self.email_verified = account.email_verified
        self.locale = account.locale


def init_login(app: Flask) -> None:
    """Bind flask-login to ``app``."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    # flask-login passes the message through gettext when it flashes it (below).
    login_manager.login_message = N_("Please log in to see this page.")
    login_manager.localize_callback = gettext
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    account = graph().people.account(user_id)
    return User(account) if account else None


def safe_next_url(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (no open redirects)."""
    if not target:
        return None
    target = target.strip()
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        return None
    return target


def require_verified_email(what: str) -> None:
    """Raise ``Forbidden`` (403) unless the current member has confirmed their e-mail
    address: an unverified address may belong to someone else, so it does not vouch for
    a recruiter or for mail sent to outsiders in the member's name."""
    if not current_user.email_verified:
        raise Forbidden("Confirm your e-mail address before you %(what)s: open the link we sent "
                        "you, or send it again from Account settings.", what=what)
