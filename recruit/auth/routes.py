"""Account routes: sign up, log in, log out, forgotten password.

Failed logins count against throttles per account and per address, kept in the
limiter's storage (``RATELIMIT_STORAGE_URI``): with a shared store such as Redis they
hold across every worker and host.
"""
from __future__ import annotations

import logging

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from graph.errors import Duplicate

from ..extensions import graph, limiter
from ..i18n.labels import error_text
from . import bp
from .forms import ForgotPasswordForm, LoginForm, ResetPasswordForm, SignupForm
from .login_check import check_login
from .mails import send_reset, send_verification
from .passwords import hash_password
from .server_sessions import remember_session
from .session import User, safe_next_url
from .tokens import digest_of, now_iso

logger = logging.getLogger(__name__)

def _account_key() -> str:
    return "login-account:" + (request.form.get("email") or "").strip().lower()


def _reset_key() -> str:
    return "reset-account:" + (request.form.get("email") or "").strip().lower()


def _failed(response) -> bool:
    # Only failed attempts count: a successful login answers with a redirect.
    return response.status_code != 302


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGNUP_LIMIT_PER_ADDRESS"], methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            account = graph().people.create(form.name.data, form.email.data,
                                            hash_password(form.password.data))
        except Duplicate as exc:
            form.email.errors.append(error_text(exc))
        else:
            # The address becomes a contact-match key only once verified (account.verify_email).
            login_user(User(account))
            if send_verification(account.id, account.name, account.email):
                flash(_("Welcome! We sent you a link to confirm your e-mail address. Meanwhile, "
                        "add a few facts to your profile so friends can find you."), "success")
            else:
                flash(_("Welcome! We could not send the link that confirms your e-mail address; "
                        "send it again from Account settings."), "info")
            # A same-site ``next`` (e.g. a referral link's page) brings the new member back.
            return redirect(safe_next_url(request.args.get("next")) or url_for("profiles.edit"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/signup.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], methods=["POST"],
               deduct_when=_failed)
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], methods=["POST"],
               key_func=_account_key, deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        outcome = check_login(form.email.data, form.password.data)
        if outcome is not None:
            login_user(User(graph().people.account(outcome.person_id)))
            if form.remember.data:
                remember_session()
            if outcome.deletion_cancelled:
                flash(_("Welcome back. Your account will not be deleted."), "success")
            return redirect(safe_next_url(request.args.get("next")) or url_for("main.home"))
        form.password.errors.append(_("That e-mail and password do not match an account."))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    # CSRFProtect has already checked the token: every POST in the app needs one. With the
    # member gone from the session, the session store deletes its record and remember
    # token (recruit/auth/server_sessions.py): a saved copy of either cookie is anonymous.
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["ACCOUNT_MAIL_LIMIT"], methods=["POST"],
               key_func=_reset_key)
@limiter.limit(lambda: current_app.config["SIGNUP_LIMIT_PER_ADDRESS"], methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        record = graph().people.login_record(form.email.data)
        if record is not None:
            send_reset(record["id"], record["name"], record["email"])
        # The same answer either way: this form does not tell who has an account.
        flash(_("If an account uses that address, we sent it a link to choose a new password. "
                "It works once, within the hour."), "info")
        return redirect(url_for("auth.login"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/forgot.html", form=form), status


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    digest = digest_of(token)
    pending = graph().account_tokens.peek("reset", digest, now_iso()) if digest else None
    if pending is None:
        return render_template("auth/reset_invalid.html"), 404
    account = graph().people.account(pending["personId"])
    if account is None:
        abort(404)
    form = ResetPasswordForm()
    form.policy_email, form.policy_name = account.email, account.name
    if form.validate_on_submit():
        person_id = graph().credentials.reset_password(
            digest, hash_password(form.password.data), now_iso())
        if person_id is None:  # used or expired while the form was open
            return render_template("auth/reset_invalid.html"), 404
        if current_user.is_authenticated:
            logout_user()
        flash(_("Your password is changed and every session was logged out. Log in with your "
                "new password."), "success")
        return redirect(url_for("auth.login"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/reset.html", form=form), status
