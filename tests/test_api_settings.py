"""Settings over the API: notification settings and saved candidate searches (with an
idempotency key), the pseudonym's settings, rotation, hidden skill families and block
list and its preview as a company; saved job filters. Another member's saved search,
filter or block answers 404, like a missing one."""
from __future__ import annotations

import pytest

from .api_support import api_member, assert_problem
from .job_support import create_company
from .referral_support import query, set_status

MISSING = "0" * 32


def test_notification_settings_round_trip(app, members):
    api, _, _ = api_member(app, members, "Nora Notified")
    assert api.get("/api/v1/me/notification-settings").json == {"off": [], "jobAlerts": "app"}
    saved = api.put("/api/v1/me/notification-settings",
                    json={"off": ["referrals:email", "alerts:app"], "jobAlerts": "daily"})
    assert saved.status_code == 200
    assert saved.json == {"off": ["alerts:app", "referrals:email"], "jobAlerts": "daily"}
    assert api.get("/api/v1/me/notification-settings").json == saved.json
    for bad in ({"off": ["gossip:email"], "jobAlerts": "app"},
                {"off": [], "jobAlerts": "hourly"}, {"off": []}):
        assert_problem(api.put("/api/v1/me/notification-settings", json=bad), 400)
    assert api.get("/api/v1/me/notification-settings").json == saved.json


def test_saved_searches_are_idempotent_and_private(app, members):
    rita, _, _ = api_member(app, members, "Rita Recruiter")
    olga, _, _ = api_member(app, members, "Olga Other")
    key = {"Idempotency-Key": "search-0123456789abcdef"}
    body = {"skills": ["Python", "Go"], "seniority": "senior", "region": ""}
    made = rita.post("/api/v1/me/saved-searches", json=body, headers=key)
    assert made.status_code == 201, made.get_data(as_text=True)
    repeat = rita.post("/api/v1/me/saved-searches", json=body, headers=key)
    assert repeat.status_code == 201 and repeat.json == made.json
    [search] = rita.get("/api/v1/me/saved-searches").json["items"]
    assert search["id"] == made.json["id"] and search["seniority"] == "senior"
    assert_problem(rita.post("/api/v1/me/saved-searches", json={"seniority": "emperor"}), 400)
    assert_problem(rita.post("/api/v1/me/saved-searches", json=body,
                             headers={"Idempotency-Key": "short"}), 400)
    # Another member can neither see nor delete it.
    assert olga.get("/api/v1/me/saved-searches").json["items"] == []
    assert_problem(olga.delete(f"/api/v1/me/saved-searches/{search['id']}"), 404)
    assert rita.delete(f"/api/v1/me/saved-searches/{search['id']}").status_code == 204
    assert_problem(rita.delete(f"/api/v1/me/saved-searches/{search['id']}"), 404)
    assert rita.get("/api/v1/me/saved-searches").json["items"] == []


def test_pseudonym_settings_rotation_families_and_blocks(app, members):
    zoe, zoe_id, web = api_member(app, members, "Zoe Seeker")
    olga, _, _ = api_member(app, members, "Olga Other")
    assert_problem(zoe.post("/api/v1/me/candidate/rotate"), 400)  # no pseudonym yet
    assert zoe.post("/api/v1/me/candidate/activate").json == {"change": "unchanged"}
    set_status(web, "looking")
    first = zoe.get("/api/v1/me/candidate").json["pseudonym"]
    assert first is not None

    settings = {"headline": "Backend, payments", "seniority": "senior",
                "industry": "tech", "region": "east-china", "memberReach": 2}
    assert zoe.put("/api/v1/me/candidate/settings", json=settings).status_code == 204
    mine = zoe.get("/api/v1/me/candidate").json["pseudonym"]
    assert (mine["headline"], mine["seniority"], mine["memberReach"]) == \
        ("Backend, payments", "senior", 2)
    named = zoe.put("/api/v1/me/candidate/settings", json={**settings, "headline": "Zoe Seeker"})
    assert_problem(named, 400)
    assert_problem(zoe.put("/api/v1/me/candidate/settings",
                           json={**settings, "region": "atlantis"}), 400)

    assert zoe.post("/api/v1/me/candidate/rotate").status_code == 204
    rotated = zoe.get("/api/v1/me/candidate").json["pseudonym"]
    assert rotated["id"] != first["id"] and not rotated.get("headline")

    assert_problem(zoe.put("/api/v1/me/candidate/hidden-families",
                           json={"hidden": ["not-a-family"]}), 400)
    assert zoe.put("/api/v1/me/candidate/hidden-families", json={"hidden": []}).status_code \
        == 204

    blocked = zoe.post("/api/v1/me/candidate/blocks", json={"company": "Globex"})
    assert blocked.status_code == 201 and blocked.json["name"] == "Globex"
    assert [b["name"] for b in zoe.get("/api/v1/me/candidate/blocks").json["items"]] \
        == ["Globex"]
    assert_problem(zoe.post("/api/v1/me/candidate/blocks", json={"company": ""}), 400)
    # Another member's list is their own; removing from it answers 404, like a missing one.
    assert olga.get("/api/v1/me/candidate/blocks").json["items"] == []
    assert_problem(olga.delete(f"/api/v1/me/candidate/blocks/{blocked.json['id']}"), 404)
    assert zoe.delete(f"/api/v1/me/candidate/blocks/{blocked.json['id']}").status_code == 204
    assert_problem(zoe.delete(f"/api/v1/me/candidate/blocks/{MISSING}"), 404)
    assert query(app, "MATCH (:Person {id: $p})-[b:BLOCKS]->() RETURN count(b) AS n",
                 p=zoe_id)[0]["n"] == 0


JOB_FILTER = {"city": "上海", "remote": "hybrid", "skills": ["Python"], "minSalary": 300000,
              "currency": "CNY"}


def test_saved_job_filters_are_idempotent_capped_and_private(app, members):
    sam, sam_id, _ = api_member(app, members, "Sam Seeker")
    olga, _, _ = api_member(app, members, "Olga Other")
    empty = sam.get("/api/v1/me/saved-job-filters").json
    assert empty == {"items": [], "limit": 10, "jobAlerts": "app"}
    key = {"Idempotency-Key": "job-filter-0123456789abcdef"}
    made = sam.post("/api/v1/me/saved-job-filters", json=JOB_FILTER, headers=key)
    assert made.status_code == 201, made.get_data(as_text=True)
    assert sam.post("/api/v1/me/saved-job-filters", json=JOB_FILTER, headers=key).json \
        == made.json
    # The same filter again without the key: the page's own "saved already".
    assert_problem(sam.post("/api/v1/me/saved-job-filters", json=JOB_FILTER), 409, "conflict")
    [saved] = sam.get("/api/v1/me/saved-job-filters").json["items"]
    assert saved["id"] == made.json["id"] and saved["skills"] == ["Python"]
    assert saved["minSalary"] == 300000 and "上海" in saved["label"]
    # Another member neither sees nor deletes it; a missing one answers alike.
    assert olga.get("/api/v1/me/saved-job-filters").json["items"] == []
    assert_problem(olga.delete(f"/api/v1/me/saved-job-filters/{saved['id']}"), 404)
    assert_problem(sam.delete(f"/api/v1/me/saved-job-filters/{MISSING}"), 404)
    # The page's cap: ten filters.
    for n in range(9):
        assert sam.post("/api/v1/me/saved-job-filters",
                        json={"skills": [f"Skill{n}"]}).status_code == 201
    capped = sam.post("/api/v1/me/saved-job-filters", json={"skills": ["One more"]},
                      headers={"Idempotency-Key": "job-filter-capped-0123456789"})
    assert "10" in assert_problem(capped, 400, "invalid-request")["detail"]
    assert sam.delete(f"/api/v1/me/saved-job-filters/{saved['id']}").status_code == 204
    # A refused save claimed no key: the same key works once there is room.
    retried = sam.post("/api/v1/me/saved-job-filters", json={"skills": ["One more"]},
                       headers={"Idempotency-Key": "job-filter-capped-0123456789"})
    assert retried.status_code == 201
    assert query(app, "MATCH (:Person {id: $p})-[:SAVED_FILTER]->(f) RETURN count(f) AS n",
                 p=sam_id)[0]["n"] == 10


@pytest.mark.parametrize("body", [
    {}, {"city": "   "}, {"remote": "moon"}, {"minSalary": -1}, {"currency": "XXX", "minSalary": 1},
    {"skills": [f"s{n}" for n in range(30)]}, {"city": "x" * 81}])
def test_a_bad_job_filter_is_refused(app, members, body):
    sam, sam_id, _ = api_member(app, members, "Sam Seeker")
    assert_problem(sam.post("/api/v1/me/saved-job-filters", json=body), 400)
    assert sam.get("/api/v1/me/saved-job-filters").json["items"] == []


def test_preview_as_a_company_answers_like_the_page(app, members):
    zoe, zoe_id, zoe_web = api_member(app, members, "Zoe Seeker")
    _, _, admin_web = api_member(app, members, "Ada Admin")
    create_company(admin_web, "Globex", "globex.example")
    set_status(zoe_web, "looking")
    assert zoe.post("/api/v1/me/positions", json={"company": "Acme", "title": "Engineer",
                                                  "start": "2021-03", "current": True}
                    ).status_code == 201
    assert zoe.post("/api/v1/me/candidate/blocks", json={"company": "Initech"}).status_code \
        == 201
    employer = zoe.get("/api/v1/me/candidate/blocks/preview?company=ACME").json
    assert employer["hidden"] is True and employer["pseudonymName"] is None
    assert any("you work at Acme" in reason for reason in employer["reasons"])
    blocked = zoe.get("/api/v1/me/candidate/blocks/preview?company=Initech").json
    assert blocked["hidden"] is True and "Initech is on your block list" in blocked["reasons"]
    seen = zoe.get("/api/v1/me/candidate/blocks/preview?company=Globex").json
    assert seen["hidden"] is False and seen["reasons"] == [] and seen["pseudonymName"]
    page = zoe_web.get("/me/candidate/blocks?company=Globex").get_data(as_text=True)
    assert f"<strong>{seen['pseudonymName']}</strong>" in page
    # It is about the caller only: another member's preview shows nothing of Zoe's.
    olga, _, _ = api_member(app, members, "Olga Other")
    assert olga.get("/api/v1/me/candidate/blocks/preview?company=Acme").json == {
        "company": "Acme", "hidden": False, "reasons": [], "pseudonymName": None}
    for bad in ("", "x" * 101):
        assert_problem(zoe.get(f"/api/v1/me/candidate/blocks/preview?company={bad}"), 400)
    assert_problem(zoe.get("/api/v1/me/candidate/blocks/preview"), 400, "validation")
