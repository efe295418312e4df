"""Importing an address book or a follow list (multipart upload), your imports with the
members they matched, and deleting them: the same importer (``recruit/contacts/importer``)
and repository as ``recruit/contacts``. Entries that match nobody are discarded."""
from __future__ import annotations

from flask import request
from flask_login import current_user
from flask_smorest import Blueprint
from flask_smorest.fields import Upload
from marshmallow import Schema, fields

from graph.errors import Invalid

from ....contacts.forms import NETWORK_CHOICES, AddressBookForm, FollowListForm
from ....contacts.importer import (ParseError, import_file, reading_regions, since_one_day_ago,
                                  upload_key, upload_limit, uploader_region)
from ....extensions import graph, limiter
from ....listing import with_badges
from ...common import TIME, PageArgs, paged, problems, validated, window
from ...operations import operation
from .people import BadgeSchema

blp = Blueprint("api_contact_imports", __name__,
                description="Address books and follow lists, matched to members.")

per_member = limiter.limit(upload_limit, key_func=upload_key)


class FileBody(Schema):
    file = Upload(required=True, metadata={"description": "The vCard/CSV or JSON/CSV file."})


class RegionArgs(Schema):
    region = fields.String(metadata={
        "description": "Two-letter country of numbers without a +code (default: yours).",
        "example": "CN"})


class NetworkArgs(Schema):
    network = fields.String(required=True, metadata={
        "enum": [value for value, _ in NETWORK_CHOICES], "example": NETWORK_CHOICES[0][0]})


class Match(Schema):
    id = fields.String(required=True, metadata={"example": "a1b2..."})
    name = fields.String(required=True, metadata={"example": "Zhang Min"})
    headline = fields.String(allow_none=True, metadata={"example": "Designer"})
    via = fields.List(fields.String(metadata={"enum": ["phone", "email", "handle"]}),
                      metadata={"description": "What matched.", "example": ["phone"]})
    badge = fields.Nested(BadgeSchema, allow_none=True)


class ImportRow(Schema):
    id = fields.String(required=True, metadata={"example": "4d5e..."})
    kind = fields.String(required=True, metadata={"enum": ["address_book", "follow_list"],
                                                  "example": "address_book"})
    layout = fields.String(allow_none=True, metadata={"example": "vcard"})
    network = fields.String(allow_none=True, metadata={"example": None})
    entries = fields.Integer(required=True, metadata={"example": 120})
    matched = fields.Integer(required=True, metadata={"example": 7})
    createdAt = fields.String(required=True, metadata=TIME)
    regions = fields.List(fields.String(), metadata={"example": ["CN"]})
    unplaced = fields.Integer(allow_none=True, metadata={"example": 0})
    skipped = fields.Integer(allow_none=True, metadata={"example": 0})
    matches = fields.List(fields.Nested(Match), required=True)


class ImportPage(Schema):
    items = fields.List(fields.Nested(ImportRow), required=True)
    next = fields.String(allow_none=True, required=True)
    total = fields.Integer(required=True, metadata={"example": 2})
    usedToday = fields.Integer(required=True, metadata={"example": 1})


class Imported(Schema):
    id = fields.String(required=True, metadata={"example": "4d5e..."})
    matched = fields.Integer(required=True, metadata={"example": 7})
    summary = fields.String(required=True, metadata={"example": "Read 120 cards."})


class DeletedCount(Schema):
    deleted = fields.Integer(required=True, metadata={"example": 2})


def _import(kind: str, form, regions: list[str], network: str | None) -> dict:
    try:
        recorded, prepared = import_file(current_user.id, kind, form.file.data, regions,
                                         network)
    except ParseError as exc:
        raise Invalid(f"{exc.message} Nothing was imported.") from None  # the API stays English
    return {"id": recorded["id"], "matched": recorded["matched"],
            "summary": prepared.summary()}


@blp.route("/contacts/imports/address-book", methods=["POST"])
@per_member
@blp.arguments(RegionArgs, location="query", error_status_code=400)
@blp.arguments(FileBody, location="files", error_status_code=400)
@blp.response(201, Imported)
@problems(blp, 400, 413)
def import_address_book(args, _files):
    """Upload an address book (vCard or CSV): numbers to E.164, e-mails lower-cased,
    matched to members by keyed digests; unmatched entries are discarded."""
    form = validated(AddressBookForm, {"region": args.get("region") or
                                       uploader_region(current_user.id)}, files=request.files)
    return _import("address_book", form, reading_regions(form.region.data or ""), None)


@blp.route("/contacts/imports/follow-list", methods=["POST"])
@per_member
@blp.arguments(NetworkArgs, location="query", error_status_code=400)
@blp.arguments(FileBody, location="files", error_status_code=400)
@blp.response(201, Imported)
@problems(blp, 400, 413)
def import_follow_list(args, _files):
    """Upload a follow list (JSON or CSV) from one social network."""
    form = validated(FollowListForm, {"network": args["network"]}, files=request.files)
    return _import("follow_list", form, [], form.network.data)


@operation(blp, "GET", "/contacts/imports", ImportPage, query=PageArgs)
def imports(args):
    """Your imports, newest first, with the members each matched (and their badges)."""
    skip, limit = window(args)
    found = graph().contact_imports.page(current_user.id, since_one_day_ago(), skip, limit)
    badges = {p["id"]: p["badge"] for p in
              with_badges([m for imp in found["imports"] for m in imp["matches"]])}
    rows = [{**imp, "matches": [{**m, "badge": badges.get(m["id"])} for m in imp["matches"]]}
            for imp in found["imports"]]
    return {**paged(rows, skip, limit, found["total"]), "usedToday": found["usedToday"]}


@operation(blp, "DELETE", "/contacts/imports/<import_id>", status=204, errors=(404,))
def delete_import(import_id: str):
    """Delete one import and the matches it made."""
    graph().contact_imports.delete(current_user.id, import_id)


@operation(blp, "DELETE", "/contacts/imports", DeletedCount)
def delete_all():
    """Delete every import and their matches."""
    return {"deleted": graph().contact_imports.delete_all(current_user.id)}


@operation(blp, "DELETE", "/contacts/imports/<import_id>/matches/<person_id>", status=204,
           errors=(404,))
def delete_match(import_id: str, person_id: str):
    """Remove one matched member from one of your imports."""
    graph().contact_imports.delete_match(current_user.id, import_id, person_id)
