"""One decorator per API operation, and the deprecation of an operation.

Every API view used to open with the same four-to-six decorators (route, one
``arguments`` per input, ``response``, the documented problems); ``operation`` writes them
in one place, so a view is its docstring and its repository call:

    @operation(blp, "GET", "/jobs/feed", FeedPage, query=FilterArgs)
    def feed(args): ...

Inputs are passed to the view in a fixed order: ``headers``, ``query``, ``body`` (JSON),
``form`` (multipart fields), ``files``, then the URL's variables. An operation with any
input documents 400; every operation documents 401 and 429 (``common.problems``).

Deprecation (docs/api.md, "Versioning and deprecation"): ``deprecated=Deprecation(...)``
marks the operation ``deprecated`` in the OpenAPI document, documents the headers on its
success response, and ``deprecation_headers`` adds them to every answer of it:
``Deprecation`` (RFC 9745: ``@<epoch seconds>``), ``Sunset`` (RFC 8594: an HTTP-date, after
which the operation may answer 410) and ``Link`` (``rel="deprecation"``: what replaces it).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from flask import current_app, request
from werkzeug.http import http_date

from .common import problems

DEPRECATION_ATTRIBUTE = "api_deprecation"


@dataclass(frozen=True)
class Deprecation:
    """An operation's deprecation: since when, its sunset (optional) and the page that
    says what to use instead (optional)."""

    since: datetime
    sunset: datetime | None = None
    link: str | None = None

    def headers(self) -> dict[str, str]:
        """The response headers that announce it."""
        found = {"Deprecation": f"@{int(_utc(self.since).timestamp())}"}
        if self.sunset is not None:
            found["Sunset"] = http_date(_utc(self.sunset))
        if self.link:
            found["Link"] = f'<{self.link}>; rel="deprecation"; type="text/html"'
        return found

    def documented_headers(self) -> dict[str, dict]:
        """The same headers as OpenAPI header objects, for the success response."""
        about = {
            "Deprecation": "RFC 9745: when this operation was deprecated (`@` epoch seconds).",
            "Sunset": "RFC 8594: after this HTTP-date the operation may stop answering.",
            "Link": 'RFC 8288: `rel="deprecation"`, the page that says what replaces it.',
        }
        return {name: {"description": about[name], "schema": {"type": "string"}}
                for name in self.headers()}


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def operation(blp, method: str, rule: str, schema=None, *, status: int = 200,
              headers=None, query=None, body=None, form=None, files=None,
              multipart: bool = False, errors: tuple[int, ...] = (),
              deprecated: Deprecation | None = None):
    """Register the decorated view as ``method rule`` on ``blp``: answering ``status``
    with ``schema`` (None for an empty answer), parsing the given inputs (marshmallow
    schemas) and documenting the problem statuses ``errors``. ``multipart`` documents
    the ``form`` schema as ``multipart/form-data`` (fields and ``Upload`` files in one
    body: the view reads the files from ``request.files``)."""
    inputs = [(s, where) for s, where in ((headers, "headers"), (query, "query"),
                                          (body, "json"), (form, "form"), (files, "files"))
              if s is not None]

    def decorate(view):
        view = problems(blp, *errors, *((400,) if inputs else ()))(view)
        extra = {"headers": deprecated.documented_headers()} if deprecated else {}
        view = blp.response(status, schema, **extra)(view)
        # flask-smorest hands parsed inputs to the view outermost-first: apply in reverse.
        for input_schema, where in reversed(inputs):
            extra = ({"content_type": "multipart/form-data"}
                     if multipart and where == "form" else {})
            view = blp.arguments(input_schema, location=where, error_status_code=400,
                                 **extra)(view)
        if deprecated is not None:
            view = blp.doc(deprecated=True)(view)
            setattr(view, DEPRECATION_ATTRIBUTE, deprecated)
        return blp.route(rule, methods=[method])(view)
    return decorate


def deprecation_headers(response):
    """``after_request`` of the API blueprints: a deprecated operation's headers on every
    answer it gives (errors too: the client should hear it whatever happened)."""
    view = current_app.view_functions.get(request.endpoint or "")
    policy = getattr(view, DEPRECATION_ATTRIBUTE, None)
    if policy is not None:
        for name, value in policy.headers().items():
            response.headers[name] = value
    return response
