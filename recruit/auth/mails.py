"""The account e-mails: verify an address, reset a password, confirm a new address, and
the notices sent when a password or address changes or an account is to be deleted.

They are written in the language of the request that causes them, which is the member's
own (their stored choice when logged in; a reset asked for while logged out follows the
browser). Every link is absolute and built by ``url_for(..., _external=True)``, which takes scheme
and host from ``BASE_URL`` only (``recruit/hosts.py``), never from the request.

These are the ``account`` category of ``graph.notices.preferences``, which is
``MANDATORY``: no notification switch silences them (a reset link or a security warning
that never arrives is a hole), and the settings page says so.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import gettext as _

from ..mail import MailError, send_mail
from .tokens import issue_token

logger = logging.getLogger(__name__)


def _send(address: str, subject: str, body: str) -> bool:
    try:
        send_mail(address, subject, body)
    except MailError:
        return False
    return True


def send_verification(person_id: str, name: str, email: str) -> bool:
    """Mail a link that verifies ``email`` for the member; False if it could not be sent."""
    hours = current_app.config["EMAIL_VERIFY_HOURS"]
    token = issue_token(person_id, "verify", email, timedelta(hours=hours))
    if token is None:
        return False
    link = url_for("account.verify_email", token=token, _external=True)
    return _send(email, _("Confirm your e-mail address"), _(
        "Hello %(name)s,\n\nPlease confirm that this is your e-mail address on Referral by "
        "opening this link and pressing \"Confirm\":\n\n%(link)s\n\n"
        "The link works for %(hours)s hours. If you did not sign up, ignore this message.",
        name=name, link=link, hours=hours))


def send_reset(person_id: str, name: str, email: str) -> bool:
    """Mail a password-reset link."""
    minutes = current_app.config["PASSWORD_RESET_MINUTES"]
    token = issue_token(person_id, "reset", email, timedelta(minutes=minutes))
    if token is None:
        return False
    link = url_for("auth.reset_password", token=token, _external=True)
    return _send(email, _("Reset your password"), _(
        "Hello %(name)s,\n\nSomeone (we hope you) asked to reset your password on Referral. "
        "Choose a new one here:\n\n%(link)s\n\nThe link works once, for %(minutes)s minutes. "
        "If you did not ask, ignore this message: your password stays as it is.",
        name=name, link=link, minutes=minutes))


def send_email_change(person_id: str, name: str, old_email: str, new_email: str) -> bool:
    """Mail the confirmation link to the new address and a notice to the old one."""
    hours = current_app.config["EMAIL_VERIFY_HOURS"]
    token = issue_token(person_id, "change_email", new_email, timedelta(hours=hours))
    if token is None:
        return False
    link = url_for("account.confirm_email_change", token=token, _external=True)
    sent = _send(new_email, _("Confirm your new e-mail address"), _(
        "Hello %(name)s,\n\nTo make this your e-mail address on Referral, open this link "
        "while logged in and press \"Confirm\":\n\n%(link)s\n\nThe link works for %(hours)s "
        "hours. If you did not ask for this, ignore this message.",
        name=name, link=link, hours=hours))
    _send(old_email, _("Your e-mail address is being changed"), _(
        "Hello %(name)s,\n\nSomeone logged in to your Referral account asked to change its "
        "e-mail address. Nothing changes until the new address is confirmed. If this was not "
        "you, log in, change your password (which ends every other session) and check "
        "\"Your sessions\":\n\n%(link)s",
        name=name, link=url_for("account.sessions", _external=True)))
    return sent


def send_email_changed(name: str, old_email: str, new_email: str) -> None:
    """Tell the old address that the change went through."""
    _send(old_email, _("Your e-mail address was changed"), _(
        "Hello %(name)s,\n\nThe e-mail address of your Referral account is now %(email)s. "
        "If this was not you, reply to this message at once.", name=name, email=new_email))


def send_password_changed(name: str, email: str) -> None:
    """Tell the member their password changed (every other session was ended)."""
    _send(email, _("Your password was changed"), _(
        "Hello %(name)s,\n\nThe password of your Referral account was changed and every "
        "other session was logged out. If this was not you, reset your password now:\n\n"
        "%(link)s", name=name, link=url_for("auth.forgot_password", _external=True)))


def send_deletion_scheduled(name: str, email: str, due: str) -> None:
    """Confirm a deletion request and say how to cancel it."""
    _send(email, _("Your account will be deleted"), _(
        "Hello %(name)s,\n\nYour Referral account and everything that identifies you will be "
        "erased after %(due)s (UTC). To keep your account, log in before then:\n\n%(link)s",
        name=name, due=due, link=url_for("auth.login", _external=True)))
