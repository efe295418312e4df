"""Introductions over the API: only to 2nd degree and through a mutual friend, the middle
friend forwards (then both sides talk) or lets it pass without anyone being told."""
from __future__ import annotations

from .api_support import api_member, assert_problem
from .test_api_jobs_network import _befriend


def test_ask_forward_and_talk(app, members):
    ann, ann_id, _ = api_member(app, members, "Ann")
    bob, bob_id, _ = api_member(app, members, "Bob")
    cat, cat_id, _ = api_member(app, members, "Cat")
    _befriend(ann, ann_id, bob, bob_id)
    _befriend(bob, bob_id, cat, cat_id)
    assert_problem(ann.post(f"/api/v1/people/{bob_id}/introductions",
                            json={"viaId": bob_id, "message": "hi"}), 400)  # 1st degree
    wrong = ann.post(f"/api/v1/people/{cat_id}/introductions",
                     json={"viaId": cat_id, "message": "hi"})
    assert "via" in assert_problem(wrong, 400, "validation")["errors"]
    asked = ann.post(f"/api/v1/people/{cat_id}/introductions",
                     json={"viaId": bob_id, "message": "I'd love to meet Cat."})
    assert asked.status_code == 201 and asked.json["target"] == "Cat"
    intro_id = asked.json["id"]
    assert_problem(cat.get(f"/api/v1/introductions/{intro_id}"), 404)  # not forwarded yet
    assert [i["id"] for i in bob.get("/api/v1/introductions").json["toForward"]] == [intro_id]
    forwarded = bob.post(f"/api/v1/introductions/{intro_id}/forward", json={"note": "Meet!"})
    assert forwarded.json["state"] == "forwarded" and forwarded.json["intro"]["note"] == "Meet!"
    written = cat.post(f"/api/v1/introductions/{intro_id}/messages", json={"text": "Hello Ann"})
    assert written.status_code == 201
    page = ann.get(f"/api/v1/introductions/{intro_id}").json
    assert [(m["text"], m["mine"]) for m in page["messages"]] == [("Hello Ann", False)]
    assert_problem(bob.post(f"/api/v1/introductions/{intro_id}/messages",
                            json={"text": "me too"}), 404)


def test_a_declined_introduction_still_reads_waiting(app, members):
    ann, ann_id, _ = api_member(app, members, "Ann")
    bob, bob_id, _ = api_member(app, members, "Bob")
    cat, cat_id, _ = api_member(app, members, "Cat")
    _befriend(ann, ann_id, bob, bob_id)
    _befriend(bob, bob_id, cat, cat_id)
    intro_id = ann.post(f"/api/v1/people/{cat_id}/introductions",
                        json={"viaId": bob_id, "message": "Hello"}).json["id"]
    before = ann.get("/api/v1/introductions").get_data()
    assert bob.post(f"/api/v1/introductions/{intro_id}/decline").status_code == 204
    assert ann.get("/api/v1/introductions").get_data() == before
    assert ann.get(f"/api/v1/introductions/{intro_id}").json["state"] == "waiting"
    assert_problem(cat.get(f"/api/v1/introductions/{intro_id}"), 404)
