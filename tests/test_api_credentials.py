"""The password, the e-mail address and the work e-mail over the API: the same checks and
mails as the settings pages, the links confirmed on the site, and the attacker's side
(another member's token, a missing, expired or revoked token, bad input)."""
from __future__ import annotations

import socket
import uuid

import pytest

from .account_support import link_in, mails_to
from .api_support import ApiClient, api_member, assert_problem, login_token
from .conftest import PASSWORD, CsrfClient
from .job_support import confirmation_path, create_company
from .referral_support import query

NEW_PASSWORD = "a much longer passphrase now"


def _address(prefix: str, domain: str = "example.com") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:10]}@{domain}"


def _email_of(app, person_id: str) -> str:
    return app.extensions["graph"].people.account(person_id).email


def _closed_port() -> int:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _web_login(app, email: str, password: str) -> int:
    return CsrfClient(app.test_client()).post("/login", {"email": email,
                                                         "password": password}).status_code


@pytest.mark.parametrize("token", ["", "rk_unknown", "revoked", "expired"])
def test_credential_operations_need_a_live_token(app, members, token):
    api, person_id, _ = api_member(app, members)
    if token == "revoked":
        token_id = api.get("/api/v1/tokens").json["items"][0]["id"]
        assert api.delete(f"/api/v1/tokens/{token_id}").status_code == 204
        token = api.token
    elif token == "expired":
        query(app, "MATCH (:Person {id: $p})-[:HAS_API_TOKEN]->(t) "
                   "SET t.expiresAt = '2000-01-01T00:00:00+00:00'", p=person_id)
        token = api.token
    stranger = ApiClient(app, token)
    assert_problem(stranger.put("/api/v1/me/password", json={
        "currentPassword": PASSWORD, "newPassword": NEW_PASSWORD}), 401, "unauthorized")
    assert_problem(stranger.post("/api/v1/me/email", json={
        "email": _address("x"), "password": PASSWORD}), 401, "unauthorized")
    assert_problem(stranger.get("/api/v1/me/work-email"), 401, "unauthorized")
    assert_problem(stranger.put("/api/v1/me/work-email", json={"email": "a@acme.example"}),
                   401, "unauthorized")
    # Nothing changed: the old password still logs in.
    assert _web_login(app, _email_of(app, person_id), PASSWORD) == 302


def test_changing_the_password_keeps_the_calling_token_and_ends_the_rest(app, members):
    ann, ann_id, ann_web = api_member(app, members, "Ann Password")
    email = _email_of(app, ann_id)
    tablet = ApiClient(app, login_token(app, email, "tablet"))
    done = ann.put("/api/v1/me/password", json={"currentPassword": PASSWORD,
                                                "newPassword": NEW_PASSWORD})
    assert done.status_code == 204, done.get_data(as_text=True)
    assert ann.get("/api/v1/me").status_code == 200            # the token that asked
    assert_problem(tablet.get("/api/v1/me"), 401)             # every other token
    assert ann_web.get("/home").status_code == 302            # every web session
    assert [t["name"] for t in ann.get("/api/v1/tokens").json["items"]] == ["test phone"]
    assert _web_login(app, email, PASSWORD) == 400
    assert _web_login(app, email, NEW_PASSWORD) == 302
    assert mails_to(app, email, "Your password was changed")


@pytest.mark.parametrize("body, field", [
    ({"currentPassword": "not my password", "newPassword": NEW_PASSWORD}, "currentPassword"),
    ({"currentPassword": PASSWORD, "newPassword": "short"}, "newPassword"),
    ({"currentPassword": PASSWORD, "newPassword": "qwerty12345"}, "newPassword"),  # breached
    ({"currentPassword": PASSWORD, "newPassword": "x" * 129}, "newPassword"),
    ({"currentPassword": PASSWORD}, "newPassword"),
    ({"newPassword": NEW_PASSWORD}, "currentPassword"),
])
def test_a_refused_password_change_names_the_field_and_changes_nothing(app, members, body,
                                                                       field):
    ann, ann_id, _ = api_member(app, members, "Ann Refused")
    refused = ann.put("/api/v1/me/password", json=body)
    assert field in assert_problem(refused, 400, "validation")["errors"]
    assert ann.get("/api/v1/me").status_code == 200
    assert _web_login(app, _email_of(app, ann_id), PASSWORD) == 302


def test_another_members_token_cannot_change_my_password(app, members):
    """Bob knows Ann's password but holds only his own token: the change is about Bob's
    account, whose current password is not Ann's."""
    _, ann_id, _ = api_member(app, members, "Ann Target")
    bob, _, _ = api_member(app, members, "Bob Attacker")
    assert bob.put("/api/v1/me/password", json={
        "currentPassword": PASSWORD, "newPassword": "bob's own long passphrase"}
    ).status_code == 204
    refused = bob.put("/api/v1/me/password", json={"currentPassword": PASSWORD,
                                                   "newPassword": NEW_PASSWORD})
    assert "currentPassword" in assert_problem(refused, 400, "validation")["errors"]
    assert _web_login(app, _email_of(app, ann_id), PASSWORD) == 302


def test_an_email_change_is_started_by_the_api_and_confirmed_by_the_link(app, members):
    ann, ann_id, ann_web = api_member(app, members, "Ann Mover")
    old = _email_of(app, ann_id)
    new = _address("Ann.New")
    started = ann.post("/api/v1/me/email", json={"email": new, "password": PASSWORD})
    assert started.status_code == 202, started.get_data(as_text=True)
    assert started.json == {"pendingEmail": new.lower()}
    assert _email_of(app, ann_id) == old                       # nothing changed yet
    assert mails_to(app, old, "Your e-mail address is being changed")
    [(_, confirm)] = mails_to(app, new.lower(), "Confirm your new e-mail address")
    link = link_in(confirm, "/account/email/confirm/")[1]
    # Another member holding the link cannot use it.
    bob, _, bob_web = api_member(app, members, "Bob Holder")
    assert bob_web.post(link, token_from="/account").status_code == 404
    assert ann_web.post(link, token_from=link).status_code == 302
    assert _email_of(app, ann_id) == new.lower()
    assert ann.get("/api/v1/me").status_code == 200            # tokens survive an e-mail change
    assert login_token(app, new.lower(), "after the change")


@pytest.mark.parametrize("case, field", [
    ("taken", "email"), ("same", "email"), ("wrong password", "password"),
    ("not an address", "email"), ("no password", "password")])
def test_an_email_change_is_refused_like_on_the_page(app, members, case, field):
    ann, ann_id, _ = api_member(app, members, "Ann Refused")
    _, bob_id, _ = api_member(app, members, "Bob Taken")
    body = {"email": _address("fresh"), "password": PASSWORD}
    if case == "taken":
        body["email"] = _email_of(app, bob_id).upper()
    elif case == "same":
        body["email"] = _email_of(app, ann_id)
    elif case == "wrong password":
        body["password"] = "not my password"
    elif case == "not an address":
        body["email"] = "not-an-address"
    else:
        del body["password"]
    refused = ann.post("/api/v1/me/email", json=body)
    assert field in assert_problem(refused, 400, "validation")["errors"]
    assert mails_to(app, body["email"].lower(), "Confirm your new e-mail address") == []


def test_email_changes_share_one_budget_with_the_page(app, members):
    app.config["ACCOUNT_MAIL_LIMIT"] = "2 per hour"
    ann, _, ann_web = api_member(app, members, "Ann Budget")
    assert ann.post("/api/v1/me/email", json={"email": _address("one"),
                                              "password": PASSWORD}).status_code == 202
    page = ann_web.post("/account/email", {"email": _address("two"), "current": PASSWORD},
                        token_from="/account")
    assert page.status_code == 302
    assert_problem(ann.post("/api/v1/me/email", json={"email": _address("three"),
                                                      "password": PASSWORD}), 429)


def test_a_mail_failure_is_a_503_not_a_500(app, members):
    ann, ann_id, _ = api_member(app, members, "Ann Offline")
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=_closed_port(), SMTP_STARTTLS=False)
    assert_problem(ann.post("/api/v1/me/email", json={"email": _address("lost"),
                                                      "password": PASSWORD}),
                   503, "unavailable")
    failed = ann.put("/api/v1/me/work-email", json={"email": "ann@acme.example"})
    assert_problem(failed, 503, "unavailable")
    # The work e-mail is kept (as on the page): the link can be asked for again.
    assert ann.get("/api/v1/me/work-email").json["address"] == "ann@acme.example"


def test_work_email_is_set_by_the_api_and_confirmed_by_the_link(app, members):
    admin, _, admin_web = api_member(app, members, "Ada Admin")
    domain = f"acme{uuid.uuid4().hex[:6]}.example"
    company_id = create_company(admin_web, "Acme", domain)
    ann, _, ann_web = api_member(app, members, "Ann Worker")
    assert ann.get("/api/v1/me/work-email").json == {
        "address": None, "domain": None, "confirmedAt": None, "companies": []}
    address = f"Ann@{domain.upper()}"
    state = ann.put("/api/v1/me/work-email", json={"email": address})
    assert state.status_code == 202, state.get_data(as_text=True)
    assert state.json["address"] == address.lower() and state.json["confirmedAt"] is None
    assert state.json["companies"] == []    # named only once confirmed, as on the page
    [(_, message)] = mails_to(app, address.lower(), "Confirm your work e-mail")
    path = confirmation_path(message)
    # Another member's session cannot confirm it.
    _, _, bob_web = api_member(app, members, "Bob Other")
    assert bob_web.post(path, token_from="/me/work-email").status_code == 403
    assert ann.get("/api/v1/me/work-email").json["confirmedAt"] is None
    assert ann_web.post(path, token_from=path).status_code == 302
    confirmed = ann.get("/api/v1/me/work-email").json
    assert confirmed["confirmedAt"] and confirmed["companies"] == [
        {"id": company_id, "name": "Acme"}]
    again = ann.post("/api/v1/me/work-email/resend")
    assert again.status_code == 202
    assert len(mails_to(app, address.lower(), "Confirm your work e-mail")) == 2


@pytest.mark.parametrize("body", [{"email": "someone@gmail.com"}, {"email": "nope"},
                                  {"email": ""}, {}, {"email": "a" * 250 + "@x.example"}])
def test_a_bad_work_email_is_refused_and_nothing_is_sent(app, members, body):
    ann, _, _ = api_member(app, members, "Ann Bad")
    refused = ann.put("/api/v1/me/work-email", json=body)
    assert "email" in assert_problem(refused, 400, "validation")["errors"]
    assert ann.get("/api/v1/me/work-email").json["address"] is None


def test_resending_without_a_work_email_is_a_400_and_the_budget_is_shared(app, members):
    app.config["WORK_EMAIL_LIMIT_PER_MEMBER"] = "2 per hour"
    ann, _, ann_web = api_member(app, members, "Ann Resend")
    assert_problem(ann.post("/api/v1/me/work-email/resend"), 400, "invalid-request")
    assert ann_web.post("/me/work-email", {"email": _address("ann", "acme.example")},
                        token_from="/me/work-email").status_code == 302
    assert_problem(ann.post("/api/v1/me/work-email/resend"), 429)
