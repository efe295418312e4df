"""Alerts and notification settings: friend-request notices, "jobs in your network"
alerts and saved-search alerts firing once per new match, the daily digest, and the
per-kind switches. End to end through the app against the real Neo4j."""
from __future__ import annotations

from .hiring_support import notices_of
from .job_support import befriend, outbox_messages, post_job
from .referral_support import member, query, set_skills, set_status


def _settings(client, off=(), job_alerts="app"):
    """Save the notification settings with every switch on except ``off``."""
    from graph.notices.preferences import CATEGORIES, CHANNELS
    data = {f"{c}:{ch}": "on" for c in CATEGORIES for ch in CHANNELS if f"{c}:{ch}" not in off}
    data["job_alerts"] = job_alerts
    return client.post("/me/notifications", data, token_from="/me/notifications")


def test_friend_requests_and_acceptances_become_notices(app, members):
    ann, ann_id = members.signup("Ann")
    bob, bob_id = members.signup("Bob")
    cat, cat_id = members.signup("Cat")
    befriend(ann, ann_id, bob, bob_id)
    assert "Ann sent you a friend request." in notices_of(app, bob_id)
    assert "Bob accepted your friend request." in notices_of(app, ann_id)
    # Bob switches friend-request notices off on the site: Cat's request makes none.
    assert _settings(bob, off={"friend_requests:app"}).status_code == 302
    assert cat.post(f"/people/{bob_id}/friend-request", token_from="/home").status_code == 302
    assert not any("Cat" in text for text in notices_of(app, bob_id))


def test_bad_settings_answer_400(app, members):
    client, _ = members.signup("Ann")
    response = _settings(client, job_alerts="hourly")
    assert response.status_code == 400
    assert client.raw_post("/me/notifications", {"job_alerts": "app"}).status_code == 400  # no CSRF


def test_job_alerts_fire_once_per_member_and_job(app, world, outbox):
    carl = world.candidate  # Carl is a friend of Eve, who works at Acme
    job_id = post_job(world.recruiter.client, world.company_id, title="Data Engineer")
    alerts = [t for t in notices_of(app, carl.id) if t.startswith("New job in your network")]
    assert alerts == ["New job in your network: Data Engineer at Acme."]
    assert not any(t.startswith("New job") for t in notices_of(app, world.employee.id))
    assert not any(t.startswith("New job") for t in notices_of(app, world.recruiter.id))
    with app.app_context():
        from recruit.alerts.work import fire_job_alerts
        assert fire_job_alerts(job_id) == 0  # a retry or a second run alerts nobody again
    assert len([t for t in notices_of(app, carl.id) if t.startswith("New job")]) == 1

    # Off: nothing; daily: the notice and the digest, mailed once.
    assert _settings(carl.client, job_alerts="off").status_code == 302
    post_job(world.recruiter.client, world.company_id, title="Site Reliability Engineer")
    assert not any("Site Reliability" in t for t in notices_of(app, carl.id))
    assert _settings(carl.client, job_alerts="daily").status_code == 302
    post_job(world.recruiter.client, world.company_id, title="Graph Engineer")
    assert any("Graph Engineer" in t for t in notices_of(app, carl.id))
    from recruit.alerts.work import send_alert_digests
    with app.test_request_context():
        assert send_alert_digests() == 1
        assert send_alert_digests() == 0
    mails = [m for m in outbox_messages(outbox) if "new alert" in m["Subject"]]
    assert len(mails) == 1 and "Graph Engineer" in mails[0].get_payload(decode=True).decode()


def test_digest_respects_the_email_switch(app, world, outbox):
    assert _settings(world.candidate.client, off={"alerts:email"}, job_alerts="daily").status_code == 302
    post_job(world.recruiter.client, world.company_id, title="Graph Engineer")
    from recruit.alerts.work import send_alert_digests
    with app.test_request_context():
        assert send_alert_digests() == 0
    assert not [m for m in outbox_messages(outbox) if "new alert" in m["Subject"]]


def test_saved_search_announces_each_new_match_once(app, members, world, outbox):
    befriend(world.recruiter.client, world.recruiter.id, world.employee.client, world.employee.id)
    early = member(members, "Early Seeker")  # matches before the search is saved
    befriend(world.employee.client, world.employee.id, early.client, early.id)
    set_skills(early.client, "Python")
    set_status(early.client, "looking")
    query(app, "MATCH (ps:Pseudonym) SET ps.visibleFrom = '2026-01-01T00:00:00+00:00'")
    saved = world.recruiter.client.post("/candidates/saved-searches", {"skills": "Python"},
                                        token_from="/candidates")
    assert saved.status_code == 302
    from recruit.alerts.work import check_saved_searches, send_alert_digests
    with app.app_context():
        assert check_saved_searches() == 0  # the early match was the baseline
    set_skills(world.candidate.client, "Python, Neo4j")
    set_status(world.candidate.client, "looking")
    query(app, "MATCH (ps:Pseudonym) SET ps.visibleFrom = '2026-01-01T00:00:00+00:00'")
    with app.app_context():
        assert check_saved_searches() == 1
        assert check_saved_searches() == 0
    texts = [t for t in notices_of(app, world.recruiter.id) if "saved search" in t]
    assert len(texts) == 1 and world.candidate.name not in texts[0]
    with app.test_request_context():
        assert send_alert_digests() >= 1
    # Someone else cannot delete the search.
    search_id = query(app, "MATCH (s:SavedSearch) RETURN s.id AS id")[0]["id"]
    assert world.employee.client.post(f"/candidates/saved-searches/{search_id}/delete",
                                      token_from="/home").status_code == 404
    assert world.recruiter.client.post(f"/candidates/saved-searches/{search_id}/delete",
                                       token_from="/home").status_code == 302


def test_alert_schedule_times():
    from datetime import datetime

    from recruit.tasks.scheduled import alert_digests, saved_search_alerts, sweep_resumes

    assert alert_digests.s().validate_datetime(datetime(2026, 3, 1, 7, 0))
    assert not alert_digests.s().validate_datetime(datetime(2026, 3, 1, 8, 0))
    assert saved_search_alerts.s().validate_datetime(datetime(2026, 3, 1, 17, 15))
    assert sweep_resumes.s().validate_datetime(datetime(2026, 3, 1, 17, 35))
    assert not sweep_resumes.s().validate_datetime(datetime(2026, 3, 1, 17, 36))


def test_referral_email_follows_the_switch(app, world, outbox):
    from .referral_support import refer
    assert _settings(world.candidate.client, off={"referrals:email"}).status_code == 302
    assert refer(world.employee.client, world.job_id, world.candidate.id).status_code == 302
    assert not [m for m in outbox_messages(outbox) if m["To"] == "member3@example.com"]
    assert any("wants to refer you" in t for t in notices_of(app, world.candidate.id))
