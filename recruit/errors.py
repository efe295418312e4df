"""Every error becomes a page with a clear message: domain errors, HTTP errors, CSRF."""
from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from graph.errors import DomainError

logger = logging.getLogger(__name__)

_TITLES = {400: "Bad request", 403: "Not allowed", 404: "Not found", 405: "Method not allowed",
           409: "Conflict", 413: "Too large", 429: "Too many attempts", 500: "Something went wrong"}


def _render(status: int, message: str):
    return render_template("errors/error.html", status=status,
                           title=_TITLES.get(status, "Error"), message=message), status


def register(app: Flask) -> None:
    """Install the handlers on ``app``."""

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        return _render(error.status, error.message)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _render(400, "Your form expired or was not sent from this site. "
                            "Reload the page and try again.")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        messages = {
            404: "There is nothing at this address.",
            405: "This address does not accept that kind of request.",
            413: "What you sent is larger than this site accepts.",
            429: "Too many attempts. Wait a little and try again.",
        }
        status = error.code or 500
        return _render(status, messages.get(status, error.description or "Request failed."))

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        # Logged with its traceback for us; the member sees no internals.
        logger.exception("unhandled error on %s %s", request.method, request.path)
        return _render(500, "Something went wrong on our side. Please try again.")
