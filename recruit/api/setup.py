"""Wiring of the API into the app: the OpenAPI document, the blueprints, auth, limits,
ETags and errors."""
from __future__ import annotations

import http

from flask import Flask
from flask_smorest import Api

from .common import ProblemSchema
from .problems import MEDIA_TYPE, FormInvalid, api_error

API_PREFIX = "/api/v1"


class ProblemApi(Api):
    """flask-smorest's ``Api`` for an app that keeps its own error pages: errors are
    documented (and answered) as problem+json, with no catch-all ``default`` response
    (each operation lists the statuses it can answer), and no app-wide error handler."""

    ERROR_SCHEMA = ProblemSchema
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_error_handlers(self):
        """The app's handlers (``recruit/errors.py``) call ``api_error`` for API paths."""

    def _register_responses(self):
        for status in http.HTTPStatus:
            if status < 400:
                continue
            self.spec.components.response(status.name, {
                "description": status.phrase,
                "content": {MEDIA_TYPE: {"schema": self.ERROR_SCHEMA}}}, lazy=True)


def init_api(app: Flask) -> None:
    """Register ``/api/v1``: the document at ``/api/v1/openapi.json``, the reference
    page at ``/api/v1/docs`` and every feature blueprint."""
    from .reference import bp as reference_bp
    from .v1 import BLUEPRINTS, PUBLIC_BLUEPRINTS

    app.config.setdefault("API_TITLE", "Recruit API")
    app.config.setdefault("API_VERSION", "v1")
    app.config["OPENAPI_VERSION"] = "3.1.0"
    app.config["OPENAPI_URL_PREFIX"] = API_PREFIX
    app.config["OPENAPI_JSON_PATH"] = "openapi.json"
    api = ProblemApi(spec_kwargs={
        "info": {"description": "The recruiting network's JSON API. See docs/api.md."},
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}],
    })
    api.init_app(app)
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer",
                       "description": "A personal access token (`rk_...`)."})
    for blueprint in (*PUBLIC_BLUEPRINTS, *BLUEPRINTS):
        api.register_blueprint(blueprint, url_prefix=API_PREFIX)
    app.register_blueprint(reference_bp)
    app.register_error_handler(FormInvalid, api_error)
    app.extensions["api"] = api
