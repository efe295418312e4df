"""The work e-mail confirmation link, shared by the work e-mail page and the JSON API:
storing a new address and mailing its link, mailing it again, and reading a link back.

The member enters an address, a signed link is mailed there, and following it (then
pressing "Confirm" on the page: no state change on GET) proves the member reads that
mailbox. A confirmed address on a company's domain verifies recruiters. The link is
account mail, the ``MANDATORY`` category of ``graph.notices.preferences``: the member
asked for it, no notification switch holds it back.
"""
from __future__ import annotations

import hashlib
import hmac
import logging

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from graph.errors import Forbidden, Invalid
from graph.i18n import N_

from ..extensions import graph, limiter
from ..mail import send_mail

logger = logging.getLogger(__name__)

TOKEN_SALT = "work-email-confirmation"
SUPERSEDED = N_("This link is for an e-mail address that is no longer your work e-mail. "
              "Use the link in the most recent message.")
NOTHING_TO_SEND = N_("There is no work e-mail to send a link to.")


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=TOKEN_SALT)


def address_digest(address: str) -> str:
    """A digest of the address: the link names it without putting contact data in URLs
    (which end up in access logs)."""
    return hashlib.sha256(address.encode("utf-8")).hexdigest()[:32]


def make_token(person_id: str, address: str) -> str:
    """A signed, timestamped token naming the member and (by digest) the address."""
    return _serializer().dumps({"p": person_id, "h": address_digest(address)})


def pending_address(token: str) -> str:
    """The work e-mail the token confirms, for the logged-in member. ``Invalid`` when the
    token is forged, expired or for an address since replaced; ``Forbidden`` when it was
    sent to another account."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["WORK_EMAIL_LINK_MAX_AGE"])
    except SignatureExpired as exc:
        raise Invalid("This confirmation link has expired. Send yourself a new one from "
                      "the work e-mail page.") from exc
    except BadSignature as exc:
        raise Invalid("This confirmation link is not valid. Copy the whole link from the "
                      "e-mail, or send yourself a new one.") from exc
    if not isinstance(data, dict) or data.get("p") != current_user.id:
        raise Forbidden("This confirmation link was sent to another account. Log in as that "
                        "member to confirm it.")
    address = graph().work_emails.status(current_user.id)["address"]
    if not address or not hmac.compare_digest(address_digest(address), str(data.get("h"))):
        raise Invalid(SUPERSEDED)
    return address


def send_link(address: str) -> None:
    """Mail the current member a link that confirms ``address``; ``MailError`` when it
    could not be sent."""
    link = url_for("companies.confirm_work_email", token=make_token(current_user.id, address),
                   _external=True)
    body = _("Hello %(name)s,\n\nTo confirm that this is your work e-mail address on "
             "Referral, open this link and press \"Confirm\":\n\n%(link)s\n\nThe link works "
             "for 48 hours. If you did not ask for this, ignore this message.\n",
             name=current_user.name, link=link)
    send_mail(address, _("Confirm your work e-mail"), body)


def set_work_email(raw_address: str) -> str:
    """Store a new, unconfirmed work e-mail for the current member (replacing any other)
    and mail its link; returns the address. The address is kept even when the mail
    fails (``MailError``): the member can have the link sent again."""
    address = graph().work_emails.set_pending(current_user.id, raw_address)
    send_link(address)
    return address


def resend_link() -> str:
    """Mail the link for the member's work e-mail again (a confirmed one too: following
    it renews the confirmation); returns the address. ``Invalid`` when there is none,
    ``MailError`` when the mail fails."""
    address = graph().work_emails.status(current_user.id)["address"]
    if not address:
        raise Invalid(NOTHING_TO_SEND)
    send_link(address)
    return address


def _mail_key() -> str:
    return f"work-email:{current_user.id}"


# One budget shared by "set" and "resend", on the page and through the API: each sends
# a message.
mail_limit = limiter.shared_limit(lambda: current_app.config["WORK_EMAIL_LIMIT_PER_MEMBER"],
                                  scope="work-email", key_func=_mail_key, methods=["POST", "PUT"])
