"""Pseudonymous candidates over the API, as an adversary would probe them: no identity
field of an unrevealed candidate in any response, a tied employer's recruiter gets the
same 404 as for a missing id, and the staged reveal reaches only the counterpart."""
from __future__ import annotations

import json

import pytest

from tests.candidate_fixtures import world  # noqa: F401  (fixture)
from tests.candidate_scene import CANDIDATE_EMAIL, CANDIDATE_NAME, build_scene

from .api_support import ApiClient, assert_problem, login_token


@pytest.fixture
def scene(members, world):  # noqa: F811
    return build_scene(members, world)


def api_of(app, key: str) -> ApiClient:
    email = CANDIDATE_EMAIL if key == "zelda" else f"{key}@example.com"
    return ApiClient(app, login_token(app, email))


def assert_no_identity(scene, response, where: str):
    text = json.dumps(response.json, ensure_ascii=False)
    for value in scene.identity_strings():
        assert value not in text, f"{value!r} leaked in {where}"


def test_no_identity_of_an_unrevealed_candidate_in_any_api_response(app, scene):
    rita, carl, zelda = api_of(app, "rita"), api_of(app, "carl"), api_of(app, "zelda")
    for viewer, name, paths in (
            (rita, "rita", ("/api/v1/candidates", "/api/v1/candidates?skills=python",
                            f"/api/v1/candidates/{scene.pseudonym_for('rita')}")),
            (carl, "carl", ("/api/v1/candidates", "/api/v1/candidates?region=north-china"))):
        for path in paths:
            response = viewer.get(path)
            assert response.status_code == 200, (name, path, response.get_data(as_text=True))
            assert_no_identity(scene, response, f"{name} {path}")
    listed = rita.get("/api/v1/candidates").json["items"]
    assert [row["pseudonym"]["id"] for row in listed] == [scene.pseudonym_for("rita")]
    started = rita.post(f"/api/v1/candidates/{scene.pseudonym_for('rita')}/conversations",
                        json={"body": "Would you talk about a role?", "jobId": scene.job})
    assert started.status_code == 201, started.get_data(as_text=True)
    conversation = started.json["id"]
    reply = zelda.post(f"/api/v1/conversations/{conversation}/messages",
                       json={"body": "Tell me more."})
    assert reply.status_code == 201
    for path in ("/api/v1/conversations", f"/api/v1/conversations/{conversation}"):
        response = rita.get(path)
        assert response.status_code == 200
        assert_no_identity(scene, response, f"rita {path}")
    thread = rita.get(f"/api/v1/conversations/{conversation}").json
    assert thread["revealed"] is None and thread["counterpart"] is None
    assert [m["body"] for m in thread["messages"]] == ["Would you talk about a role?",
                                                      "Tell me more."]


def test_a_tied_employer_gets_the_same_404_as_a_missing_candidate(app, scene):
    eve = api_of(app, "eve")  # verified recruiter for the candidate's own employer
    # The id her own company's scope would give the candidate, and the one Rita's has.
    for pseudonym in (scene.pseudonym_for("eve"), scene.pseudonym_for("rita")):
        hidden = eve.get(f"/api/v1/candidates/{pseudonym}")
        missing = eve.get("/api/v1/candidates/" + "0" * len(pseudonym))
        assert_problem(hidden, 404, "not-found")
        assert hidden.get_data() == missing.get_data()
        assert pseudonym not in json.dumps(eve.get("/api/v1/candidates").json)
        written = eve.post(f"/api/v1/candidates/{pseudonym}/conversations",
                           json={"body": "hello"})
        assert written.get_data() == eve.post("/api/v1/candidates/" + "0" * len(pseudonym)
                                              + "/conversations",
                                              json={"body": "hello"}).get_data()


def test_the_staged_reveal_reaches_only_the_counterpart(app, scene):
    rita, rob, zelda = api_of(app, "rita"), api_of(app, "rob"), api_of(app, "zelda")
    conversation = rita.post(f"/api/v1/candidates/{scene.pseudonym_for('rita')}/conversations",
                             json={"body": "Hello"}).json["id"]
    other = rob.post(f"/api/v1/candidates/{scene.pseudonym_for('rob')}/conversations",
                     json={"body": "Hello from Rob"}).json["id"]
    for _ in range(3):
        assert zelda.post(f"/api/v1/conversations/{conversation}/interest").status_code == 200
        state = rita.post(f"/api/v1/conversations/{conversation}/interest").json
    assert state["revealed"] and state["stage"] == 3
    revealed = rita.get(f"/api/v1/conversations/{conversation}").json["revealed"]
    assert revealed["name"] == CANDIDATE_NAME and revealed["id"] == scene.ids["zelda"]
    assert_no_identity(scene, rob.get(f"/api/v1/conversations/{other}"), "rob's thread")
    reveals = zelda.get("/api/v1/me/candidate").json["reveals"]
    assert [r["toId"] for r in reveals] == [scene.ids["rita"]]


def test_someone_elses_conversation_is_404(app, scene):
    rita, carl = api_of(app, "rita"), api_of(app, "carl")
    conversation = rita.post(f"/api/v1/candidates/{scene.pseudonym_for('rita')}/conversations",
                             json={"body": "Hello"}).json["id"]
    assert_problem(carl.get(f"/api/v1/conversations/{conversation}"), 404)
    assert_problem(carl.post(f"/api/v1/conversations/{conversation}/messages",
                             json={"body": "hi"}), 404)
    assert_problem(carl.post(f"/api/v1/conversations/{conversation}/interest"), 404)


def test_my_pseudonym_and_validation(app, scene):
    zelda = api_of(app, "zelda")
    mine = zelda.get("/api/v1/me/candidate").json
    assert mine["pseudonym"]["id"] == scene.pseudonym
    bad = zelda.post("/api/v1/conversations/whatever/messages", json={"body": ""})
    assert "body" in assert_problem(bad, 400, "validation")["errors"]
    own = zelda.post(f"/api/v1/candidates/{scene.pseudonym_for('zelda')}/conversations",
                     json={"body": "me"})
    assert_problem(own, 400)
