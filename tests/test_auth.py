"""Accounts: sign-up validation, argon2id hashes, login, throttling, redirects, cookies."""
import pytest

from tests.conftest import PASSWORD

GOOD = {"name": "Li Wei", "email": "li.wei@example.com", "password": PASSWORD,
        "confirm": PASSWORD}


def person_count(driver, database):
    records, _, _ = driver.execute_query("MATCH (p:Person) RETURN count(p) AS n",
                                         database_=database)
    return records[0]["n"]


def test_signup_logs_in_and_stores_an_argon2id_hash(client, driver, database):
    response = client.post("/signup", GOOD, token_from="/signup")
    assert response.status_code == 302
    assert client.get("/home").status_code == 200
    records, _, _ = driver.execute_query(
        "MATCH (p:Person {email: 'li.wei@example.com'}) RETURN p.passwordHash AS h",
        database_=database)
    stored = records[0]["h"]
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


@pytest.mark.parametrize("change, message", [
    ({"name": ""}, "Enter your name."),
    ({"name": "x" * 101}, "at most 100 characters"),
    ({"email": ""}, "Enter your e-mail address."),
    ({"email": "not-an-email"}, "Enter a valid e-mail address."),
    ({"email": "a@b"}, "Enter a valid e-mail address."),
    ({"password": "short", "confirm": "short"}, "at least 10 characters"),
    ({"password": "p" * 129, "confirm": "p" * 129}, "at most 128 characters"),
    ({"password": "password123", "confirm": "password123"}, "too easy to guess"),
    ({"password": "aaaaaaaaaaaa", "confirm": "aaaaaaaaaaaa"}, "too easy to guess"),
    ({"password": "li.wei-secret", "confirm": "li.wei-secret"}, "e-mail address"),
    ({"confirm": "something else entirely"}, "do not match"),
    ({"password": "", "confirm": ""}, "Choose a password."),
])
def test_signup_rejects_bad_input_with_a_message(client, driver, database, change, message):
    response = client.post("/signup", {**GOOD, **change}, token_from="/signup")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert person_count(driver, database) == 0


def test_signup_keeps_what_was_typed_after_an_error(client):
    response = client.post("/signup", {**GOOD, "confirm": "different thing"}, token_from="/signup")
    html = response.get_data(as_text=True)
    assert 'value="Li Wei"' in html and 'value="li.wei@example.com"' in html


def test_duplicate_email_is_refused_whatever_its_case(client, app, driver, database):
    assert client.post("/signup", GOOD, token_from="/signup").status_code == 302
    other = app.test_client()
    from tests.conftest import CsrfClient
    second = CsrfClient(other).post("/signup", {**GOOD, "email": " LI.WEI@Example.com "},
                                    token_from="/signup")
    assert second.status_code == 400
    assert "already exists" in second.get_data(as_text=True)
    assert person_count(driver, database) == 1


def test_login_and_logout(members, app):
    from tests.conftest import CsrfClient
    members.signup("Zhang Min", "zhang.min@example.com")
    client = CsrfClient(app.test_client())
    response = client.post("/login", {"email": "Zhang.Min@example.com", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/home"
    assert "Zhang Min" in client.get("/home").get_data(as_text=True)
    assert client.get("/logout").status_code == 405  # no state change on GET
    assert client.raw_post("/logout").status_code == 400  # no CSRF token
    assert client.get("/home").status_code == 200
    assert client.post("/logout", token_from="/home").status_code == 302
    assert client.get("/home").status_code == 302  # back to the login page


def test_wrong_password_and_unknown_email_get_the_same_message(members, client):
    members.signup("Zhang Min", "zhang.min@example.com")
    wrong = client.post("/login", {"email": "zhang.min@example.com", "password": "nope nope nope"})
    unknown = client.post("/login", {"email": "nobody@example.com", "password": "nope nope nope"})
    assert wrong.status_code == unknown.status_code == 400
    message = "That e-mail and password do not match an account."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)


def test_failed_logins_are_throttled_per_account(members, client):
    members.signup("Zhang Min", "zhang.min@example.com")
    for _ in range(5):
        assert client.post("/login", {"email": "zhang.min@example.com",
                                      "password": "wrong password"}).status_code == 400
    blocked = client.post("/login", {"email": "zhang.min@example.com", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    # Another account from the same address is not locked by this one's failures.
    members.signup("Li Wei", "li.wei@example.com")
    assert client.post("/login", {"email": "li.wei@example.com",
                                  "password": PASSWORD}).status_code == 302


def test_failed_logins_are_throttled_per_address(members, client):
    for attempt in range(30):
        response = client.post("/login", {"email": f"guess{attempt}@example.com",
                                          "password": "wrong password"})
        assert response.status_code == 400
    assert client.post("/login", {"email": "another@example.com",
                                  "password": "wrong password"}).status_code == 429


@pytest.mark.parametrize("target, expected", [
    ("/network", "/network"),
    ("/people/abc?x=1", "/people/abc?x=1"),
    ("https://evil.example/steal", "/home"),
    ("//evil.example/steal", "/home"),
    ("/\\evil.example", "/home"),
    ("javascript:alert(1)", "/home"),
])
def test_login_redirects_only_to_this_site(members, client, target, expected):
    members.signup("Zhang Min", "zhang.min@example.com")
    response = client.post("/login?next=" + target,
                           {"email": "zhang.min@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_session_and_remember_cookies_are_httponly_and_samesite(members, client):
    members.signup("Zhang Min", "zhang.min@example.com")
    response = client.post("/login", {"email": "zhang.min@example.com", "password": PASSWORD,
                                      "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    for name in ("session=", "remember_token="):
        cookie = next(c for c in cookies if c.startswith(name))
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie


def test_pages_need_login(client):
    for url in ("/home", "/me", "/network", "/network/requests", "/search"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")
