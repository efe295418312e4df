"""Every error becomes a page with a clear message: domain errors, HTTP errors, CSRF."""
from __future__ import annotations

import logging

from flask import (Flask, current_app, jsonify, make_response, render_template, request,
                   url_for)
from flask_babel import force_locale, gettext
from flask_wtf.csrf import CSRFError
from neo4j.exceptions import (ConnectionPoolError, DatabaseUnavailable, ServiceUnavailable,
                              SessionExpired)
from werkzeug.exceptions import HTTPException

from graph.errors import DomainError
from graph.i18n import N_

from .deadline import DatabaseCallTimeout, note_unreachable
from .i18n.locale import request_locale

logger = logging.getLogger(__name__)

_TITLES = {400: N_("Bad request"), 403: N_("Not allowed"), 404: N_("Not found"),
           405: N_("Method not allowed"), 409: N_("Conflict"), 413: N_("Too large"),
           429: N_("Too many attempts"), 500: N_("Something went wrong")}


def _render(status: int, message: str):
    """The error page in the reader's language (``message`` is already translated)."""
    return render_template("errors/error.html", status=status,
                           title=gettext(_TITLES.get(status, N_("Error"))), message=message), status


UNAVAILABLE_MESSAGE = N_("We can't reach our database; try again in a minute.")
# A hint to clients and proxies: how soon trying again is worth it.
RETRY_AFTER_SECONDS = "30"


def wants_json() -> bool:
    """True for requests that are answered in JSON: the API and the health checks, or a
    client that prefers JSON to HTML."""
    if request.path.startswith(("/api/", "/healthz", "/readyz")):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > \
        request.accept_mimetypes["text/html"]


def unavailable_response():
    """The 503 answer when Neo4j cannot be reached. The page stands alone (it does not
    extend base.html, which asks the database for the member's counts) and is rendered
    without the context processors: flask-login's loads the member from the database."""
    if request.path.startswith("/api/"):
        from .api.problems import problem
        response = problem(503, UNAVAILABLE_MESSAGE)
    elif wants_json():
        response = jsonify(error="database_unavailable", message=UNAVAILABLE_MESSAGE)
        response.status_code = 503
    else:
        # The request's own language (cookie, Accept-Language): the member's stored one
        # is in the database that is unreachable.
        with force_locale(request_locale()):
            page = current_app.jinja_env.get_template("errors/unavailable.html")
            response = make_response(page.render(message=gettext(UNAVAILABLE_MESSAGE),
                                                 url_for=url_for), 503)
    response.headers["Retry-After"] = RETRY_AFTER_SECONDS
    return response


# What the driver raises when the server cannot be reached or the connection is lost
# (IncompleteCommit is a ServiceUnavailable); programming errors are not among them.
DATABASE_UNREACHABLE = (ServiceUnavailable, SessionExpired, ConnectionPoolError,
                        DatabaseUnavailable, DatabaseCallTimeout)


def register(app: Flask) -> None:
    """Install the handlers on ``app``."""

    # Under /api every error is answered as problem+json (recruit/api/setup.py).
    from .api.problems import api_error, is_api_request

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        if is_api_request():
            return api_error(error)
        # Messages of the data layer are English; their catalogue key is the template.
        return _render(error.status, gettext(error.template, **error.params))

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _render(400, gettext("Your form expired or was not sent from this site. "
                                    "Reload the page and try again."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if is_api_request():
            return api_error(error)
        messages = {
            404: N_("There is nothing at this address."),
            405: N_("This address does not accept that kind of request."),
            413: N_("What you sent is larger than this site accepts."),
            429: N_("Too many attempts. Wait a little and try again."),
        }
        status = error.code or 500
        # An abort() description is translated where it is raised; werkzeug's own ones
        # (English) stay as they are.
        return _render(status, gettext(messages[status]) if status in messages
                       else error.description or gettext("Request failed."))

    # Neo4j away (connection refused, pool timeout, connection lost mid-transaction) or
    # a database that is still starting: a clean 503, no traceback, no hang.
    def database_unreachable(error: Exception):
        logger.warning("database unreachable on %s %s: %s", request.method, request.path,
                       type(error).__name__)
        note_unreachable()
        return unavailable_response()

    for error_class in DATABASE_UNREACHABLE:
        app.register_error_handler(error_class, database_unreachable)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if is_api_request():
            return api_error(error)
        # Logged with its traceback for us; the member sees no internals.
        logger.exception("unhandled error on %s %s", request.method, request.path)
        return _render(500, gettext("Something went wrong on our side. Please try again."))
