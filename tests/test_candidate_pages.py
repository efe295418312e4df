"""Candidate pages: bad input answers 400 with a message, logins are required, and the
compose pages explain why writing is not possible."""
from __future__ import annotations

import pytest

from tests.candidate_fixtures import world  # noqa: F401  (fixture)
from tests.candidate_scene import build_scene


@pytest.fixture
def scene(members, world):  # noqa: F811
    return build_scene(members, world)


@pytest.mark.parametrize("query, message", [
    ("seniority=wizard", "Not a valid choice"),
    ("region=atlantis", "Not a valid choice"),
    ("skills=" + ",".join(f"s{i}" for i in range(11)), "at most 10 skills"),
    ("skills=" + "x" * 301, "300 characters"),
])
def test_bad_filters_answer_400_with_a_message(scene, query, message):
    response = scene.clients["rita"].get(f"/candidates?{query}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_filters_and_pages_work_from_the_page(scene):
    rita = scene.clients["rita"]
    assert scene.pseudonym_for("rita") in rita.get("/candidates?skills=python,figma&page=1").get_data(as_text=True)
    # Filters match skill families; Figma (product & design) is not Zelda's.
    assert scene.pseudonym_for("rita") not in rita.get("/candidates?skills=figma").get_data(as_text=True)
    assert scene.pseudonym_for("rita") not in rita.get("/candidates?page=2").get_data(as_text=True)
    assert rita.get("/candidates?page=nonsense").status_code == 200


@pytest.mark.parametrize("path", ["/candidates", "/candidates/abc", "/messages",
                                  "/messages/abc", "/notices", "/me/candidate"])
def test_pages_need_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_compose_pages_explain_refusals(scene):
    zelda, carl = scene.clients["zelda"], scene.clients["carl"]
    colleague = zelda.get(f"/me/candidate/write/{scene.ids['colin']}")
    assert colleague.status_code == 403 and "employer" in colleague.get_data(as_text=True)
    stranger = scene.world.person("Far Stranger")
    assert zelda.get(f"/me/candidate/write/{stranger}").status_code == 403
    assert zelda.get("/me/candidate/write/nobody").status_code == 404
    assert zelda.get("/me/candidate/jobs/nojob/write").status_code == 404
    no_pseudonym = carl.get(f"/me/candidate/write/{scene.ids['zelda']}")
    assert no_pseudonym.status_code == 400 and "pseudonym" in no_pseudonym.get_data(as_text=True)
    own = zelda.post(f"/candidates/{scene.pseudonym_for('zelda')}/message", {"body": "me"},
                     token_from="/me/candidate")
    assert own.status_code == 400


def test_write_as_pseudonym_link_only_for_the_candidate(scene):
    zelda_view = scene.clients["zelda"].get(f"/people/{scene.ids['carl']}").get_data(as_text=True)
    assert "Write as" in zelda_view
    carl_view = scene.clients["carl"].get(f"/people/{scene.ids['zelda']}").get_data(as_text=True)
    assert "Write as" not in carl_view


def test_candidate_page_before_and_after_status(members):
    client, _ = members.signup("Paula Page", "paula@example.com")
    page = client.get("/me/candidate").get_data(as_text=True)
    assert "Not looking" in page and "Level 1" in page
    client.post("/me/basics", {"headline": "", "job_status": "open"}, token_from="/me")
    page = client.get("/me/candidate").get_data(as_text=True)
    assert "Your pseudonym:" in page and "Rotate my pseudonym" in page


def test_a_seeker_without_pseudonym_can_get_one(members, world):  # noqa: F811
    client, member = members.signup("Gus Getone", "gus@example.com")
    world.run("MATCH (p:Person {id: $p}) SET p.jobStatus = 'looking'", p=member)  # no sync
    assert "Get my pseudonym" in client.get("/me/candidate").get_data(as_text=True)
    response = client.post("/me/candidate/activate", token_from="/me/candidate")
    assert response.status_code == 302 and world.pseudonym_of(member)
    world.status(member, "not_looking")
    client.post("/me/candidate/activate", token_from="/me/candidate")
    assert world.pseudonym_of(member) is None
    assert "job status" in client.get("/me/candidate").get_data(as_text=True)
