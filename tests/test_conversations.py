"""Conversations under a pseudonym: who may write to whom, threads, unread counts,
notifications, size caps, escaping and CSRF."""
from __future__ import annotations

import pytest

from graph.candidates.conversations import MAX_BODY, ConversationRepository
from graph.errors import Forbidden, Invalid, NotFound
from tests.candidate_fixtures import world  # noqa: F401  (fixture)
from tests.candidate_scene import build_scene, conversation_id, pseudonym_links, set_status


@pytest.fixture
def scene(members, world):  # noqa: F811
    return build_scene(members, world)


@pytest.fixture
def conversations(scene):
    return ConversationRepository(scene.world.driver, scene.world.database)


def start_from_rita(scene, body="Hello from Rita", job=None):
    data = {"body": body, **({"job": job} if job else {})}
    response = scene.clients["rita"].post(f"/candidates/{scene.pseudonym_for('rita')}/message", data,
                                          token_from="/candidates")
    assert response.status_code == 302, response.get_data(as_text=True)
    return conversation_id(response)


def test_candidate_writes_to_first_and_second_degree_contacts_only(scene, conversations):
    zelda, ids, world = scene.ids["zelda"], scene.ids, scene.world
    assert conversations.start_with_contact(zelda, ids["carl"], "Hi Carl")   # 1st degree
    assert conversations.start_with_contact(zelda, ids["rita"], "Hi Rita")   # 2nd degree
    stranger = world.person("Stranger")
    world.befriend(stranger, ids["rita"])                                     # 3rd degree
    with pytest.raises(Forbidden):
        conversations.start_with_contact(zelda, stranger, "Hi")
    with pytest.raises(Forbidden, match="employer"):
        conversations.start_with_contact(zelda, ids["colin"], "Hi colleague")
    with pytest.raises(NotFound):
        conversations.start_with_contact(zelda, "no-such-member", "Hi")
    with pytest.raises(NotFound):
        conversations.start_with_contact(zelda, zelda, "Hi me")
    with pytest.raises(Invalid, match="pseudonym"):  # no pseudonym, no pseudonymous writing
        conversations.start_with_contact(ids["carl"], zelda, "Hi")


def test_candidate_writes_to_a_recruiter_about_a_job(scene, conversations):
    world, ids = scene.world, scene.ids
    page = scene.clients["zelda"].get(f"/me/candidate/jobs/{scene.job}/write")
    assert page.status_code == 200 and "Backend Engineer" in page.get_data(as_text=True)
    response = scene.clients["zelda"].post(f"/me/candidate/jobs/{scene.job}/write",
                                           {"body": "Is it remote?"},
                                           token_from=f"/me/candidate/jobs/{scene.job}/write")
    thread = conversation_id(response)
    seen = conversations.thread(ids["rita"], thread)
    assert seen["side"] == "counterpart" and seen["job"]["title"] == "Backend Engineer"
    assert seen["messages"][0]["body"] == "Is it remote?"
    assert seen["revealed"] is None and seen["counterpart"] is None
    # The recruiter writing to the same pseudonym about the same job continues that thread.
    assert start_from_rita(scene, "Yes, remote.", scene.job) == thread
    closed = world.job(ids["rita"], world.run("MATCH (c:Company {name: 'Hirer Inc'}) "
                                              "RETURN c.id AS id")[0]["id"], status="closed")
    with pytest.raises(NotFound):
        conversations.start_about_job(ids["zelda"], closed, "Still open?")
    employer = world.run("MATCH (c:Company {name: 'Hushhush Corp'}) RETURN c.id AS id")[0]["id"]
    own_employer_job = world.job(ids["eve"], employer)
    with pytest.raises(Forbidden):
        conversations.start_about_job(ids["zelda"], own_employer_job, "Hi")
    pending = world.person("Pending Recruiter")
    world.recruiter(pending, world.company("Pending Co"), status="pending")
    with pytest.raises(NotFound):
        conversations.start_about_job(ids["zelda"], world.job(pending, employer), "Hi")


def test_recruiter_can_attach_only_their_own_open_job(scene):
    other = scene.world.job(scene.ids["rob"], scene.world.company("Rob's Co"))
    response = scene.clients["rita"].post(f"/candidates/{scene.pseudonym_for('rita')}/message",
                                          {"body": "Hi", "job": other}, token_from="/candidates")
    assert response.status_code == 400  # not among the offered choices
    assert scene.world.run("MATCH (c:Conversation) RETURN count(c) AS n") == [{"n": 0}]


def test_unread_counts_notifications_and_reading(scene):
    thread = start_from_rita(scene, "First")
    rita, zelda = scene.clients["rita"], scene.clients["zelda"]
    rita.post(f"/messages/{thread}", {"body": "Second"}, token_from=f"/messages/{thread}")
    inbox = zelda.get("/messages").get_data(as_text=True)
    assert "2 unread messages" in inbox and "2 new" in inbox
    alerts = zelda.get("/notices").get_data(as_text=True)
    assert "Rita Recruiter started a conversation with you." in alerts
    # Reading changes nothing on GET ...
    assert "Mark 2 as read" in zelda.get(f"/messages/{thread}").get_data(as_text=True)
    assert "2 new" in zelda.get("/messages").get_data(as_text=True)
    # ... the button does, and so does replying.
    zelda.post(f"/messages/{thread}/read", token_from=f"/messages/{thread}")
    assert "unread" not in zelda.get("/messages").get_data(as_text=True).split("</h1>")[1]
    zelda.post(f"/messages/{thread}", {"body": "Answer"}, token_from=f"/messages/{thread}")
    assert "1 new" in rita.get("/messages").get_data(as_text=True)
    assert 'class="unread"' in zelda.get("/notices").get_data(as_text=True)
    zelda.post("/notices/read", token_from="/notices")
    assert 'class="unread"' not in zelda.get("/notices").get_data(as_text=True)
    pseudonym_alert = scene.clients["carl"]
    scene.clients["zelda"].post(f"/me/candidate/write/{scene.ids['carl']}", {"body": "Hi"},
                                token_from="/messages")
    carl_alerts = pseudonym_alert.get("/notices").get_data(as_text=True)
    assert "started a conversation with you" in carl_alerts and "Zelda" not in carl_alerts


@pytest.mark.parametrize("body, status", [
    ("x" * MAX_BODY, 302), ("x" * (MAX_BODY + 1), 400), ("   ", 400), ("", 400)])
def test_message_length_is_capped(scene, body, status):
    thread = start_from_rita(scene)
    response = scene.clients["zelda"].post(f"/messages/{thread}", {"body": body},
                                           token_from=f"/messages/{thread}")
    assert response.status_code == status
    count = scene.world.run("MATCH (m:Message) RETURN count(m) AS n")[0]["n"]
    assert count == (2 if status == 302 else 1)


def test_bodies_are_escaped(scene):
    thread = start_from_rita(scene, '<script>alert("x")</script><b>bold</b>')
    html = scene.clients["zelda"].get(f"/messages/{thread}").get_data(as_text=True)
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in html


def test_state_changes_need_a_csrf_token(scene):
    thread = start_from_rita(scene)
    zelda = scene.clients["zelda"]
    for path, data in [(f"/messages/{thread}", {"body": "no token"}),
                       (f"/messages/{thread}/interest", {}), (f"/messages/{thread}/read", {}),
                       (f"/candidates/{scene.pseudonym_for('rita')}/message", {"body": "x"}),
                       ("/me/candidate/rotate", {}), ("/notices/read", {})]:
        assert zelda.raw_post(path, data).status_code == 400, path
    assert scene.world.run("MATCH (m:Message) RETURN count(m) AS n") == [{"n": 1}]
    assert scene.world.pseudonym_of(scene.ids["zelda"]) == scene.pseudonym


def test_outsiders_cannot_reach_a_thread(scene):
    thread = start_from_rita(scene)
    fred = scene.clients["fred"]
    assert fred.get(f"/messages/{thread}").status_code == 404
    assert fred.post(f"/messages/{thread}", {"body": "me too"},
                     token_from="/messages").status_code == 404
    assert fred.post(f"/messages/{thread}/interest", token_from="/messages").status_code == 404
    assert thread not in fred.get("/messages").get_data(as_text=True)


def test_old_conversations_keep_the_old_pseudonym_after_rotation(scene, conversations):
    thread = start_from_rita(scene)
    [(old_id, old_name)] = pseudonym_links(
        scene.clients["rita"].get(f"/messages/{thread}").get_data(as_text=True))
    assert scene.clients["zelda"].post("/me/candidate/rotate",
                                       token_from="/me/candidate").status_code == 302
    rita_view = scene.clients["rita"].get(f"/messages/{thread}").get_data(as_text=True)
    assert old_name in rita_view
    assert f"/candidates/{old_id}" not in rita_view  # the retired profile is gone
    scene.clients["zelda"].post(f"/messages/{thread}", {"body": "Still me"},
                                token_from=f"/messages/{thread}")
    assert conversations.thread(scene.ids["rita"], thread)["messages"][-1]["body"] == "Still me"


def test_contact_allowed_by_the_candidate_can_write_first(scene):
    carl = scene.clients["carl"]
    seen_id = scene.pseudonym_for("carl")
    assert carl.get(f"/candidates/{seen_id}").status_code == 404  # default: recruiters
    scene.clients["zelda"].post("/me/candidate/settings", {
        "headline": "", "seniority": "mid", "industry": "tech", "region": "europe",
        "member_reach": "1"}, token_from="/me/candidate")
    page = carl.get(f"/candidates/{seen_id}").get_data(as_text=True)
    assert 'name="job"' not in page  # no jobs to offer: not a recruiter
    response = carl.post(f"/candidates/{seen_id}/message", {"body": "Can refer you"},
                         token_from="/candidates")
    assert response.status_code == 302


def test_starting_conversations_is_rate_limited(scene, app):
    app.config["CONVERSATION_LIMIT"] = "2 per hour"
    rita = scene.clients["rita"]
    codes = [rita.post(f"/candidates/{scene.pseudonym_for('rita')}/message", {"body": f"Hi {i}"},
                       token_from="/candidates").status_code for i in range(3)]
    assert codes == [302, 302, 429]


def test_status_form_still_validates(scene):
    assert set_status(scene.clients["carl"], "desperate").status_code == 400
    assert scene.world.pseudonym_of(scene.ids["carl"]) is None
