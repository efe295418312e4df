"""Changing the password and starting an e-mail change, shared by the settings pages and
the JSON API: the checks (the current password, not the address one has, not another
member's), the repository call and the mail are written here once.

A refusal names the form field it belongs to (``Refused.field``), so the page shows it
under that field and the API lists it in the problem's ``errors``.
"""
from __future__ import annotations

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..auth.mails import send_email_change, send_password_changed
from ..auth.passwords import hash_password
from ..auth.tokens import now_iso
from ..extensions import graph, limiter
from .deletion import password_is_right

WRONG_PASSWORD = _l("That is not your current password.")
SAME_ADDRESS = _l("That is already your address.")
ADDRESS_TAKEN = _l("An account with that e-mail address already exists.")
NOT_SENT = _l("The e-mail could not be sent. Please try again later.")


def mail_limit_key() -> str:
    """The key of the limits on account mail: the member (the page and the API alike)."""
    # Flask-Limiter computes keys before login_required runs: an anonymous request is
    # keyed by its address (and then sent to the login page).
    if not current_user.is_authenticated:
        return "account-mail-address:" + (request.remote_addr or "")
    return "account-mail:" + current_user.id


# One budget for e-mail changes, whether asked for on the page or through the API.
email_change_limit = limiter.shared_limit(lambda: current_app.config["ACCOUNT_MAIL_LIMIT"],
                                          scope="email-change", key_func=mail_limit_key)


class Refused(Exception):
    """The change is refused because of the form field ``field``; ``message`` says why
    (a lazy string, translated when shown)."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


class MailNotSent(Refused):
    """The checks passed but the confirmation mail could not be sent (try again later)."""

    def __init__(self):
        super().__init__("email", NOT_SENT)


def change_password(member, current: str, new_password: str,
                    keep_session_key: str | None = None,
                    keep_token_id: str | None = None) -> int:
    """Set ``member``'s new password after checking ``current``; every session but
    ``keep_session_key`` and every API token but ``keep_token_id`` ends in the same
    transaction, and the member is mailed. Returns how many sessions ended; ``Refused``
    for a wrong current password."""
    if not password_is_right(member.id, current):
        raise Refused("current", WRONG_PASSWORD)
    ended = graph().credentials.change_password(member.id, hash_password(new_password),
                                                keep_session_key, now_iso(), keep_token_id)
    send_password_changed(member.name, member.email)
    return ended


def start_email_change(member, new_email: str, current: str) -> str:
    """Mail a confirmation link to ``new_email`` (and a notice to the old address) after
    the checks; the address changes only when ``member`` opens the link and confirms
    (``account.confirm_email_change``). Returns the new address as it will be stored;
    ``Refused`` (or ``MailNotSent``) otherwise."""
    new_email = new_email.strip().lower()
    if not password_is_right(member.id, current):
        raise Refused("current", WRONG_PASSWORD)
    if new_email == member.email:
        raise Refused("email", SAME_ADDRESS)
    if graph().credentials.email_owner(new_email):
        raise Refused("email", ADDRESS_TAKEN)
    if not send_email_change(member.id, member.name, member.email, new_email):
        raise MailNotSent()
    return new_email
