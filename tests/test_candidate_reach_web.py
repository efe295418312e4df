"""Through the app: with the network index serving the two-degree reach of candidate
browsing (graph.candidates.search), every adversary sees exactly the pages the Cypher path
shows them, also right after a friendship ends, a position changes or a job status
changes, whether the indexed process made the change or another one did (its index not
caught up yet).

Two apps on one database: ``app`` (index off: the Cypher reference) and ``twin`` (index
on, applying the log only when the test or its own writes say so). A member's session
cookie works on both.
"""
from __future__ import annotations

import threading

import pytest

import config
from graph.candidates.pseudonyms import CandidateRepository
from recruit import create_app
from tests.candidate_fixtures import world  # noqa: F401  (fixture)
from tests.candidate_scene import build_scene, without_csrf
from tests.conftest import CsrfClient


@pytest.fixture
def scene(members, world):  # noqa: F811
    """The candidate scene (tests/candidate_scene.py), Zelda visible to her friends
    (``memberReach`` 1), plus two adversaries at two degrees: a sock puppet of Eve's
    (no ties of its own) and an unverified recruiter. Both are friends of Fred."""
    scene = build_scene(members, world)
    CandidateRepository(world.driver, world.database).update_settings(
        scene.ids["zelda"], "Engineer", "senior", "tech", "east-china", 1)
    for key, name in (("puppet", "Evan Alt"), ("pat", "Pat Pending")):
        scene.clients[key], scene.ids[key] = members.signup(name, f"{key}@example.com")
        scene.clients[key].get("/home")  # shows (and so clears) the welcome message
        world.befriend(scene.ids[key], scene.ids["fred"])
    world.recruiter(scene.ids["pat"], world.company("Pending Partners"), status="pending")
    return scene


@pytest.fixture
def twin(app, scene):
    """The app with the index on, built now; its poll thread never runs (the test calls
    ``catch_up``), so what the index has applied is known at every step."""
    settings = config.TestConfig()
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        setattr(settings, key, app.config[key])
    settings.NETWORK_INDEX = True
    indexed = create_app(settings)
    index = indexed.extensions["graph"].index
    idle = threading.Thread(target=lambda: None)
    idle.start()
    idle.join()
    index._thread = idle  # start() on the first request then leaves it alone
    index.rebuild()
    yield indexed
    indexed.extensions["graph"].close()


def on(twin_app, client) -> CsrfClient:
    """The member logged in on ``client``, on the indexed app."""
    other = CsrfClient(twin_app.test_client())
    other.client.set_cookie("session", client.client.get_cookie("session").value)
    other.member_id = client.member_id
    return other


def seen(scene, twin_app, viewer: str, public: str | None = None) -> bool:
    """Whether ``viewer`` finds Zelda, asserting both apps answer alike: the browse page
    (whole HTML), the job's search by fit for its recruiter, and the profile URL
    (``public``: the id the viewer knows her pseudonym by; by default the current one)."""
    plain, indexed = scene.clients[viewer], on(twin_app, scene.clients[viewer])
    assert twin_app.extensions["graph"].index.warm
    public = public or scene.pseudonym_for(viewer)
    pages = ["/candidates", "/candidates?skills=python", f"/candidates/{public}"]
    if viewer == "rita":
        pages.append(f"/jobs/{scene.job}/candidates")
    answers = set()
    for path in pages:
        expected, got = plain.get(path), indexed.get(path)
        assert got.status_code == expected.status_code, (viewer, path)
        assert without_csrf(got.get_data(as_text=True)) == \
            without_csrf(expected.get_data(as_text=True)), (viewer, path)
        answers.add(expected.status_code == 200 and public in expected.get_data(as_text=True))
    assert len(answers) == 1, (viewer, "the list and the profile disagree")
    return answers.pop()


def act(client, url: str, data: dict | None = None, token_from: str = "/network") -> None:
    """A form post that must succeed; its flash message is read at once, so it is not
    left for whichever app renders the member's next page."""
    response = client.post(url, data, token_from=token_from)
    assert response.status_code == 302, response.get_data(as_text=True)
    client.get(response.headers["Location"])


EXPECTED = {"rita": True,    # verified recruiter, 2nd degree
            "rob": True,     # verified recruiter, 1st degree
            "carl": True,    # a friend, and Zelda shows herself to friends
            "eve": False,    # verified recruiter for Zelda's employer, 2nd degree
            "colin": False,  # a colleague at her employer, 1st degree
            "fred": True,    # a friend
            "puppet": False,  # Eve's second account: 2nd degree, Zelda shows friends only
            "pat": False}     # an unverified recruiter at 2nd degree counts as a member


def test_every_adversary_sees_what_the_cypher_rules_show(scene, twin):
    assert {viewer: seen(scene, twin, viewer) for viewer in EXPECTED} == EXPECTED


def test_a_change_made_elsewhere_hides_at_once_on_the_indexed_pages(scene, twin):
    index = twin.extensions["graph"].index
    # Another process ends the friendship that put Rita (and Eve) within two degrees;
    # the indexed process has not applied it, yet hides Zelda as Cypher does.
    act(scene.clients["fred"], f"/people/{scene.ids['zelda']}/unfriend")
    assert index.status()["lag"] == 1
    assert not seen(scene, twin, "rita") and not seen(scene, twin, "fred")
    assert not seen(scene, twin, "eve")
    index.catch_up()
    assert index.status()["lag"] == 0
    assert {viewer: seen(scene, twin, viewer) for viewer in EXPECTED} == \
        {**EXPECTED, "rita": False, "fred": False}
    # Zelda stops looking (her pseudonym retires): nobody finds it any more, on either app.
    known = {viewer: scene.pseudonym_for(viewer) for viewer in EXPECTED}
    act(scene.clients["zelda"], "/me/basics", {"headline": "", "job_status": "not_looking"},
        token_from="/me")
    assert not any(seen(scene, twin, viewer, known[viewer]) for viewer in EXPECTED)


def test_changes_made_on_the_indexed_app_apply_before_the_next_page(scene, twin):
    index = twin.extensions["graph"].index
    zelda = on(twin, scene.clients["zelda"])
    # Zelda joins Rob's company: Rob, a friend, is tied to it now.
    act(zelda, "/me/positions", {"company": "Other Hire", "title": "Lead", "start": "2024-01",
                                 "current": "y"}, token_from="/me")
    assert index.status()["lag"] == 0  # the writer's own process applied it
    assert not seen(scene, twin, "rob")
    # Fred ends the friendship on the indexed app: Rita and Eve are out of reach at once.
    act(on(twin, scene.clients["fred"]), f"/people/{scene.ids['zelda']}/unfriend")
    assert index.status()["lag"] == 0
    assert not seen(scene, twin, "rita") and not seen(scene, twin, "fred")
    # Rita and Zelda become friends: Rita finds her again, from the index, at once.
    rita = on(twin, scene.clients["rita"])
    act(rita, f"/people/{scene.ids['zelda']}/friend-request")
    act(zelda, f"/people/{scene.ids['rita']}/accept", token_from="/network/requests")
    assert index.status()["lag"] == 0
    assert seen(scene, twin, "rita")
    assert {viewer: seen(scene, twin, viewer) for viewer in EXPECTED} == \
        {**EXPECTED, "rob": False, "fred": False}
