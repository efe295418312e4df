"""Privacy of pseudonymous candidates, through the web pages: no identity field of an
unrevealed candidate on any page a recruiter or contact reaches, hidden == missing (404,
same body), the employer's people never see the candidate, and a reveal reaches only the
counterpart both sides agreed with."""
from __future__ import annotations

import pytest

from tests.candidate_fixtures import world  # noqa: F401  (fixture)
from tests.candidate_scene import (CANDIDATE_NAME, EMPLOYER, TITLE, build_scene,
                                   conversation_id, set_status, without_csrf)


@pytest.fixture
def scene(members, world):  # noqa: F811
    return build_scene(members, world)


def assert_no_identity(scene, html: str, where: str):
    for value in scene.identity_strings():
        assert value not in html, f"{value!r} leaked on {where}"


def pages_of(scene, viewer: str, conversations: list[str]) -> dict[str, str]:
    """Every candidate-related page the viewer can reach, by path."""
    client = scene.clients[viewer]
    paths = ["/candidates", "/candidates?skills=python", "/candidates?region=north-china",
             f"/candidates/{scene.pseudonym_for(viewer)}", "/messages", "/notices"]
    paths += [f"/messages/{c}" for c in conversations]
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (viewer, path, response.status_code)
        pages[path] = response.get_data(as_text=True)
    return pages


def test_recruiter_and_contact_pages_never_show_the_unrevealed_candidate(scene):
    scene.clients["zelda"].post("/me/candidate/settings", {
        "headline": "Backend engineer who likes hard problems", "seniority": "senior",
        "industry": "finance", "region": "north-china", "member_reach": "1"},
        token_from="/me/candidate")
    rita_id = scene.pseudonym_for("rita")
    rita = scene.clients["rita"].post(f"/candidates/{rita_id}/message",
                                      {"body": "Hello, interested in a role?", "job": scene.job},
                                      token_from=f"/candidates/{rita_id}")
    assert rita.status_code == 302
    rita_thread = conversation_id(rita)
    carl = scene.clients["zelda"].post(f"/me/candidate/write/{scene.ids['carl']}",
                                       {"body": "Hi Carl, any openings at your place?"},
                                       token_from=f"/me/candidate/write/{scene.ids['carl']}")
    assert carl.status_code == 302
    carl_thread = conversation_id(carl)
    # The candidate answers and says they are interested: still nothing revealed.
    zelda = scene.clients["zelda"]
    zelda.post(f"/messages/{rita_thread}", {"body": "Tell me more."},
               token_from=f"/messages/{rita_thread}")
    zelda.post(f"/messages/{rita_thread}/interest", token_from=f"/messages/{rita_thread}")

    rita_pages = pages_of(scene, "rita", [rita_thread])
    carl_pages = pages_of(scene, "carl", [carl_thread])
    for viewer, pages in (("rita", rita_pages), ("carl", carl_pages)):
        for path, html in pages.items():
            assert_no_identity(scene, html, f"{viewer} {path}")
    # The pages do show the pseudonym (so the check above looked at real content).
    assert rita_id in rita_pages["/candidates"]
    assert "Tell me more." in rita_pages[f"/messages/{rita_thread}"]
    assert "Backend engineer who likes hard problems" in carl_pages[f"/candidates/{scene.pseudonym_for('carl')}"]


def test_real_profile_page_does_not_link_to_the_pseudonym(scene):
    html = scene.clients["rita"].get(f"/people/{scene.ids['zelda']}").get_data(as_text=True)
    assert CANDIDATE_NAME in html  # the ordinary, real-name profile ...
    pseudonym = scene.world.run("MATCH (ps:Pseudonym {id: $id}) RETURN ps.hanzi AS h, "
                                "ps.pinyin AS p", id=scene.pseudonym)[0]
    for value in (scene.pseudonym, scene.pseudonym_for("rita"), pseudonym["h"], pseudonym["p"],
                  "looking", "Looking"):
        assert value not in html  # ... says nothing of the candidacy


@pytest.mark.parametrize("viewer", ["eve", "colin"])
def test_employer_people_get_404_like_a_missing_candidate(scene, viewer):
    scene.clients["zelda"].post("/me/candidate/settings", {
        "headline": "", "seniority": "senior", "industry": "finance", "region": "north-china",
        "member_reach": "2"}, token_from="/me/candidate")
    client = scene.clients[viewer]
    # The id the viewer's scope would have: a well-formed id, hidden all the same.
    seen_id = scene.pseudonym_for(viewer)
    hidden = client.get(f"/candidates/{seen_id}")
    missing = client.get("/candidates/" + "x" * len(seen_id))
    assert hidden.status_code == missing.status_code == 404
    assert without_csrf(hidden.get_data(as_text=True)) == without_csrf(missing.get_data(as_text=True))
    listing = client.get("/candidates").get_data(as_text=True)
    assert seen_id not in listing
    post_hidden = client.post(f"/candidates/{seen_id}/message", {"body": "hi"},
                              token_from="/candidates")
    post_missing = client.post("/candidates/nope/message", {"body": "hi"},
                               token_from="/candidates")
    assert post_hidden.status_code == post_missing.status_code == 404
    assert without_csrf(post_hidden.get_data(as_text=True)) == \
        without_csrf(post_missing.get_data(as_text=True))


def test_a_counterpart_who_joins_the_employer_loses_the_thread(scene):
    started = scene.clients["rita"].post(f"/candidates/{scene.pseudonym_for('rita')}/message",
                                         {"body": "Hello"}, token_from="/candidates")
    thread = conversation_id(started)
    assert scene.clients["rita"].get(f"/messages/{thread}").status_code == 200
    employer = scene.world.run("MATCH (c:Company {name: $n}) RETURN c.id AS id", n=EMPLOYER)[0]
    scene.world.employ(scene.ids["rita"], employer["id"])
    hidden = scene.clients["rita"].get(f"/messages/{thread}")
    missing = scene.clients["rita"].get("/messages/no-such-thread")
    assert hidden.status_code == missing.status_code == 404
    assert without_csrf(hidden.get_data(as_text=True)) == without_csrf(missing.get_data(as_text=True))
    assert thread not in scene.clients["rita"].get("/messages").get_data(as_text=True)


def test_not_looking_hides_the_profile_and_the_threads(scene):
    seen_id = scene.pseudonym_for("rita")
    started = scene.clients["rita"].post(f"/candidates/{seen_id}/message",
                                         {"body": "Hello"}, token_from="/candidates")
    thread = conversation_id(started)
    assert set_status(scene.clients["zelda"], "not_looking").status_code == 302
    rita = scene.clients["rita"]
    assert rita.get(f"/candidates/{seen_id}").status_code == 404
    assert rita.get(f"/messages/{thread}").status_code == 404
    assert seen_id not in rita.get("/candidates").get_data(as_text=True)
    # The candidate keeps their history but cannot write while hidden.
    zelda = scene.clients["zelda"]
    assert zelda.get(f"/messages/{thread}").status_code == 200
    refused = zelda.post(f"/messages/{thread}", {"body": "still here"},
                         token_from=f"/messages/{thread}")
    assert refused.status_code == 403


def test_reveal_reaches_only_the_counterpart_who_agreed(scene):
    rita, rob, zelda = (scene.clients[k] for k in ("rita", "rob", "zelda"))
    rita_thread = conversation_id(rita.post(f"/candidates/{scene.pseudonym_for('rita')}/message",
                                            {"body": "Hi from Rita", "job": scene.job},
                                            token_from="/candidates"))
    rob_thread = conversation_id(rob.post(f"/candidates/{scene.pseudonym_for('rob')}/message",
                                          {"body": "Hi from Rob"}, token_from="/candidates"))
    # The reveal is staged; each stage needs both sides.
    def both_agree():
        assert rita.post(f"/messages/{rita_thread}/interest",
                         token_from=f"/messages/{rita_thread}").status_code == 302
        assert CANDIDATE_NAME not in rita.get(f"/messages/{rita_thread}").get_data(as_text=True)
        assert zelda.post(f"/messages/{rita_thread}/interest",
                          token_from=f"/messages/{rita_thread}").status_code == 302
        return rita.get(f"/messages/{rita_thread}").get_data(as_text=True)

    stage_one = both_agree()   # industry and level only
    assert CANDIDATE_NAME not in stage_one and EMPLOYER not in stage_one and TITLE not in stage_one
    stage_two = both_agree()   # plus company and title, still no name
    assert EMPLOYER in stage_two and TITLE in stage_two and CANDIDATE_NAME not in stage_two
    assert f"/people/{scene.ids['zelda']}" not in stage_two
    revealed = both_agree()
    assert CANDIDATE_NAME in revealed and TITLE in revealed and EMPLOYER in revealed
    assert f"/people/{scene.ids['zelda']}" in revealed
    for path in ("/messages", f"/messages/{rob_thread}", f"/candidates/{scene.pseudonym_for('rob')}",
                 "/notices", "/candidates"):
        assert_no_identity(scene, rob.get(path).get_data(as_text=True), f"rob {path}")
    # Recorded, and shown to the candidate: to whom, about which job.
    mine = zelda.get("/me/candidate").get_data(as_text=True)
    assert "Rita Recruiter" in mine and "Backend Engineer" in mine and "Hirer Inc" in mine
    record = scene.world.run("MATCH (r:Reveal) RETURN r.candidateId AS c, r.counterpartId AS t, "
                             "r.jobId AS j, r.at AS at")
    assert len(record) == 1
    assert record[0]["c"] == scene.ids["zelda"] and record[0]["t"] == scene.ids["rita"]
    assert record[0]["j"] == scene.job and record[0]["at"]
    # Withdrawing after the reveal is refused: it cannot be undone.
    again = rita.post(f"/messages/{rita_thread}/withdraw", token_from=f"/messages/{rita_thread}")
    assert again.status_code == 409
