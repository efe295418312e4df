"""Server-side sessions: logout and replay, remember-me rotation, other
sessions ended, "Your sessions", idle and absolute limits. Cookies are replayed as an
attacker who copied them would: into a fresh client."""
from __future__ import annotations

import pytest

import hashlib
import re

from .conftest import PASSWORD, CsrfClient



@pytest.fixture(autouse=True)
def _fresh_outbox(outbox):
    """Each test reads only the mail it caused."""
    return outbox

def cookie(client: CsrfClient, name: str) -> str | None:
    found = client.client.get_cookie(name)
    return found.value if found else None


def replay(app, **cookies) -> CsrfClient:
    """A new browser holding only the given cookies."""
    thief = CsrfClient(app.test_client())
    for name, value in cookies.items():
        thief.client.set_cookie(name, value)
    return thief


def login(app, email: str, remember: bool = False, user_agent: str = "") -> CsrfClient:
    browser = CsrfClient(app.test_client())
    if user_agent:  # every request of this browser says so, as a real one does
        browser.client.environ_base["HTTP_USER_AGENT"] = user_agent
    data = {"email": email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = browser.post("/login", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return browser


def is_logged_in(client: CsrfClient) -> bool:
    response = client.get("/home")
    return response.status_code == 200


def query(app, cypher: str, **params) -> list[dict]:
    records, _, _ = app.extensions["graph"].driver.execute_query(
        cypher, params, database_=app.config["NEO4J_DATABASE"])
    return [r.data() for r in records]


def test_a_session_cookie_saved_before_logout_is_anonymous_after_it(app, members):
    member, _ = members.signup("Zhang Min", "zhang.min@example.com")
    saved = cookie(member, "session")
    assert is_logged_in(replay(app, session=saved))  # the copy works while logged in
    assert member.post("/logout", token_from="/home").status_code == 302
    thief = replay(app, session=saved)
    response = thief.get("/home")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_remember_token_replayed_after_logout_logs_nobody_in(app, members):
    members.signup("Zhang Min", "zhang.min@example.com")
    browser = login(app, "zhang.min@example.com", remember=True)
    token = cookie(browser, "remember_token")
    assert token
    assert browser.post("/logout", token_from="/home").status_code == 302
    assert not is_logged_in(replay(app, remember_token=token))


def test_remember_token_resumes_once_then_is_rotated(app, members):
    members.signup("Zhang Min", "zhang.min@example.com")
    browser = login(app, "zhang.min@example.com", remember=True)
    token = cookie(browser, "remember_token")
    # Only digests are stored: neither the token nor the session id is in the database.
    stored = query(app, "MATCH (s:Session) WHERE s.rememberDigest IS NOT NULL "
                        "RETURN s.key AS key, s.rememberDigest AS remember")
    assert stored == [{"key": hashlib.sha256(cookie(browser, "session").encode()).hexdigest(),
                       "remember": hashlib.sha256(token.encode()).hexdigest()}]
    # The browser restarts: the session cookie is gone, the remember token resumes it.
    restarted = replay(app, remember_token=token)
    assert is_logged_in(restarted)
    rotated = cookie(restarted, "remember_token")
    assert rotated and rotated != token
    # The used token opens nothing any more; the rotated one does.
    assert not is_logged_in(replay(app, remember_token=token))
    assert is_logged_in(replay(app, remember_token=rotated))


def test_changing_the_password_ends_every_other_session(app, members):
    member, _ = members.signup("Zhang Min", "zhang.min@example.com")
    phone = login(app, "zhang.min@example.com", remember=True)
    phone_token = cookie(phone, "remember_token")
    response = member.post("/account/password", {"current": PASSWORD,
                                                  "password": "new horse battery staple",
                                                  "confirm": "new horse battery staple"},
                           token_from="/account/password")
    assert response.status_code == 302
    assert is_logged_in(member)
    assert not is_logged_in(phone)
    assert not is_logged_in(replay(app, remember_token=phone_token))


def test_change_password_needs_the_current_one(app, members):
    member, _ = members.signup("Zhang Min", "zhang.min@example.com")
    other = login(app, "zhang.min@example.com")
    response = member.post("/account/password", {"current": "wrong password here",
                                                  "password": "new horse battery staple",
                                                  "confirm": "new horse battery staple"},
                           token_from="/account/password")
    assert response.status_code == 400
    assert "not your current password" in response.get_data(as_text=True)
    assert is_logged_in(other)
    assert login(app, "zhang.min@example.com")  # the old password still works


def test_sessions_page_lists_device_and_coarse_place_and_ends_one(app, members):
    members.signup("Zhang Min", "zhang.min@example.com")
    laptop = login(app, "zhang.min@example.com",
                   user_agent="Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
    phone = login(app, "zhang.min@example.com",
                  user_agent="Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 "
                             "(KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36")
    page = laptop.get("/account/sessions").get_data(as_text=True)
    assert "Firefox on Linux" in page and "Chrome on Android" in page
    assert "127.0.0.0/24" in page and "127.0.0.1<" not in page  # never the full address
    # Only the coarse network is stored either.
    assert {row["place"] for row in query(app, "MATCH (:Person)-[:HAS_SESSION]->(s) "
                                               "RETURN s.place AS place")} == {"127.0.0.0/24"}
    phone_id = query(app, "MATCH (s:Session) WHERE s.device = 'Chrome on Android' "
                          "RETURN s.id AS id")[0]["id"]
    response = laptop.post(f"/account/sessions/{phone_id}/end", token_from="/account/sessions")
    assert response.status_code == 302
    assert not is_logged_in(phone)
    assert is_logged_in(laptop)


def test_end_all_other_sessions(app, members):
    member, _ = members.signup("Zhang Min", "zhang.min@example.com")
    others = [login(app, "zhang.min@example.com") for _ in range(2)]
    response = member.post("/account/sessions/end-others", token_from="/account/sessions")
    assert response.status_code == 302
    assert "2 other session(s) logged out" in member.get("/account/sessions").get_data(as_text=True)
    assert is_logged_in(member)
    assert not any(is_logged_in(other) for other in others)


def test_nobody_can_end_another_members_session(app, members):
    _, _ = members.signup("Zhang Min", "zhang.min@example.com")
    attacker, _ = members.signup("Li Wei", "li.wei@example.com")
    victim = login(app, "zhang.min@example.com")
    victim_session = query(app, "MATCH (p:Person {email: 'zhang.min@example.com'})"
                                "-[:HAS_SESSION]->(s) RETURN s.id AS id")[0]["id"]
    response = attacker.post(f"/account/sessions/{victim_session}/end",
                             token_from="/account/sessions")
    assert response.status_code == 404
    assert is_logged_in(victim)
    # And the GET of the page shows only one's own sessions.
    assert victim_session not in attacker.get("/account/sessions").get_data(as_text=True)


def test_idle_limit_ends_a_session_unless_remembered(app, members):
    members.signup("Zhang Min", "zhang.min@example.com")
    plain = login(app, "zhang.min@example.com")
    kept = login(app, "zhang.min@example.com", remember=True)
    idle = app.config["SESSION_IDLE_MINUTES"] * 60
    # Both sessions were last used longer ago than the idle limit.
    query(app, "MATCH (s:Session) SET s.lastSeenEpoch = s.lastSeenEpoch - $gap", gap=idle + 5)
    assert not is_logged_in(plain)
    assert is_logged_in(kept)  # resumed through its remember token


def test_absolute_limit_ends_even_a_remembered_session(app, members):
    members.signup("Zhang Min", "zhang.min@example.com")
    kept = login(app, "zhang.min@example.com", remember=True)
    query(app, "MATCH (s:Session) WHERE s.rememberDigest IS NOT NULL "
               "SET s.expiresEpoch = s.createdEpoch - 1")
    assert not is_logged_in(kept)


def test_limits_come_from_the_configuration(app, members):
    app.config.update(SESSION_ABSOLUTE_HOURS=2, REMEMBER_DAYS=3)
    members.signup("Zhang Min", "zhang.min@example.com")
    login(app, "zhang.min@example.com", remember=True)
    lifetimes = sorted(row["life"] for row in query(
        app, "MATCH (:Person)-[:HAS_SESSION]->(s) RETURN s.expiresEpoch - s.createdEpoch AS life"))
    assert lifetimes == [2 * 3600, 3 * 86400]


def test_login_issues_a_new_session_id(app, members):
    members.signup("Zhang Min", "zhang.min@example.com")
    browser = CsrfClient(app.test_client())
    browser.get("/login")
    browser.token()
    before = cookie(browser, "session")
    assert before
    browser.post("/login", {"email": "zhang.min@example.com", "password": PASSWORD})
    after = cookie(browser, "session")
    assert after and after != before
    # The pre-login id (which an attacker could have planted) is not logged in.
    assert not is_logged_in(replay(app, session=before))


def test_the_cookie_carries_only_a_random_id(app, members):
    member, _ = members.signup("Zhang Min", "zhang.min@example.com")
    value = cookie(member, "session")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", value)  # 32 random bytes, nothing else


def test_purge_command_deletes_only_sessions_that_can_no_longer_be_used(app, members, runner):
    members.signup("Zhang Min", "zhang.min@example.com")
    live = login(app, "zhang.min@example.com")
    idle_remembered = login(app, "zhang.min@example.com", remember=True)
    stale = login(app, "zhang.min@example.com")
    idle = app.config["SESSION_IDLE_MINUTES"] * 60
    stale_key = hashlib.sha256(cookie(stale, "session").encode()).hexdigest()
    remembered_key = hashlib.sha256(cookie(idle_remembered, "session").encode()).hexdigest()
    query(app, "MATCH (s:Session) WHERE s.key IN $keys "
               "SET s.lastSeenEpoch = s.lastSeenEpoch - $gap",
          keys=[stale_key, remembered_key], gap=idle + 5)
    before = query(app, "MATCH (s:Session) RETURN count(s) AS n")[0]["n"]
    result = runner.invoke(args=["account", "purge-sessions"])
    assert result.exit_code == 0 and "1 expired session(s) deleted" in result.output
    assert query(app, "MATCH (s:Session) RETURN count(s) AS n")[0]["n"] == before - 1
    assert is_logged_in(live) and is_logged_in(idle_remembered) and not is_logged_in(stale)
