"""API tokens and authentication: login with a device name, list, revoke, expiry, the
cookie session refused, problem+json errors, the per-token limit, and the profile."""
from __future__ import annotations

from .api_support import ApiClient, api_member, assert_problem, login_token
from .conftest import PASSWORD


def test_login_issues_a_named_token_stored_only_as_a_digest(app, members, driver):
    _, person_id = members.signup("Li Wei", "li.wei@example.com")
    response = app.test_client().post("/api/v1/auth/login", json={
        "email": "li.wei@example.com", "password": PASSWORD, "device": "Li's phone"})
    assert response.status_code == 201
    body = response.json
    assert body["token"].startswith("rk_") and body["name"] == "Li's phone"
    assert body["expiresAt"] > body["createdAt"]
    stored = driver.execute_query(
        "MATCH (:Person {id: $id})-[:HAS_API_TOKEN]->(t:ApiToken) RETURN properties(t) AS t",
        id=person_id).records[0]["t"]
    assert body["token"] not in stored.values()
    me = ApiClient(app, body["token"]).get("/api/v1/me")
    assert me.status_code == 200 and me.json["person"]["id"] == person_id


def test_wrong_password_and_unknown_email_answer_alike(app, members):
    members.signup("Li Wei", "li.wei@example.com")
    client = app.test_client()
    wrong = client.post("/api/v1/auth/login", json={
        "email": "li.wei@example.com", "password": "not the password", "device": "x"})
    unknown = client.post("/api/v1/auth/login", json={
        "email": "nobody@example.com", "password": PASSWORD, "device": "x"})
    assert assert_problem(wrong, 401, "unauthorized")["detail"] == \
        assert_problem(unknown, 401, "unauthorized")["detail"]


def test_login_is_throttled_per_account_like_the_page(app, members):
    members.signup("Li Wei", "li.wei@example.com")
    client = app.test_client()
    statuses = [client.post("/api/v1/auth/login", json={
        "email": "li.wei@example.com", "password": "wrong wrong wrong", "device": "x"}
    ).status_code for _ in range(7)]
    assert statuses[0] == 401 and statuses[-1] == 429


def test_requests_without_a_valid_bearer_token_get_401(app, members):
    client = app.test_client()
    assert_problem(client.get("/api/v1/me"), 401, "unauthorized")
    assert_problem(client.get("/api/v1/me", headers={"Authorization": "Bearer rk_forged"}),
                   401)
    assert_problem(client.get("/api/v1/me", headers={"Authorization": "Basic abc"}), 401)


def test_a_logged_in_browser_cookie_opens_nothing_on_the_api(app, members):
    web, _ = members.signup("Li Wei")
    assert web.get("/me").status_code == 200  # the cookie session works on the pages
    response = web.client.get("/api/v1/me")
    assert_problem(response, 401)
    assert "Set-Cookie" not in response.headers
    # No CSRF token is needed on the API, and none helps: the cookie is not read.
    assert_problem(web.client.post("/api/v1/tokens", json={"name": "x"}), 401)


def test_tokens_are_listed_and_revoked(app, members):
    api, person_id, _ = api_member(app, members, "Li Wei")
    created = api.post("/api/v1/tokens", json={"name": "ATS integration", "days": 30})
    assert created.status_code == 201
    second = ApiClient(app, created.json["token"])
    listed = api.get("/api/v1/tokens").json["items"]
    assert {t["name"] for t in listed} == {"test phone", "ATS integration"}
    assert all("token" not in t and "digest" not in t for t in listed)
    assert api.delete(f"/api/v1/tokens/{created.json['id']}").status_code == 204
    assert_problem(second.get("/api/v1/me"), 401)
    assert api.get("/api/v1/me").status_code == 200


def test_a_member_cannot_revoke_another_members_token(app, members):
    alice, _, _ = api_member(app, members, "Alice")
    bob, _, _ = api_member(app, members, "Bob")
    bob_token_id = bob.get("/api/v1/tokens").json["items"][0]["id"]
    assert_problem(alice.delete(f"/api/v1/tokens/{bob_token_id}"), 404, "not-found")
    assert bob.get("/api/v1/me").status_code == 200


def test_an_expired_token_is_refused(app, members, driver):
    api, person_id, _ = api_member(app, members)
    driver.execute_query("MATCH (:Person {id: $id})-[:HAS_API_TOKEN]->(t) "
                         "SET t.expiresAt = '2000-01-01T00:00:00+00:00'", id=person_id)
    assert_problem(api.get("/api/v1/me"), 401)


def test_changing_the_password_revokes_tokens(app, members):
    api, _, web = api_member(app, members)
    response = web.post("/account/password", {
        "current": PASSWORD, "password": "a brand new passphrase",
        "confirm": "a brand new passphrase"}, token_from="/account")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert_problem(api.get("/api/v1/me"), 401)


def test_token_web_page_creates_lists_and_revokes(app, members):
    web, person_id = members.signup("Li Wei")
    page = web.post("/account/api-tokens", {"name": "Laptop script", "days": "30"},
                    token_from="/account/api-tokens")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    token = html.split('data-token="', 1)[1].split('"', 1)[0]
    api = ApiClient(app, token)
    assert api.get("/api/v1/me").status_code == 200
    token_id = api.get("/api/v1/tokens").json["items"][0]["id"]
    listing = web.get("/account/api-tokens").get_data(as_text=True)
    assert "Laptop script" in listing and token not in listing
    assert web.post(f"/account/api-tokens/{token_id}/revoke",
                    token_from="/account/api-tokens").status_code == 302
    assert_problem(api.get("/api/v1/me"), 401)


def test_errors_are_problem_json_for_unknown_paths_methods_and_bad_bodies(app, members):
    api, _, _ = api_member(app, members)
    assert_problem(api.get("/api/v1/no-such-thing"), 404, "not-found")
    response = api.delete("/api/v1/me")
    assert_problem(response, 405, "method-not-allowed")
    assert "GET" in response.headers["Allow"]
    bad = api.client.post("/api/v1/tokens", data="{not json",
                          headers={"Authorization": f"Bearer {api.token}",
                                   "Content-Type": "application/json"})
    assert_problem(bad, 400, "validation")


def test_rate_limit_is_per_token(app, members):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    first, _, _ = api_member(app, members, "Alice")
    second, _, _ = api_member(app, members, "Bob")
    statuses = [first.get("/api/v1/me").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert_problem(first.get("/api/v1/me"), 429, "rate-limited")
    assert second.get("/api/v1/me").status_code == 200


def test_profile_edits_use_the_page_rules(app, members):
    api, person_id, _ = api_member(app, members)
    saved = api.put("/api/v1/me/basics", json={"headline": "Engineer", "jobStatus": "open"})
    assert saved.status_code == 200 and saved.json["person"]["jobStatus"] == "open"
    bad = api.put("/api/v1/me/basics", json={"jobStatus": "sleeping"})
    assert "job_status" in assert_problem(bad, 400, "validation")["errors"]
    assert api.put("/api/v1/me/skills", json={"skills": ["Python", "Neo4j"]}).json["skills"] \
        == ["Neo4j", "Python"]
    position = api.post("/api/v1/me/positions", json={
        "company": "Acme", "title": "Engineer", "start": "2020-01", "current": True})
    assert position.status_code == 201
    future = api.post("/api/v1/me/positions", json={
        "company": "Acme", "title": "Engineer", "start": "2999-01", "current": True})
    assert "start" in assert_problem(future, 400)["errors"]
    assert api.delete(f"/api/v1/me/positions/{position.json['id']}").status_code == 204
    assert_problem(api.delete(f"/api/v1/me/positions/{position.json['id']}"), 404)
    school = api.post("/api/v1/me/education", json={"school": "Tsinghua", "startYear": 2010,
                                                    "endYear": 2014})
    assert school.status_code == 201
    assert [e["school"] for e in api.get("/api/v1/me").json["education"]] == ["Tsinghua"]


def test_the_city_is_read_and_written_like_the_profile_page(app, members):
    ann, ann_id, _ = api_member(app, members, "Ann City")
    bob, _, _ = api_member(app, members, "Bob Viewer")
    saved = ann.put("/api/v1/me/basics", json={"jobStatus": "not_looking", "city": " 上海 "})
    assert saved.status_code == 200 and saved.json["person"]["city"] == "上海"
    # Absent: left as it is (older clients that never send it keep working).
    kept = ann.put("/api/v1/me/basics", json={"headline": "Engineer", "jobStatus": "open"})
    assert kept.json["person"]["city"] == "上海"
    # Others see it, as on the member's page, and on the people search that tells
    # namesakes apart; the job status stays private.
    page = bob.get(f"/api/v1/people/{ann_id}").json["profile"]["person"]
    assert page["city"] == "上海" and page["jobStatus"] is None
    found = bob.get("/api/v1/people/search?q=ann").json["items"]
    assert [(row["id"], row["city"]) for row in found] == [(ann_id, "上海")]
    too_long = ann.put("/api/v1/me/basics", json={"jobStatus": "open", "city": "x" * 81})
    assert "city" in assert_problem(too_long, 400, "validation")["errors"]
    assert ann.get("/api/v1/me").json["person"]["city"] == "上海"
    cleared = ann.put("/api/v1/me/basics", json={"jobStatus": "open", "city": ""})
    assert cleared.json["person"]["city"] == ""  # stored empty, as the page stores it
    # Bob's token writes Bob's profile only.
    assert bob.put("/api/v1/me/basics", json={"jobStatus": "open", "city": "北京"}
                   ).status_code == 200
    assert bob.get(f"/api/v1/people/{ann_id}").json["profile"]["person"]["city"] == ""


def test_reads_carry_an_etag_and_answer_304(app, members):
    api, _, _ = api_member(app, members)
    first = api.get("/api/v1/me")
    etag = first.headers["ETag"]
    again = api.get("/api/v1/me", headers={"If-None-Match": etag})
    assert again.status_code == 304
    api.put("/api/v1/me/basics", json={"headline": "Changed", "jobStatus": "not_looking"})
    assert api.get("/api/v1/me", headers={"If-None-Match": etag}).status_code == 200


def test_openapi_document_and_reference_page_are_served_locally(app):
    import warnings

    from config import TestConfig
    from recruit import create_app
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. two schemas with one name, silently renamed
        fresh = create_app(TestConfig())
        fresh.test_client().get("/api/v1/openapi.json")
        fresh.extensions["graph"].close()
    client = app.test_client()
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"] == "3.1.0"
    assert "/api/v1/jobs/feed" in spec["paths"]
    page = client.get("/api/v1/docs")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "/api/v1/jobs/feed" in html
    assert "<script src=\"http" not in html and "cdn" not in html.lower()


def test_the_hourly_sweep_deletes_expired_tokens_only(app, members, driver):
    from recruit.tasks.scheduled import sweep_expired
    api, person_id, _ = api_member(app, members)
    other = api.post("/api/v1/tokens", json={"name": "old script"}).json
    driver.execute_query("MATCH (t:ApiToken {id: $id}) "
                         "SET t.expiresAt = '2000-01-01T00:00:00+00:00'", id=other["id"])
    with app.app_context():
        assert sweep_expired.call_local()["apiTokens"] == 1
    assert [t["name"] for t in api.get("/api/v1/tokens").json["items"]] == ["test phone"]
