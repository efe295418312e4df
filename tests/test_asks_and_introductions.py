"""Asking a friend for a referral, and introductions through a mutual friend: the happy
paths, the quiet declines, no reminders, and who may see what."""
from __future__ import annotations

import re

import pytest

from graph.base import utc_now
from graph.referrals.stages import iso_after

from .job_support import befriend
from .referral_support import member, query, referral_id_from, work_at


def _ask(client, job_id, friend_id, message="Would you refer me?"):
    url = f"/jobs/{job_id}/ask"
    return client.post(url, {"friend": friend_id, "message": message}, token_from=url)


def _notices(app, person_id, kind_prefix):
    return query(app, "MATCH (:Person {id: $id})-[:NOTIFIED]->(n) WHERE n.kind STARTS WITH $k "
                      "RETURN n.text AS text", id=person_id, k=kind_prefix)


def _notices_but_friendships(app, person_id):
    """Every notice except those of the friend requests the test's set-up made."""
    return query(app, "MATCH (:Person {id: $id})-[:NOTIFIED]->(n) "
                      "WHERE NOT n.kind STARTS WITH 'friend.' RETURN n.text AS text", id=person_id)


def test_friend_refers_the_asker(app, world):
    seeker = world.candidate   # Carl is Eve's friend and does not work at Acme
    assert _ask(seeker.client, world.job_id, world.employee.id).status_code == 302
    assert _notices(app, world.employee.id, "referral.ask") == [
        {"text": "Carl Candidate asks you for a referral for Backend Engineer at Acme."}]
    asks_page = world.employee.client.get("/referrals/asks").get_data(as_text=True)
    assert "Would you refer me?" in asks_page
    [ask_id] = [r["id"] for r in query(app, "MATCH (a:ReferralAsk) RETURN a.id AS id")]
    response = world.employee.client.post(f"/referrals/asks/{ask_id}/refer",
                                          {"note": "Worked with Carl for 3 years."},
                                          token_from="/referrals/asks")
    referral_id = referral_id_from(response)
    # He asked, so it is confirmed at once and the recruiter sees it.
    page = world.recruiter.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "Carl Candidate" in page and "the candidate asked for it" in page
    assert "referred" in seeker.client.get("/referrals/asks").get_data(as_text=True)
    assert query(app, "MATCH (a:ReferralAsk)-[:RESULTED_IN]->(r:Referral) RETURN a.status AS s, "
                      "a.pendingKey AS k, r.status AS r") == [{"s": "referred", "k": None, "r": "submitted"}]


def test_declined_ask_is_quiet_and_never_repeated(app, members, world):
    seeker = world.candidate
    assert _ask(seeker.client, world.job_id, world.employee.id).status_code == 302
    # One open ask per job: asking another friend now waits.
    ed = member(members, "Ed Second")
    work_at(ed.client, "Acme")
    befriend(ed.client, ed.id, seeker.client, seeker.id)
    assert _ask(seeker.client, world.job_id, ed.id).status_code == 409
    [ask_id] = [r["id"] for r in query(app, "MATCH (a:ReferralAsk) RETURN a.id AS id")]
    declined = world.employee.client.post(f"/referrals/asks/{ask_id}/decline", {"note": ""},
                                          token_from="/referrals/asks")
    assert declined.status_code == 302
    assert _notices_but_friendships(app, seeker.id) == []   # no notice of a decline
    # Until the ask would have expired, a decline looks exactly like silence:
    # "waiting" on the list, and asking someone else about the job still waits.
    mine = seeker.client.get("/referrals/asks").get_data(as_text=True)
    assert "waiting" in mine and "not referred" not in mine and "declined" not in mine.lower()
    assert _ask(seeker.client, world.job_id, ed.id).status_code == 409
    again = _ask(seeker.client, world.job_id, world.employee.id)
    assert again.status_code == 409 and "no reminders" in again.get_data(as_text=True).lower()
    # After the expiry both read "not referred", and someone else may be asked.
    asks = app.extensions["graph"].referral_asks
    later = iso_after(utc_now(), 15)
    [sent] = asks.lists(seeker.id, now=later)["sent"]
    assert sent["state"] == "not_referred"
    assert asks.ask(seeker.id, "Seeker", world.job_id, ed.id, "", now=later)["friend"]
    assert query(app, "MATCH (r:Referral) RETURN count(r) AS n") == [{"n": 0}]


def _without_tokens(html: str) -> str:
    """A page without its CSRF token values (signed afresh on each render)."""
    return re.sub(r'name="csrf_token"[^>]*value="[^"]*"', "", html)


def test_declined_and_unanswered_asks_look_alike_to_the_asker(app, members, world):
    """The asker's list, the ask's state and a second ask answer the same
    whether the friend declined or has not answered yet."""
    seeker = world.candidate
    ed = member(members, "Ed Second")
    work_at(ed.client, "Acme")
    befriend(ed.client, ed.id, seeker.client, seeker.id)
    assert _ask(seeker.client, world.job_id, world.employee.id).status_code == 302
    seeker.client.get("/referrals/asks")   # shows (and so clears) the "Asked ..." message
    before = seeker.client.get("/referrals/asks").get_data(as_text=True)
    blocked_before = _ask(seeker.client, world.job_id, ed.id)
    [ask_id] = [r["id"] for r in query(app, "MATCH (a:ReferralAsk) RETURN a.id AS id")]
    assert world.employee.client.post(f"/referrals/asks/{ask_id}/decline", {"note": ""},
                                      token_from="/referrals/asks").status_code == 302
    after = seeker.client.get("/referrals/asks").get_data(as_text=True)
    blocked_after = _ask(seeker.client, world.job_id, ed.id)
    assert _without_tokens(before) == _without_tokens(after)
    assert blocked_before.status_code == blocked_after.status_code == 409
    # (CSRF tokens are signed with the time, so they are compared without.)
    assert _without_tokens(blocked_before.get_data(as_text=True)) == \
        _without_tokens(blocked_after.get_data(as_text=True))


def test_ask_rules(app, members, world):
    stranger = member(members, "Sam Stranger")
    assert _ask(stranger.client, world.job_id, world.employee.id).status_code == 400  # not a choice
    with pytest.raises(Exception, match="ask your friends"):
        app.extensions["graph"].referral_asks.ask(stranger.id, "Sam", world.job_id,
                                                  world.employee.id, "")
    friend_elsewhere = member(members, "Fritz Elsewhere")
    befriend(world.candidate.client, world.candidate.id, friend_elsewhere.client, friend_elsewhere.id)
    with pytest.raises(Exception, match="does not work at Acme"):
        app.extensions["graph"].referral_asks.ask(world.candidate.id, "Carl", world.job_id,
                                                  friend_elsewhere.id, "")
    page = world.employee.client.get(f"/jobs/{world.job_id}/ask").get_data(as_text=True)
    assert "refer someone" in page   # employees refer rather than ask
    assert _ask(world.candidate.client, "0" * 32, world.employee.id).status_code == 404
    assert query(app, "MATCH (a:ReferralAsk) RETURN count(a) AS n") == [{"n": 0}]


def test_someone_elses_ask_cannot_be_answered(app, members, world):
    _ask(world.candidate.client, world.job_id, world.employee.id)
    [ask_id] = [r["id"] for r in query(app, "MATCH (a:ReferralAsk) RETURN a.id AS id")]
    other = member(members, "Olly Other")
    work_at(other.client, "Acme")
    response = other.client.post(f"/referrals/asks/{ask_id}/refer", {"note": ""}, token_from="/referrals/asks")
    assert response.status_code == 404
    assert query(app, "MATCH (a:ReferralAsk) RETURN a.status AS s") == [{"s": "pending"}]


@pytest.fixture
def trio(members):
    """Rae - Mo - Tia: Rae and Tia are 2nd degree through Mo; Ned is Rae's and Tia's too."""
    rae, mo, tia, ned = (member(members, n) for n in ("Rae Requester", "Mo Middle",
                                                     "Tia Target", "Ned Neighbour"))
    befriend(rae.client, rae.id, mo.client, mo.id)
    befriend(mo.client, mo.id, tia.client, tia.id)
    befriend(rae.client, rae.id, ned.client, ned.id)
    befriend(ned.client, ned.id, tia.client, tia.id)
    return rae, mo, tia, ned


def _request(client, target_id, via_id, message="I'd love to hear about your work on graphs."):
    url = f"/people/{target_id}/introduction"
    return client.post(url, {"via": via_id, "message": message}, token_from=url)


def _intro_id(app):
    return query(app, "MATCH (i:Introduction) RETURN i.id AS id ORDER BY i.createdAt DESC")[0]["id"]


def test_forwarded_introduction_lets_the_two_talk(app, trio):
    rae, mo, tia, _ = trio
    assert _request(rae.client, tia.id, mo.id).status_code == 302
    intro = _intro_id(app)
    assert tia.client.get(f"/introductions/{intro}").status_code == 404   # not forwarded yet
    assert len(_notices(app, mo.id, "introduction.request")) == 1
    page = f"/introductions/{intro}"
    assert mo.client.post(f"{page}/forward", {"note": "You two should meet."}, token_from=page).status_code == 302
    assert _notices(app, tia.id, "introduction.forwarded") == [{"text": "Mo Middle introduced you to Rae Requester."}]
    tia_page = tia.client.get(page).get_data(as_text=True)
    assert "work on graphs" in tia_page and "You two should meet." in tia_page and "Connect with Rae" in tia_page
    assert tia.client.post(f"{page}/messages", {"text": "Happy to chat!"}, token_from=page).status_code == 302
    assert rae.client.post(f"{page}/messages", {"text": "Thanks, Tia."}, token_from=page).status_code == 302
    assert mo.client.post(f"{page}/messages", {"text": "Me too"}, token_from=page).status_code == 404
    thread = rae.client.get(page).get_data(as_text=True)
    assert thread.index("Happy to chat!") < thread.index("Thanks, Tia.")
    assert "Me too" not in thread
    assert "Happy to chat!" not in mo.client.get(page).get_data(as_text=True)  # private to the two
    # Connecting uses the ordinary friend request.
    assert tia.client.post(f"/people/{rae.id}/friend-request").status_code == 302
    assert rae.client.post(f"/people/{tia.id}/accept").status_code == 302


def test_declined_introduction_is_quiet(app, trio):
    rae, mo, tia, ned = trio
    _request(rae.client, tia.id, mo.id)
    intro = _intro_id(app)
    page = f"/introductions/{intro}"
    assert mo.client.post(f"{page}/decline", token_from=page).status_code == 302
    assert _notices_but_friendships(app, rae.id) == [] and _notices_but_friendships(app, tia.id) == []
    # Until the request would have expired, a decline looks like silence.
    mine = rae.client.get("/introductions").get_data(as_text=True)
    assert "waiting" in mine and "not forwarded" not in mine and "declin" not in mine.lower()
    assert "waiting for Mo" in rae.client.get(page).get_data(as_text=True)
    assert tia.client.get(page).status_code == 404     # the target never learns of it
    again = _request(rae.client, tia.id, mo.id)
    assert again.status_code == 409 and "no reminders" in again.get_data(as_text=True).lower()
    assert _request(rae.client, tia.id, ned.id).status_code == 409   # still "waiting"
    intros = app.extensions["graph"].introductions
    later = iso_after(utc_now(), 15)
    assert intros.page(rae.id, intro, now=later)["state"] == "not_forwarded"
    assert intros.request(rae.id, tia.id, ned.id, "Hello", now=later)["via"]
    assert mo.client.post(f"{page}/forward", {"note": ""}, token_from=page).status_code == 404


def test_unanswered_request_expires_like_a_decline(app, trio):
    rae, mo, tia, ned = trio
    intros = app.extensions["graph"].introductions
    old = intros.request(rae.id, tia.id, mo.id, "Hello", now="2026-01-01T09:00:00+00:00")["id"]
    later = "2026-01-20T09:00:00+00:00"   # past the 14-day expiry
    assert intros.page(rae.id, old, now="2026-01-05T09:00:00+00:00")["state"] == "waiting"
    assert intros.page(rae.id, old, now=later)["state"] == "not_forwarded"
    assert intros.lists(mo.id, now=later)["toForward"] == []   # no longer asks anything of Mo
    with pytest.raises(Exception, match="No such|no open"):
        intros.forward(mo.id, old, now=later)
    # The expired request no longer blocks a new one through someone else.
    assert intros.request(rae.id, tia.id, ned.id, "Hello again", now=later)["via"] == "Ned Neighbour"


def test_introduction_rules(app, members, trio):
    rae, mo, tia, _ = trio
    stranger = member(members, "Sam Stranger")
    assert rae.client.get(f"/people/{mo.id}/introduction").status_code == 400        # a friend
    assert rae.client.get(f"/people/{stranger.id}/introduction").status_code == 400   # 3rd+
    assert rae.client.get(f"/people/{'0' * 32}/introduction").status_code == 404
    assert _request(rae.client, tia.id, stranger.id).status_code == 400              # not mutual
    with pytest.raises(Exception, match="in common"):
        app.extensions["graph"].introductions.request(rae.id, tia.id, stranger.id, "hi")
    assert _request(rae.client, tia.id, mo.id, message="").status_code == 400
    assert _request(rae.client, tia.id, mo.id, message="x" * 1001).status_code == 400
    assert query(app, "MATCH (i:Introduction) RETURN count(i) AS n") == [{"n": 0}]
    assert stranger.client.get(f"/introductions/{'0' * 32}").status_code == 404
