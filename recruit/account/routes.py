"""Account settings: display name, password, e-mail verification and change."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Duplicate

from ..auth.mails import send_email_changed, send_verification
from ..auth.server_sessions import current_session_key
from ..auth.tokens import digest_of, now_iso
from ..contacts.email_keys import refresh_email_key
from ..extensions import graph, limiter
from ..i18n.labels import error_text
from . import bp
from .credential_changes import (Refused, change_password as save_new_password,
                                 email_change_limit, mail_limit_key, start_email_change)
from .forms import ChangeEmailForm, ChangePasswordForm, NameForm


def _show_refusal(form, refused: Refused) -> None:
    getattr(form, refused.field).errors.append(str(refused.message))


def _is_post() -> bool:
    # GET shows a button; only the POST (with its CSRF token) changes anything, so a mail
    # scanner that follows links verifies nothing.
    return request.method == "POST"


def _settings_page(name_form=None, email_form=None, status: int = 200):
    return render_template(
        "account/settings.html",
        name_form=name_form or NameForm(formdata=None, data={"name": current_user.name}),
        email_form=email_form or ChangeEmailForm(formdata=None)), status


@bp.route("/account")
@login_required
def settings():
    return _settings_page()


@bp.route("/account/name", methods=["POST"])
@login_required
def rename():
    form = NameForm()
    if not form.validate_on_submit():
        return _settings_page(name_form=form, status=400)
    name = graph().credentials.rename(current_user.id, form.name.data)
    flash(_("Your name is now %(name)s.", name=name), "success")
    return redirect(url_for("account.settings"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    form.policy_email, form.policy_name = current_user.email, current_user.name
    if form.validate_on_submit():
        try:
            ended = save_new_password(current_user, form.current.data, form.password.data,
                                      keep_session_key=current_session_key())
        except Refused as refused:
            _show_refusal(form, refused)
        else:
            flash(_("Password changed. %(ended)s other session(s) were logged out.", ended=ended), "success")
            return redirect(url_for("account.settings"))
    status = 400 if form.is_submitted() else 200
    return render_template("account/password.html", form=form), status


@bp.route("/account/email", methods=["POST"])
@login_required
@email_change_limit
def change_email():
    form = ChangeEmailForm()
    if form.validate_on_submit():
        try:
            new_email = start_email_change(current_user, form.email.data, form.current.data)
        except Refused as refused:
            _show_refusal(form, refused)
        else:
            flash(_("We sent a link to %(new_email)s. Your address changes when you open it "
                    "(while logged in) and confirm.", new_email=new_email), "success")
            return redirect(url_for("account.settings"))
    return _settings_page(email_form=form, status=400)


@bp.route("/account/email/confirm/<token>", methods=["GET", "POST"])
@login_required
def confirm_email_change(token: str):
    digest = digest_of(token)
    pending = graph().account_tokens.peek("change_email", digest, now_iso()) if digest else None
    if pending is None or pending["personId"] != current_user.id:
        return render_template("account/link_invalid.html"), 404
    if not _is_post():
        return render_template("account/confirm_email.html", email=pending["email"])
    try:
        changed = graph().credentials.change_email(current_user.id, digest,
                                                   current_session_key(), now_iso())
    except Duplicate as exc:
        flash(error_text(exc), "error")
        return render_template("account/link_invalid.html"), 409
    if changed is None:
        return render_template("account/link_invalid.html"), 404
    refresh_email_key(current_user.id, changed["email"])
    send_email_changed(changed["name"], changed["oldEmail"], changed["email"])
    flash(_("Your e-mail address is now %(email)s. Every other session was logged "
            "out.", email=changed['email']),
          "success")
    return redirect(url_for("account.settings"))


@bp.route("/account/verify/<token>", methods=["GET", "POST"])
def verify_email(token: str):
    digest = digest_of(token)
    pending = graph().account_tokens.peek("verify", digest, now_iso()) if digest else None
    if pending is None:
        return render_template("account/link_invalid.html"), 404
    if not _is_post():
        return render_template("account/verify.html", email=pending["email"])
    verified = graph().credentials.verify_email(digest, now_iso())
    if verified is None:
        return render_template("account/link_invalid.html"), 404
    # Only now may contacts who have this address find the member by it.
    refresh_email_key(verified["id"], verified["email"])
    flash(_("Thank you: your e-mail address is confirmed."), "success")
    return redirect(url_for("account.settings" if current_user.is_authenticated else "auth.login"))


@bp.route("/account/verify", methods=["POST"])
@login_required
@limiter.limit(lambda: current_app.config["ACCOUNT_MAIL_LIMIT"], key_func=mail_limit_key)
def resend_verification():
    if current_user.email_verified:
        flash(_("Your e-mail address is already confirmed."), "info")
    elif send_verification(current_user.id, current_user.name, current_user.email):
        flash(_("We sent a new link to %(email)s. Earlier links no longer work.", email=current_user.email),
              "success")
    else:
        flash(_("The e-mail could not be sent. Please try again later."), "error")
    return redirect(url_for("account.settings"))
