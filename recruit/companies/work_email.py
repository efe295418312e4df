"""The work e-mail page: set an address, have its link sent (again), and confirm it
(``work_email_links`` holds the link and the mail, shared with the JSON API)."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import graph
from ..mail import MailError
from . import bp
from .forms import WorkEmailForm
from .work_email_links import mail_limit, pending_address, resend_link
from .work_email_links import set_work_email as save_and_send_link


def _sent(send, *args) -> bool:
    try:
        send(*args)
    except MailError as exc:
        flash(_(str(exc)), "error")  # MailError's one message, in the catalogue (mail.py)
        return False
    return True


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
@mail_limit
def set_work_email():
    form = WorkEmailForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    if _sent(save_and_send_link, form.email.data):
        flash(_("We sent a confirmation link to your work e-mail. Open it to confirm."), "success")
    return redirect(url_for("companies.work_email"))


@bp.route("/me/work-email/resend", methods=["POST"])
@login_required
@mail_limit
def resend_work_email():
    # A confirmed address may be sent a link again: following it renews the confirmation.
    if _sent(resend_link):
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
