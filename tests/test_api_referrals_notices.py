"""The job seeker's main flow over the API, as docs/api.md walks it (network -> feed ->
job -> ask a friend there for a referral), the friend's answer, and notifications."""
from __future__ import annotations

from .api_support import api_member, assert_problem
from .job_support import ask_to_recruit, create_company
from .test_api_jobs_network import JOB, _befriend


def test_seeker_flow_network_feed_job_ask_and_the_friends_answer(app, members):
    rita, rita_id, rita_web = api_member(app, members, "Rita Recruiter")
    company_id = create_company(rita_web, "Acme", "acme.example")
    ask_to_recruit(rita_web, company_id)
    job_id = rita.post(f"/api/v1/companies/{company_id}/jobs", json=JOB).json["id"]
    fay, fay_id, _ = api_member(app, members, "Fay Friend")
    assert fay.post("/api/v1/me/positions", json={
        "company": "Acme", "title": "Engineer", "start": "2020-01", "current": True}
    ).status_code == 201
    sam, sam_id, _ = api_member(app, members, "Sam Seeker")
    _befriend(sam, sam_id, fay, fay_id)
    outsider, _, _ = api_member(app, members, "Otto Outsider")

    assert [r["person"]["id"] for r in sam.get("/api/v1/network/friends").json["items"]] == \
        [fay_id]
    feed = sam.get("/api/v1/jobs/feed").json["items"]
    assert [row["job"]["id"] for row in feed] == [job_id]
    assert feed[0]["path"]["kind"] == "employee" and feed[0]["path"]["target"]["id"] == fay_id
    assert sam.get(f"/api/v1/jobs/{job_id}").json["connections"]["firstCount"] == 1
    page = sam.get(f"/api/v1/jobs/{job_id}/referral-asks").json
    assert [f["id"] for f in page["friends"]] == [fay_id]

    wrong = sam.post(f"/api/v1/jobs/{job_id}/referral-asks", json={"friendId": rita_id})
    assert "friend" in assert_problem(wrong, 400, "validation")["errors"]
    asked = sam.post(f"/api/v1/jobs/{job_id}/referral-asks",
                     json={"friendId": fay_id, "message": "Could you refer me?"})
    assert asked.status_code == 201 and asked.json == {"friend": "Fay Friend",
                                                      "job": "Backend Engineer"}
    assert_problem(sam.post(f"/api/v1/jobs/{job_id}/referral-asks",
                            json={"friendId": fay_id}), 409)
    assert [a["state"] for a in sam.get("/api/v1/referral-asks").json["sent"]] == ["waiting"]
    received = fay.get("/api/v1/referral-asks").json["received"]
    assert [a["asker"]["id"] for a in received] == [sam_id]
    ask_id = received[0]["id"]
    assert_problem(outsider.post(f"/api/v1/referral-asks/{ask_id}/refer", json={}), 404)
    answered = fay.post(f"/api/v1/referral-asks/{ask_id}/refer", json={"note": "Strong."})
    assert answered.status_code == 200 and answered.json["referralId"]
    sent = sam.get("/api/v1/referral-asks").json["sent"]
    assert [(a["state"], a["referralId"]) for a in sent] == \
        [("referred", answered.json["referralId"])]


def test_a_declined_ask_looks_like_a_waiting_one_to_the_asker(app, members):
    rita, _, rita_web = api_member(app, members, "Rita Recruiter")
    company_id = create_company(rita_web, "Acme", "acme.example")
    ask_to_recruit(rita_web, company_id)
    job_id = rita.post(f"/api/v1/companies/{company_id}/jobs", json=JOB).json["id"]
    fay, fay_id, _ = api_member(app, members, "Fay Friend")
    fay.post("/api/v1/me/positions", json={"company": "Acme", "title": "Engineer",
                                           "start": "2020-01", "current": True})
    sam, sam_id, _ = api_member(app, members, "Sam Seeker")
    _befriend(sam, sam_id, fay, fay_id)
    sam.post(f"/api/v1/jobs/{job_id}/referral-asks", json={"friendId": fay_id})
    before = sam.get("/api/v1/referral-asks").get_data()
    ask_id = fay.get("/api/v1/referral-asks").json["received"][0]["id"]
    assert fay.post(f"/api/v1/referral-asks/{ask_id}/decline", json={}).json == \
        {"referralId": None}
    assert sam.get("/api/v1/referral-asks").get_data() == before


def test_notifications_list_and_mark_read(app, members):
    ann, ann_id, _ = api_member(app, members, "Ann")
    bob, bob_id, _ = api_member(app, members, "Bob")
    _befriend(ann, ann_id, bob, bob_id)
    rita, _, rita_web = api_member(app, members, "Rita Recruiter")
    company_id = create_company(rita_web, "Acme", "acme.example")
    ask_to_recruit(rita_web, company_id)
    job_id = rita.post(f"/api/v1/companies/{company_id}/jobs", json=JOB).json["id"]
    bob.post("/api/v1/me/positions", json={"company": "Acme", "title": "Engineer",
                                           "start": "2020-01", "current": True})
    ann.post(f"/api/v1/jobs/{job_id}/referral-asks", json={"friendId": bob_id})
    page = bob.get("/api/v1/notifications").json  # Ann's ask is Bob's notice
    assert page["total"] >= 1 and page["unread"] == page["total"]
    assert page["items"][0]["kind"].startswith("referral")
    first = page["items"][0]["id"]
    assert_problem(ann.post(f"/api/v1/notifications/{first}/read"), 404)
    assert bob.post(f"/api/v1/notifications/{first}/read").status_code == 204
    assert bob.get("/api/v1/notifications").json["unread"] == page["unread"] - 1
    assert bob.post("/api/v1/notifications/read").json["changed"] == page["unread"] - 1
