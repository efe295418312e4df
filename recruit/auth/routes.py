"""Account routes. Failed logins count against throttles per account and per address."""
from __future__ import annotations

import logging

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from graph.errors import Duplicate

from ..contacts.email_keys import refresh_email_key
from ..extensions import graph, limiter
from . import bp
from .forms import LoginForm, SignupForm
from .passwords import hash_password, needs_rehash, verify_password
from .session import User, safe_next_url

logger = logging.getLogger(__name__)

# Hashing a dummy password when the e-mail is unknown makes both failures take as long,
# so response time does not reveal which e-mails have accounts.
_DUMMY_HASH_CACHE: dict[bool, str] = {}


def _dummy_hash() -> str:
    fast = bool(current_app.config.get("ARGON2_FAST"))
    if fast not in _DUMMY_HASH_CACHE:
        _DUMMY_HASH_CACHE[fast] = hash_password("not-a-real-password")
    return _DUMMY_HASH_CACHE[fast]


def _account_key() -> str:
    return "login-account:" + (request.form.get("email") or "").strip().lower()


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
            form.email.errors.append(exc.message)
        else:
            refresh_email_key(account.id, account.email)  # lets contacts find them
            login_user(User(account))
            flash("Welcome! Add a few facts to your profile so friends can find you.", "success")
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
        people = graph().people
        record = people.login_record(form.email.data)
        stored_hash = record["passwordHash"] if record else _dummy_hash()
        if record and verify_password(stored_hash, form.password.data):
            if needs_rehash(stored_hash):
                people.set_password_hash(record["id"], hash_password(form.password.data))
            login_user(User(people.account(record["id"])), remember=form.remember.data)
            return redirect(safe_next_url(request.args.get("next")) or url_for("main.home"))
        if not record:
            verify_password(stored_hash, form.password.data)
        form.password.errors.append("That e-mail and password do not match an account.")
    status = 400 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    # CSRFProtect has already checked the token: every POST in the app needs one.
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("main.index"))
