"""Settings over the API: notification settings and saved candidate searches (with an
idempotency key), the pseudonym's settings, rotation, hidden skill families and block
list. Another member's saved search or block answers 404, like a missing one."""
from __future__ import annotations

from .api_support import api_member, assert_problem
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
