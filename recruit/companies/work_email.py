"""Work e-mail confirmation: the member enters an address, a signed link is mailed there,
and following it (then pressing "Confirm": no state change on GET) proves the member
reads that mailbox. A confirmed address on a company's domain verifies recruiters.
The link is account mail, the ``MANDATORY`` category of ``graph.notices.preferences``:
the member asked for it, no notification switch holds it back.
"""
from __future__ import annotations

import hashlib
import hmac
import logging

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from graph.errors import Forbidden, Invalid
from graph.i18n import N_

from ..extensions import graph, limiter
from ..mail import MailError, send_mail
from . import bp
from .forms import WorkEmailForm

logger = logging.getLogger(__name__)

TOKEN_SALT = "work-email-confirmation"
SUPERSEDED = N_("This link is for an e-mail address that is no longer your work e-mail. "
              "Use the link in the most recent message.")


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


def _send_link(address: str) -> bool:
    link = url_for("companies.confirm_work_email", token=make_token(current_user.id, address),
                   _external=True)
    body = _("Hello %(name)s,\n\nTo confirm that this is your work e-mail address on "
             "Referral, open this link and press \"Confirm\":\n\n%(link)s\n\nThe link works "
             "for 48 hours. If you did not ask for this, ignore this message.\n",
             name=current_user.name, link=link)
    try:
        send_mail(address, _("Confirm your work e-mail"), body)
    except MailError as exc:
        flash(_(str(exc)), "error")  # MailError's one message, in the catalogue (mail.py)
        return False
    return True


def _mail_key() -> str:
    return f"work-email:{current_user.id}"


# One budget shared by "set" and "resend": both send a message.
_mail_limit = limiter.shared_limit(lambda: current_app.config["WORK_EMAIL_LIMIT_PER_MEMBER"],
                                   scope="work-email", key_func=_mail_key, methods=["POST"])


def _page(form: WorkEmailForm | None = None, status: int = 200):
    state = graph().work_emails.status(current_user.id)
    return render_template("companies/work_email.html", state=state,
                           form=form or WorkEmailForm(formdata=None)), status


@bp.route("/me/work-email")
@login_required
def work_email():
    return _page()


@bp.route("/me/work-email", methods=["POST"])
@login_required
@_mail_limit
def set_work_email():
    form = WorkEmailForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    address = graph().work_emails.set_pending(current_user.id, form.email.data)
    if _send_link(address):
        flash(_("We sent a confirmation link to your work e-mail. Open it to confirm."), "success")
    return redirect(url_for("companies.work_email"))


@bp.route("/me/work-email/resend", methods=["POST"])
@login_required
@_mail_limit
def resend_work_email():
    state = graph().work_emails.status(current_user.id)
    # A confirmed address may be sent a link again: following it renews the confirmation.
    if not state["address"]:
        raise Invalid("There is no work e-mail to send a link to.")
    if _send_link(state["address"]):
        flash(_("We sent a new confirmation link."), "success")
    return redirect(url_for("companies.work_email"))


@bp.route("/work-email/confirm/<token>")
@login_required
def confirm_work_email(token: str):
    address = pending_address(token)
    return render_template("companies/confirm_work_email.html", address=address, token=token)


@bp.route("/work-email/confirm/<token>", methods=["POST"])
@login_required
def confirm_work_email_post(token: str):
    outcome = graph().work_emails.confirm(current_user.id, pending_address(token),
                                          current_app.config["RECRUITER_EMAIL_MAX_AGE_DAYS"])
    message = _("Your work e-mail on %(domain)s is confirmed.", domain=outcome["domain"])
    if outcome["verified"]:
        message += " " + _("You are now a verified recruiter for %(companies)s.",
                           companies=", ".join(outcome["verified"]))
    flash(message, "success")
    return redirect(url_for("companies.work_email"))
