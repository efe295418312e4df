"""Account settings and data rights over the API: the name, the data archive (asked
for, listed, downloaded by its owner only), deleting the account (password checked; every
API token ends), creating a company page (idempotent), and the deprecation headers."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from flask_smorest import Blueprint

from graph.errors import NotFound

import config as app_config
from recruit import create_app
from recruit.api.operations import Deprecation, deprecation_headers, operation

from .api_support import api_member, assert_problem, login_token
from .conftest import PASSWORD
from .referral_support import query

MISSING = "0" * 32


def test_rename_and_data_archive_reach_only_their_owner(app, members):
    ann, ann_id, _ = api_member(app, members, "Ann Archive")
    bob, _, _ = api_member(app, members, "Bob Other")
    renamed = ann.put("/api/v1/me/name", json={"name": "  Ann Archivist "})
    assert renamed.status_code == 200 and renamed.json == {"name": "Ann Archivist"}
    assert "name" in assert_problem(ann.put("/api/v1/me/name", json={"name": ""}), 400,
                                    "validation")["errors"]

    asked = ann.post("/api/v1/me/data-archives")
    assert asked.status_code == 202, asked.get_data(as_text=True)
    archive = asked.json
    assert archive["status"] == "ready"  # no queue in tests: built inline
    assert [a["id"] for a in ann.get("/api/v1/me/data-archives").json["items"]] \
        == [archive["id"]]
    body = ann.get(f"/api/v1/me/data-archives/{archive['id']}")
    assert body.status_code == 200 and body.mimetype == "application/json"
    assert "Ann Archivist" in json.dumps(body.json, ensure_ascii=False)
    assert body.headers["Content-Disposition"].startswith("attachment")
    # Another member's archive answers exactly like a missing one.
    assert_problem(bob.get(f"/api/v1/me/data-archives/{archive['id']}"), 404)
    assert_problem(ann.get(f"/api/v1/me/data-archives/{MISSING}"), 404)
    assert bob.get("/api/v1/me/data-archives").json["items"] == []
    for _ in range(2):
        assert ann.post("/api/v1/me/data-archives").status_code == 202
    assert_problem(ann.post("/api/v1/me/data-archives"), 429)  # a few a day
    assert query(app, "MATCH (:Person {id: $p})-[:REQUESTED_ARCHIVE]->(a) RETURN count(a) AS n",
                 p=ann_id)[0]["n"] == 3


def test_an_archive_request_is_applied_once_per_idempotency_key(app, members):
    ann, ann_id, ann_web = api_member(app, members, "Ann Archive")
    key = {"Idempotency-Key": "archive-0123456789abcdef"}
    first = ann.post("/api/v1/me/data-archives", headers=key)
    assert first.status_code == 202, first.get_data(as_text=True)
    again = ann.post("/api/v1/me/data-archives", headers=key)
    assert again.status_code == 202 and again.json["id"] == first.json["id"]
    count = "MATCH (:Person {id: $p})-[:REQUESTED_ARCHIVE]->(a) RETURN count(a) AS n"
    assert query(app, count, p=ann_id)[0]["n"] == 1
    # Another member's key space is their own: the same key makes Bob his own archive.
    bob, bob_id, _ = api_member(app, members, "Bob Archive")
    mine = bob.post("/api/v1/me/data-archives", headers=key)
    assert mine.status_code == 202 and mine.json["id"] != first.json["id"]
    assert_problem(ann.post("/api/v1/me/data-archives", headers={"Idempotency-Key": "short"}),
                   400)
    # The page's form carries a request id too: a double click asks once.
    data = {"request_id": "archive-page-0123456789abcdef"}
    for _ in range(2):
        assert ann_web.post("/account/data/archives", data,
                            token_from="/account/data").status_code == 302
    assert query(app, count, p=ann_id)[0]["n"] == 2
    # Past the daily limit a new key is refused (429) and records nothing.
    limited = {"Idempotency-Key": "archive-limited-0123456789"}
    assert ann.post("/api/v1/me/data-archives", headers=limited).status_code == 202
    assert_problem(ann.post("/api/v1/me/data-archives",
                            headers={"Idempotency-Key": "archive-over-0123456789"}), 429)
    assert query(app, count, p=ann_id)[0]["n"] == 3


def test_deleting_the_account_needs_the_password_and_ends_every_token(app, members):
    app.config["ACCOUNT_DELETION_GRACE_DAYS"] = 14
    dora, dora_id, _ = api_member(app, members, "Dora Delete")
    email = app.extensions["graph"].people.account(dora_id).email
    second = login_token(app, email, "tablet")
    wrong = dora.post("/api/v1/me/deletion", json={"password": "not it", "confirm": True})
    assert "password" in assert_problem(wrong, 400, "validation")["errors"]
    unticked = dora.post("/api/v1/me/deletion", json={"password": PASSWORD, "confirm": False})
    assert_problem(unticked, 400, "validation")
    done = dora.post("/api/v1/me/deletion", json={"password": PASSWORD, "confirm": True})
    assert done.status_code == 202 and done.json["dueAt"] > datetime.now(timezone.utc).isoformat()
    for token in (dora.token, second):
        response = app.test_client().get("/api/v1/me",
                                         headers={"Authorization": f"Bearer {token}"})
        assert_problem(response, 401)
    # Logging in again (here: for a new token) keeps the account.
    login_token(app, email, "phone again")
    assert query(app, "MATCH (p:Person {id: $p}) RETURN p.deletionDueAt AS due",
                 p=dora_id)[0]["due"] is None


def test_deleting_at_once_when_there_is_no_grace_period(app, members):
    app.config["ACCOUNT_DELETION_GRACE_DAYS"] = 0
    gus, gus_id, _ = api_member(app, members, "Gus Gone")
    done = gus.post("/api/v1/me/deletion", json={"password": PASSWORD, "confirm": True})
    assert done.status_code == 202 and done.json == {"dueAt": None}
    assert query(app, "MATCH (p:Person {id: $p}) WHERE NOT p:FormerMember "
                      "RETURN count(p) AS n", p=gus_id)[0]["n"] == 0
    assert_problem(gus.get("/api/v1/me"), 401)


def test_create_a_company_page_once_per_key(app, members):
    cleo, cleo_id, _ = api_member(app, members, "Cleo Creator")
    key = {"Idempotency-Key": "company-0123456789abcdef"}
    body = {"name": "Initech", "industry": "Software", "city": "上海"}
    made = cleo.post("/api/v1/companies", json=body, headers=key)
    assert made.status_code == 201, made.get_data(as_text=True)
    assert cleo.post("/api/v1/companies", json=body, headers=key).json == made.json
    assert_problem(cleo.post("/api/v1/companies", json=body), 409)  # a second page
    page = cleo.get(f"/api/v1/companies/{made.json['id']}").json
    assert page["company"]["name"] == "Initech"
    assert cleo.get(f"/api/v1/companies/{made.json['id']}/recruiter-requests").status_code \
        == 200  # the creator is its admin
    assert_problem(cleo.post("/api/v1/companies", json={"name": ""}), 400, "validation")
    # A domain needs the creator's confirmed work e-mail on it.
    assert_problem(cleo.post("/api/v1/companies", json={"name": "Hooli",
                                                        "domain": "hooli.example"}), 400)


def test_a_deprecated_operation_announces_itself():
    """The mechanism docs/api.md describes, on an operation made for this test."""
    app = create_app(app_config.TestConfig())
    blp = Blueprint("api_test_deprecated", __name__)
    policy = Deprecation(since=datetime(2026, 11, 1, tzinfo=timezone.utc),
                         sunset=datetime(2027, 5, 1, tzinfo=timezone.utc),
                         link="https://example.test/docs/api#versioning")

    @operation(blp, "GET", "/old-things/<thing_id>", deprecated=policy, status=204,
               errors=(404,))
    def old_thing(thing_id: str):
        """An operation on its way out."""
        if thing_id != "known":
            raise NotFound("No such thing.")

    blp.after_request(deprecation_headers)
    try:
        app.extensions["api"].register_blueprint(blp, url_prefix="/api/v1")
        spec = app.test_client().get("/api/v1/openapi.json").json
        documented = spec["paths"]["/api/v1/old-things/{thing_id}"]["get"]
        assert documented["deprecated"] is True
        assert set(documented["responses"]["204"]["headers"]) == {"Deprecation", "Sunset", "Link"}
        answer = app.test_client().get("/api/v1/old-things/known")
        assert answer.status_code == 204
        assert answer.headers["Deprecation"] == f"@{int(policy.since.timestamp())}"
        assert answer.headers["Sunset"] == "Sat, 01 May 2027 00:00:00 GMT"
        assert answer.headers["Link"].startswith("<https://example.test/docs/api#versioning>")
        assert 'rel="deprecation"' in answer.headers["Link"]
        # Its errors say it too; operations that are not deprecated say nothing.
        missing = app.test_client().get("/api/v1/old-things/other")
        assert_problem(missing, 404)
        assert missing.headers["Sunset"] == answer.headers["Sunset"]
        current = app.test_client().get("/api/v1/me")
        assert_problem(current, 401)
        assert "Deprecation" not in current.headers and "Sunset" not in current.headers
    finally:
        app.extensions["graph"].close()
