"""Where the site lives: absolute URLs from ``BASE_URL`` only, and trusted hosts.

A link in an e-mail built from the request's ``Host`` header can be pointed at an
attacker's site by whoever triggers the mail (host-header poisoning). So ``BASE_URL``
(``https://referral.example``) is the single source of scheme and host for every
absolute URL: Flask's ``SERVER_NAME`` and ``PREFERRED_URL_SCHEME`` are derived from it,
and the URL adapter of a request is told to build with them rather than with the
request's own. Requests for any host not in ``TRUSTED_HOSTS`` (by default just the
``BASE_URL`` host) are refused with 400 by Flask before any view runs.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Request
from werkzeug.exceptions import SecurityError
from werkzeug.routing import MapAdapter


class BaseUrlFlask(Flask):
    """Flask whose URL adapters build absolute URLs with the configured scheme and host,
    whatever scheme and host the request came in on."""

    def create_url_adapter(self, request: Request | None) -> MapAdapter | None:
        try:
            adapter = super().create_url_adapter(request)
        except SecurityError as error:
            if request is None:
                raise
            # An untrusted Host: the request is answered with 400 (the routing exception),
            # but through our error page, whose links need an adapter; it is bound to
            # BASE_URL's host, which is also what the request reports as its host.
            request.routing_exception = error
            request.host = self.config["SERVER_NAME"]
            adapter = self.url_map.bind_to_environ(request.environ,
                                                   server_name=self.config["SERVER_NAME"],
                                                   subdomain="")
        if adapter is not None and self.config.get("BASE_URL"):
            adapter.url_scheme = self.config["PREFERRED_URL_SCHEME"]
            adapter.server_name = self.config["SERVER_NAME"]
        return adapter


def parse_base_url(base_url: str) -> tuple[str, str]:
    """``(scheme, host[:port])`` of ``base_url``; ``ValueError`` unless it is an http(s)
    origin without a path, query or fragment."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"BASE_URL must look like https://referral.example, not {base_url!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ValueError("BASE_URL must be an origin: scheme, host and port only")
    return parts.scheme, parts.netloc.lower()


def configure_hosts(app: Flask) -> None:
    """Derive ``SERVER_NAME``, ``PREFERRED_URL_SCHEME`` and ``TRUSTED_HOSTS`` from
    ``BASE_URL`` (plus any extra ``TRUSTED_HOSTS`` the config lists)."""
    scheme, netloc = parse_base_url(app.config["BASE_URL"])
    app.config["SERVER_NAME"] = netloc
    app.config["PREFERRED_URL_SCHEME"] = scheme
    host = urlsplit(f"{scheme}://{netloc}").hostname
    extra = [name.strip().lower() for name in app.config.get("TRUSTED_HOSTS") or [] if name.strip()]
    app.config["TRUSTED_HOSTS"] = [host, *[name for name in extra if name != host]]

