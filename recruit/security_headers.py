"""Response headers that every page carries (see docs/security.md).

Our own ``after_request`` rather than flask-talisman: talisman's last release is from
2023, and what the site needs is a handful of constant headers plus one rule (no-store)
that is easier to read here than to configure there. No template has an inline script,
style or event handler (``tests/test_security_headers.py`` checks), so the policy needs
neither ``'unsafe-inline'`` nor nonces.
"""
from __future__ import annotations

from flask import Flask, Response, request

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                      "magnetometer=(), microphone=(), payment=(), usb=()")
HSTS = "max-age=31536000; includeSubDomains"

BASE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # for browsers that predate frame-ancestors
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}


def set_security_headers(response: Response, secure: bool) -> Response:
    """Add the headers to ``response``; HSTS only when the site runs on HTTPS
    (``secure``), since a browser would otherwise refuse plain HTTP for a year."""
    for name, value in BASE_HEADERS.items():
        response.headers.setdefault(name, value)
    if secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    # Everything but the static files is per member (and carries a session-bound CSRF
    # token): no browser or proxy may keep a copy. A view that knows better sets its own.
    if request.endpoint != "static" and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    return response


def init_security_headers(app: Flask) -> None:
    """Add the headers to every response of ``app``."""
    @app.after_request
    def _add_headers(response: Response) -> Response:
        return set_security_headers(response, bool(app.config.get("SESSION_COOKIE_SECURE")))
