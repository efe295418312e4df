"""Idempotency keys on forms (the data side is ``graph.idempotency``).

Forms whose write must not be applied twice (a job post, a referral, a message, a friend
request) render ``{{ request_id_field() }}``: a hidden random ``request_id``, new on each
render. The view passes ``submitted_request_id()`` to the repository; a double submit or
a retry of the same form then raises ``AlreadyApplied`` there instead of writing again.
"""
from __future__ import annotations

import secrets

from flask import Flask, request
from markupsafe import Markup

from graph.idempotency import AlreadyApplied

__all__ = ["AlreadyApplied", "init_request_ids", "request_id_field", "submitted_request_id"]


def request_id_field() -> Markup:
    """A hidden ``request_id`` input with a fresh random value."""
    return Markup('<input type="hidden" name="request_id" value="{}">').format(
        secrets.token_urlsafe(24))


def submitted_request_id() -> str | None:
    """The ``request_id`` the submitted form carried, if any."""
    return request.form.get("request_id") or None


def init_request_ids(app: Flask) -> None:
    """Make ``request_id_field()`` available to every template."""
    app.jinja_env.globals["request_id_field"] = request_id_field
