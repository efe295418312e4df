"""The JSON API, ``/api/v1``: the same repositories and rules as the pages, for mobile apps
and integrations. See docs/api.md.

- ``setup.py`` builds the OpenAPI document (flask-smorest) and registers the blueprints of
  ``v1/``, one module per feature, each beside its marshmallow schemas.
- ``auth.py``: personal access tokens (``Authorization: Bearer``), the per-token limit key.
- ``problems.py``: RFC 9457 errors; ``common.py``: pagination, idempotency, form checks.
- ``reference.py``: the human-readable reference page, rendered from the document.
"""
from .setup import init_api

__all__ = ["init_api"]
