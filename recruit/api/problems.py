"""RFC 9457 problem details (``application/problem+json``) for every error under ``/api``.

Each problem has a stable ``type`` (a URN listed in docs/api.md), a short ``title`` and a
``detail`` safe to show; validation problems add ``errors`` (field -> messages). The web
pages keep their HTML error pages: ``recruit/errors.py`` hands errors on API paths here.
"""
from __future__ import annotations

import logging

from flask import Response, current_app, json, request
from werkzeug.exceptions import HTTPException

from graph.errors import DomainError

logger = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
API_PREFIX = "/api/"

# Stable problem types by HTTP status: clients switch on these, never on ``detail``.
TYPES = {
    400: ("invalid-request", "Invalid request"),
    401: ("unauthorized", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    409: ("conflict", "Conflict"),
    413: ("too-large", "Request too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    429: ("rate-limited", "Too many requests"),
    500: ("server-error", "Server error"),
    503: ("unavailable", "Service unavailable"),
}


def type_uri(slug: str) -> str:
    """The stable ``type`` URI of a problem slug."""
    return f"urn:recruit:problem:{slug}"


def is_api_request() -> bool:
    """True when the request is for the JSON API."""
    return request.path.startswith(API_PREFIX)


def problem(status: int, detail: str, slug: str | None = None, **extra) -> Response:
    """A problem+json response with ``status``; ``slug`` overrides the status's type."""
    default_slug, title = TYPES.get(status, ("error", "Error"))
    body = {"type": type_uri(slug or default_slug), "title": title, "status": status,
            "detail": detail, **extra}
    response = Response(json.dumps(body), status=status, mimetype=MEDIA_TYPE)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def domain_problem(error: DomainError) -> Response:
    """The problem for a repository's domain error (same status as the web page)."""
    return problem(error.status, error.message)


def validation_problem(errors: dict) -> Response:
    """A 400 with the field errors of a rejected body or query."""
    if isinstance(errors, dict) and set(errors) <= _LOCATIONS:
        # webargs groups errors by where they were read; the field name is enough.
        errors = {key: value for where in errors.values()
                  for key, value in (where.items() if isinstance(where, dict)
                                     else [("body", where)])}
    return problem(400, "Some fields are missing or invalid.", slug="validation",
                   errors=_flatten(errors))


_LOCATIONS = {"json", "query", "headers", "path", "form", "files", "view_args"}


def _flatten(errors, prefix: str = "") -> dict[str, list[str]]:
    """webargs/WTForms error trees as ``{"field" or "a.b": [messages]}``."""
    flat: dict[str, list[str]] = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict):
                flat.update(_flatten(value, name))
            else:
                flat[name] = [str(m) for m in (value if isinstance(value, list) else [value])]
    else:
        flat[prefix or "_"] = [str(errors)]
    return flat


class FormInvalid(Exception):
    """The pages' form rejected the API's input; ``errors`` maps fields to messages."""

    def __init__(self, errors: dict):
        super().__init__("invalid")
        self.errors = errors


def api_error(error: Exception):
    """The problem+json answer for any error raised while serving an API path."""
    if isinstance(error, FormInvalid):
        return validation_problem(error.errors)
    if isinstance(error, DomainError):
        return domain_problem(error)
    if isinstance(error, HTTPException):
        messages = (getattr(error, "data", None) or {}).get("messages")
        if messages is not None:  # webargs rejected the query, headers or body
            return validation_problem(messages)
        status = error.code or 500
        response = problem(status, _HTTP_DETAILS.get(status, error.description or ""))
        for name, value in error.get_headers():
            if name.lower() in ("allow", "retry-after"):
                response.headers[name] = value
        return response
    current_app.logger.exception("unhandled API error on %s %s", request.method, request.path)
    return problem(500, "Something went wrong on our side. Please try again.")


_HTTP_DETAILS = {
    404: "There is nothing at this address.",
    405: "This address does not accept that method.",
    413: "The request body is larger than this API accepts.",
    415: "Send the body as application/json.",
    429: "Too many requests for this token. Wait a little and try again.",
}
