""""How people find you": the member's e-mail, confirmed phone and handles as match keys."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Duplicate, Invalid, NotFound

from ..extensions import graph, limiter
from ..i18n.labels import error_text
from . import bp
from .digests import code_digest, digest, handle_value, secret_from_config
from .forms import EmailMatchingForm, HandleForm, PhoneCodeForm, PhoneForm
from .email_keys import refresh_email_key
from .normalise import NETWORKS, handle_hint, normalise_handle, phone_hint
from .sms import send_sms

CODE_MINUTES = 15


def _secret() -> bytes:
    return secret_from_config(current_app.config)


def _page(status: int = 200, **forms):
    keys = graph().match_keys.keys(current_user.id)
    forms.setdefault("phone_form", PhoneForm(formdata=None))
    forms.setdefault("code_form", PhoneCodeForm(formdata=None))
    forms.setdefault("handle_form", HandleForm(formdata=None))
    forms.setdefault("email_form", EmailMatchingForm(formdata=None))
    return render_template("contacts/findable.html", keys=keys, networks=NETWORKS,
                           **forms), status


@bp.route("/contacts/findable")
@login_required
def findable():
    return _page()


@bp.route("/contacts/findable/email", methods=["POST"])
@login_required
def email_matching():
    form = EmailMatchingForm()
    if not form.validate_on_submit():
        return _page(400, email_form=form)
    on = form.on.data == "on"
    email = graph().match_keys.set_email_matching(current_user.id, on)
    if on:
        refresh_email_key(current_user.id, email)
    flash(_("People who have your e-mail address can find you.") if on else
          _("Your e-mail address no longer matches anyone's contacts."), "success")
    return redirect(url_for("contacts.findable"))


def _code_key() -> str:
    return "phone-code:" + (current_user.get_id() or "")


@bp.route("/contacts/findable/phone", methods=["POST"])
@login_required
@limiter.limit(lambda: current_app.config["PHONE_CODE_LIMIT"], key_func=_code_key)
def start_phone():
    form = PhoneForm()
    if not form.validate_on_submit():
        return _page(400, phone_form=form)
    number = form.e164()
    code = f"{secrets.randbelow(10 ** 6):06d}"
    expires = datetime.now(timezone.utc) + timedelta(minutes=CODE_MINUTES)
    graph().match_keys.start_phone(current_user.id, digest(_secret(), "phone", number),
                                   phone_hint(number),
                                   code_digest(_secret(), current_user.id, code),
                                   expires.isoformat(timespec="seconds"))
    send_sms(number, f"Your Referral code is {code}. It expires in {CODE_MINUTES} minutes.")
    flash(_("We sent a six-digit code to your phone. Enter it below."), "info")
    return redirect(url_for("contacts.findable"))


@bp.route("/contacts/findable/phone/confirm", methods=["POST"])
@login_required
def confirm_phone():
    form = PhoneCodeForm()
    if not form.validate_on_submit():
        return _page(400, code_form=form)
    try:
        graph().match_keys.confirm_phone(
            current_user.id, code_digest(_secret(), current_user.id, form.code.data.strip()))
    except Invalid as exc:
        form.code.errors.append(error_text(exc))
        return _page(400, code_form=form)
    flash(_("Phone number confirmed. People who have it in their contacts can find you."),
          "success")
    return redirect(url_for("contacts.findable"))


@bp.route("/contacts/findable/phone/delete", methods=["POST"])
@login_required
def delete_phone():
    graph().match_keys.remove(current_user.id, "phone")
    flash(_("Phone number removed."), "success")
    return redirect(url_for("contacts.findable"))


@bp.route("/contacts/findable/handles", methods=["POST"])
@login_required
def add_handle():
    form = HandleForm()
    if not form.validate_on_submit():
        return _page(400, handle_form=form)
    network, handle = form.network.data, normalise_handle(form.handle.data)
    try:
        graph().match_keys.set_handle(current_user.id, network,
                                      digest(_secret(), "handle", handle_value(network, handle)),
                                      handle_hint(network, handle))
    except Duplicate as exc:
        form.handle.errors.append(error_text(exc))
        return _page(409, handle_form=form)
    flash(_("Handle on %(value)s saved.", value=NETWORKS[network]), "success")
    return redirect(url_for("contacts.findable"))


@bp.route("/contacts/findable/handles/<network>/delete", methods=["POST"])
@login_required
def delete_handle(network: str):
    if network not in NETWORKS:
        raise NotFound("No such network.")
    graph().match_keys.remove(current_user.id, "handle", network)
    flash(_("Handle on %(value)s removed.", value=NETWORKS[network]), "success")
    return redirect(url_for("contacts.findable"))
