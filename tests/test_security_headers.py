"""Responses: security headers on every page, no-store on private pages, no
inline script or style in any template, absolute URLs from BASE_URL only, unknown hosts
refused."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from config import TestConfig as AppTestConfig
from recruit import create_app

from .account_support import link_in, mails_to
from .conftest import CsrfClient, _settings
from .referral_support import referral_id_from

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

PUBLIC_PAGES = ["/", "/login", "/signup", "/password/forgot", "/no-such-page"]
PRIVATE_PAGES = ["/home", "/me", "/messages", "/notices", "/contacts/imports", "/account",
                 "/account/sessions", "/account/data", "/network"]


def assert_hardened(response, hsts: bool = False) -> None:
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert ("Strict-Transport-Security" in headers) is hsts


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_carry_the_headers(client, path):
    assert_hardened(client.get(path))


def test_private_pages_carry_the_headers_and_are_never_stored(members):
    member, _ = members.signup("Zhang Min", "zhang.min@example.com")
    for path in PRIVATE_PAGES:
        response = member.get(path)
        assert response.status_code == 200, path
        assert_hardened(response)
        assert "no-store" in response.headers["Cache-Control"], path


def test_post_redirects_and_errors_carry_the_headers(client, members):
    member, _ = members.signup("Zhang Min", "zhang.min@example.com")
    assert_hardened(member.post("/logout", token_from="/home"))
    assert_hardened(client.raw_post("/login", {"email": "x"}))  # CSRF failure, 400


def test_static_files_may_be_cached_but_are_hardened(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert_hardened(response)
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_hsts_only_when_cookies_are_secure(clean_db):
    config = AppTestConfig()
    config.NEO4J_URI, config.NEO4J_USER, config.NEO4J_PASSWORD, config.NEO4J_DATABASE = _settings()
    config.SESSION_COOKIE_SECURE = True
    secure_app = create_app(config)
    try:
        response = secure_app.test_client().get("/login", base_url="https://localhost")
        assert_hardened(response, hsts=True)
        assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    finally:
        secure_app.extensions["graph"].close()


def template_files():
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("template", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_has_inline_script_style_or_handler(template):
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text, re.I), "inline <script>"
    assert not re.search(r"<style\b", text, re.I), "inline <style>"
    assert not re.search(r"\sstyle\s*=", text, re.I), "style attribute"
    assert not re.search(r"\son[a-z]+\s*=", text, re.I), "event handler attribute"
    assert "javascript:" not in text.lower()


def test_an_unknown_host_is_refused(client):
    response = client.get("/login", headers={"Host": "evil.example"})
    assert response.status_code == 400
    response = client.post("/password/forgot", {"email": "a@example.com"},
                           headers={"Host": "evil.example"})
    assert response.status_code == 400


@pytest.fixture
def aliased_app(clean_db, tmp_path):
    """The site at http://referral.example, also answering on an alias host (plain HTTP:
    over HTTPS Flask-WTF would also want a same-site Referer)."""
    config = AppTestConfig()
    config.NEO4J_URI, config.NEO4J_USER, config.NEO4J_PASSWORD, config.NEO4J_DATABASE = _settings()
    config.BASE_URL = "http://referral.example"
    config.TRUSTED_HOSTS = ["localhost", "alias.example"]
    config.OUTBOX_DIR = str(tmp_path / "outbox")
    application = create_app(config)
    yield application
    application.extensions["graph"].close()


def test_mailed_links_use_base_url_whatever_the_host_header(aliased_app):
    from .conftest import Members
    members = Members(aliased_app)
    members.signup("Zhang Min", "zhang.min@example.com")
    browser = CsrfClient(aliased_app.test_client())
    browser.client.environ_base["HTTP_HOST"] = "alias.example"  # every request of it
    response = browser.post("/password/forgot", {"email": "zhang.min@example.com"},
                            token_from="/password/forgot")
    assert response.status_code == 302
    [(_, message)] = mails_to(aliased_app, "zhang.min@example.com", "Reset your password")
    origin, _ = link_in(message, "/password/reset/")
    assert origin == "http://referral.example"


def test_a_referral_invitation_link_ignores_the_host_header(app, world, outbox):
    url = f"/jobs/{world.job_id}/refer"
    response = world.employee.client.post(
        url, {"kind": "outside", "name": "Olga Outside", "email": "olga@mail.example"},
        token_from=url, headers={"Host": "evil.example"})
    assert response.status_code == 400  # refused before anything is sent
    assert mails_to(app, "olga@mail.example") == []
    response = world.employee.client.post(
        url, {"kind": "outside", "name": "Olga Outside", "email": "olga@mail.example"},
        token_from=url)
    referral_id_from(response)
    [(_, message)] = mails_to(app, "olga@mail.example")
    origin, _ = link_in(message, "/referrals/invitation/")
    assert origin == app.config["BASE_URL"]


def test_absolute_urls_in_pages_come_from_base_url(aliased_app):
    """What templates and views get from ``url_for(..., _external=True)`` (the personal
    referral link on job pages, for one) on a request for the alias host."""
    from flask import url_for
    with aliased_app.test_request_context("/jobs", headers={"Host": "alias.example"},
                                          base_url="https://alias.example"):
        assert url_for("auth.login", _external=True) == "http://referral.example/login"
        assert url_for("referrals.link", token="t", _external=True).startswith(
            "http://referral.example/")


@pytest.mark.parametrize("path", ["/account/email", "/account/verify", "/account/name",
                                  "/account/password", "/account/delete",
                                  "/account/sessions/end-others"])
def test_account_actions_send_anonymous_visitors_to_login(client, path):
    response = client.post(path, {})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("path", ["/account/email", "/account/verify", "/account/name",
                                  "/account/sessions/end-others", "/logout"])
def test_account_actions_need_a_csrf_token(members, path):
    member, _ = members.signup("Zhang Min", "zhang.min@example.com")
    assert member.raw_post(path, {}).status_code == 400
    assert member.get("/home").status_code == 200  # still logged in, nothing changed
