"""What every API module shares: the problem schema, documented error responses, cursor
pagination, the Idempotency-Key header and validation through the pages' own forms."""
from __future__ import annotations

import base64
import binascii

from flask import request
from marshmallow import Schema, fields, validate
from werkzeug.datastructures import CombinedMultiDict, MultiDict

from graph.errors import Invalid
from graph.idempotency import AlreadyApplied

from .problems import MEDIA_TYPE, FormInvalid

MAX_LIMIT = 100
TIME = {"format": "date-time", "example": "2026-11-28T09:30:00+00:00"}


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True, metadata={"example": "urn:recruit:problem:not-found"})
    title = fields.String(required=True, metadata={"example": "Not found"})
    status = fields.Integer(required=True, metadata={"example": 404})
    detail = fields.String(required=True, metadata={"example": "There is no such job."})
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                         metadata={"example": {"title": ["Enter the job title."]}})


def problems(blp, *statuses: int):
    """Document the problem responses ``statuses`` (plus 401 and 429, which every
    authenticated call can answer) on an operation of ``blp``."""
    def decorate(view):
        for status in sorted({401, 429, *statuses}, reverse=True):
            view = blp.alt_response(status, schema=ProblemSchema, content_type=MEDIA_TYPE,
                                    description=_DESCRIPTIONS.get(status, "Problem"))(view)
        return view
    return decorate


_DESCRIPTIONS = {400: "Invalid request", 401: "Missing, unknown or expired token",
                 403: "Not allowed", 404: "Not found (or not visible to you)",
                 409: "Conflict", 429: "Rate limit reached",
                 503: "Unavailable for now (try again later)"}


class PageArgs(Schema):
    """Cursor pagination: pass the previous page's ``next`` as ``cursor``."""

    cursor = fields.String(validate=validate.Length(max=64),
                           metadata={"description": "The `next` of the previous page."})
    limit = fields.Integer(load_default=20, validate=validate.Range(1, MAX_LIMIT),
                           metadata={"description": f"Rows per page, at most {MAX_LIMIT}."})


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """A page of ``item_schema`` rows: ``items``, ``next`` cursor (null at the end),
    ``total``."""
    return Schema.from_dict({
        "items": fields.List(fields.Nested(item_schema), required=True),
        "next": fields.String(allow_none=True, required=True),
        "total": fields.Integer(required=True),
    }, name=name)


def window(args: dict) -> tuple[int, int]:
    """``(skip, limit)`` from a page's ``cursor`` and ``limit``; ``Invalid`` for a
    cursor this API did not make."""
    cursor = args.get("cursor")
    skip = 0
    if cursor:
        try:
            raw = base64.urlsafe_b64decode(cursor.encode("ascii") + b"==").decode("ascii")
        except (binascii.Error, UnicodeError, ValueError):
            raw = ""
        if not raw.startswith("o:") or not raw[2:].isdigit() or len(raw) > 12:
            raise Invalid("That cursor is not one this API gave out.")
        skip = int(raw[2:])
    return skip, args.get("limit") or 20


def paged(items: list, skip: int, limit: int, total: int) -> dict:
    """A page body: the rows, the next cursor (None at the end) and the total."""
    following = skip + limit
    cursor = (base64.urlsafe_b64encode(f"o:{following}".encode()).decode().rstrip("=")
              if following < total else None)
    return {"items": items, "next": cursor, "total": total}


class IdempotencyHeader(Schema):
    """``Idempotency-Key``: a retry with the same key answers as the first call did."""

    idempotency_key = fields.String(
        data_key="Idempotency-Key", load_default=None,
        metadata={"description": "16-64 characters of A-Z a-z 0-9 _ -, new per write.",
                  "example": "6f1c2a0e-7b3d-4f5e-9a8b-0c1d2e3f4a5b"})


def once(create, request_id: str | None):
    """Run ``create(request_id)``; on a repeat of the key, the first call's result."""
    try:
        return create(request_id)
    except AlreadyApplied as done:
        return done.result


def validated(form_class, data: dict, prepare=None, files=None):
    """Validate ``data`` with the page's own ``form_class`` (the same validators and
    messages as the web form, so no rule is written twice); raises ``FormInvalid``.
    ``prepare(form)`` runs before validation, as the page does (e.g. offering choices);
    ``files`` (``request.files``) carries uploads."""
    formdata = MultiDict()
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                formdata.add(key, "y")
        elif isinstance(value, list):
            for item in value:
                formdata.add(key, str(item))
        else:
            formdata.add(key, str(value))
    if files is not None:
        formdata = CombinedMultiDict([files, formdata])
    form = form_class(formdata=formdata, meta={"csrf": False})
    if prepare is not None:
        prepare(form)
    if not form.validate():
        raise FormInvalid(form.errors)
    return form


def offering(field: str, rows: list[dict]):
    """A ``prepare`` for ``validated``: the form's choice field ``field`` offers ``rows``
    (each with ``id`` and ``name``), as the page offers them, so only those validate."""
    choices = [(row["id"], row["name"]) for row in rows]

    def prepare(form):
        getattr(form, field).choices = choices
    return prepare


def etag_on_reads(response):
    """A weak-free ETag on successful reads, and 304 when the client already has it:
    cheap, since the body is already built."""
    if request.method == "GET" and response.status_code == 200 \
            and response.mimetype == "application/json":
        response.add_etag()
        response.make_conditional(request)
    return response
