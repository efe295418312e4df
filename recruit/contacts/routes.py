"""Uploading an address book or a follow list, and what the imports produced."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..extensions import graph, limiter
from ..listing import requested_page, with_badges
from . import bp
from .forms import AddressBookForm, FollowListForm
from .importer import ParseError, import_file, limits, since_one_day_ago
from .normalise import NETWORKS

KIND_NAMES = {"address_book": "Address book", "follow_list": "Follow list"}
VIA_NAMES = {"phone": "phone number", "email": "e-mail", "handle": "handle"}


def _upload_key() -> str:
    return "contact-upload:" + (current_user.get_id() or request.remote_addr or "")


def _upload_limit() -> str:
    return current_app.config["CONTACT_UPLOAD_LIMIT"]


def _import_page(status: int = 200, **forms):
    used = graph().contact_imports.used_since(current_user.id, since_one_day_ago())
    forms.setdefault("book", AddressBookForm(formdata=None))
    forms.setdefault("follows", FollowListForm(formdata=None))
    caps = limits()
    return render_template("contacts/import.html", caps=caps,
                           remaining=max(0, current_app.config["CONTACT_IMPORTS_PER_DAY"] - used),
                           **forms), status


@bp.route("/contacts/import")
@login_required
def import_page():
    return _import_page()


def _run(form, form_name: str, kind: str, region: str, network: str | None):
    if not form.validate_on_submit():
        return _import_page(400, **{form_name: form})
    try:
        recorded, prepared = import_file(current_user.id, kind, form.file.data, region, network)
    except ParseError as exc:
        form.file.errors.append(exc.message + " Nothing was imported.")
        return _import_page(400, **{form_name: form})
    matched = recorded["matched"]
    flash(f"{prepared.summary()} {matched} member{'s' if matched != 1 else ''} matched; "
          "entries that matched nobody were discarded.", "success")
    return redirect(url_for("contacts.imports") + f"#import-{recorded['id']}")


@bp.route("/contacts/import/address-book", methods=["POST"])
@login_required
@limiter.limit(_upload_limit, key_func=_upload_key)
def import_address_book():
    form = AddressBookForm()
    return _run(form, "book", "address_book", (form.region.data or "").strip().upper(), None)


@bp.route("/contacts/import/follow-list", methods=["POST"])
@login_required
@limiter.limit(_upload_limit, key_func=_upload_key)
def import_follow_list():
    form = FollowListForm()
    region = current_app.config["PHONE_DEFAULT_REGION"]
    return _run(form, "follows", "follow_list", region, form.network.data)


@bp.route("/contacts/imports")
@login_required
def imports():
    page = requested_page()
    found = graph().contact_imports.page(current_user.id, since_one_day_ago(),
                                         page.skip, page.size)
    people = with_badges([m for imp in found["imports"] for m in imp["matches"]])
    badges = {person["id"]: person["badge"] for person in people}
    return render_template("contacts/imports.html", imports=found["imports"],
                           total=found["total"], badges=badges, page=page,
                           pages=page.pages_for(found["total"]), kind_names=KIND_NAMES,
                           via_names=VIA_NAMES, networks=NETWORKS)


@bp.route("/contacts/imports/<import_id>/delete", methods=["POST"])
@login_required
def delete_import(import_id: str):
    graph().contact_imports.delete(current_user.id, import_id)
    flash("Import deleted, with the matches it made.", "success")
    return redirect(url_for("contacts.imports"))


@bp.route("/contacts/imports/delete-all", methods=["POST"])
@login_required
def delete_all_imports():
    count = graph().contact_imports.delete_all(current_user.id)
    flash(f"Deleted {count} import{'s' if count != 1 else ''} and their matches.", "success")
    return redirect(url_for("contacts.imports"))


@bp.route("/contacts/imports/<import_id>/matches/<person_id>/delete", methods=["POST"])
@login_required
def delete_match(import_id: str, person_id: str):
    graph().contact_imports.delete_match(current_user.id, import_id, person_id)
    flash("Match removed.", "success")
    return redirect(url_for("contacts.imports") + f"#import-{import_id}")
