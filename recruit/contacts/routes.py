"""Uploading an address book or a follow list, and what the imports produced."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import NotFound
from graph.i18n import N_


from ..extensions import graph, limiter
from ..i18n.labels import TranslatedLabels, error_text
from ..listing import requested_page, with_badges
from . import bp
from .forms import AddressBookForm, FollowListForm, ReadAgainForm
from .importer import (ParseError, import_file, limits, reading_regions, since_one_day_ago,
                       upload_key as _upload_key, upload_limit as _upload_limit,
                       uploader_region)
from .normalise import NETWORKS
from .phones import is_region, region_name

KIND_NAMES = {"address_book": N_("Address book"), "follow_list": N_("Follow list")}
VIA_NAMES = {"phone": N_("phone number"), "email": N_("e-mail"), "handle": N_("handle")}


def _import_page(status: int = 200, **forms):
    used = graph().contact_imports.used_since(current_user.id, since_one_day_ago())
    forms.setdefault("book", AddressBookForm(formdata=None,
                                             region=uploader_region(current_user.id)))
    forms.setdefault("follows", FollowListForm(formdata=None))
    caps = limits()
    return render_template("contacts/import.html", caps=caps,
                           remaining=max(0, current_app.config["CONTACT_IMPORTS_PER_DAY"] - used),
                           **forms), status


@bp.route("/contacts/import")
@login_required
def import_page():
    return _import_page()


def _imported(recorded: dict, prepared) -> object:
    """Flash what the import read and matched; go to it on *Your imports* (with the
    likely country of unplaced numbers preselected in its read-again form)."""
    matched = recorded["matched"]
    flash(_("%(value)s %(matched)s member%(value2)s matched; entries that matched "
            "nobody were discarded.", value=prepared.summary(), matched=matched, value2='s' if matched != 1 else ''), "success")
    query = {"region": prepared.likely_region} if prepared.likely_region else {}
    return redirect(url_for("contacts.imports", **query) + f"#import-{recorded['id']}")


def _run(form, form_name: str, kind: str, regions: list[str], network: str | None):
    if not form.validate_on_submit():
        return _import_page(400, **{form_name: form})
    try:
        recorded, prepared = import_file(current_user.id, kind, form.file.data, regions,
                                         network)
    except ParseError as exc:
        form.file.errors.append(error_text(exc) + " " + _("Nothing was imported."))
        return _import_page(400, **{form_name: form})
    return _imported(recorded, prepared)


@bp.route("/contacts/import/address-book", methods=["POST"])
@login_required
@limiter.limit(_upload_limit, key_func=_upload_key)
def import_address_book():
    form = AddressBookForm()
    return _run(form, "book", "address_book", reading_regions(form.region.data or ""), None)


@bp.route("/contacts/import/follow-list", methods=["POST"])
@login_required
@limiter.limit(_upload_limit, key_func=_upload_key)
def import_follow_list():
    form = FollowListForm()
    return _run(form, "follows", "follow_list", [], form.network.data)


def _imports_page(status: int = 200, read_again: ReadAgainForm | None = None,
                  read_again_id: str | None = None):
    page = requested_page()
    found = graph().contact_imports.page(current_user.id, since_one_day_ago(),
                                         page.skip, page.size)
    people = with_badges([m for imp in found["imports"] for m in imp["matches"]])
    badges = {person["id"]: person["badge"] for person in people}
    suggested = (request.args.get("region") or "").upper()
    forms = {imp["id"]: (read_again if imp["id"] == read_again_id else ReadAgainForm(
                 formdata=None, region=suggested if is_region(suggested) else None))
             for imp in found["imports"] if imp["kind"] == "address_book" and imp["unplaced"]}
    return render_template("contacts/imports.html", imports=found["imports"],
                           total=found["total"], badges=badges, page=page,
                           pages=page.pages_for(found["total"]), kind_names=TranslatedLabels(KIND_NAMES),
                           via_names=TranslatedLabels(VIA_NAMES), networks=NETWORKS, read_again=forms,
                           region_name=region_name), status


@bp.route("/contacts/imports")
@login_required
def imports():
    return _imports_page()


@bp.route("/contacts/imports/<import_id>/read-again", methods=["POST"])
@login_required
@limiter.limit(_upload_limit, key_func=_upload_key)
def read_again(import_id: str):
    """Read an address book again, with a country for the numbers that could not be
    placed. The file comes again: unmatched entries are never kept, so there is nothing
    on our side to re-read. The new reading replaces the import and counts as one."""
    earlier = graph().contact_imports.get(current_user.id, import_id)
    if earlier["kind"] != "address_book":
        raise NotFound("No such address book among your imports.")
    form = ReadAgainForm()
    if not form.validate_on_submit():
        return _imports_page(400, form, import_id)
    regions = reading_regions(*(earlier["regions"] or [uploader_region(current_user.id)]),
                              form.region.data)
    try:
        recorded, prepared = import_file(current_user.id, "address_book", form.file.data,
                                         regions, replaces=import_id)
    except ParseError as exc:
        form.file.errors.append(error_text(exc) + " " + _("Nothing was changed."))
        return _imports_page(400, form, import_id)
    return _imported(recorded, prepared)


@bp.route("/contacts/imports/<import_id>/delete", methods=["POST"])
@login_required
def delete_import(import_id: str):
    graph().contact_imports.delete(current_user.id, import_id)
    flash(_("Import deleted, with the matches it made."), "success")
    return redirect(url_for("contacts.imports"))


@bp.route("/contacts/imports/delete-all", methods=["POST"])
@login_required
def delete_all_imports():
    count = graph().contact_imports.delete_all(current_user.id)
    flash(_("Deleted %(count)s import%(value)s and their matches.", count=count, value='s' if count != 1 else ''), "success")
    return redirect(url_for("contacts.imports"))


@bp.route("/contacts/imports/<import_id>/matches/<person_id>/delete", methods=["POST"])
@login_required
def delete_match(import_id: str, person_id: str):
    graph().contact_imports.delete_match(current_user.id, import_id, person_id)
    flash(_("Match removed."), "success")
    return redirect(url_for("contacts.imports") + f"#import-{import_id}")
