"""Submitting referrals: who may refer whom, the candidate's confirmation before recruiters
see anything, duplicates (also concurrent), and the e-mail and in-app notices."""
from __future__ import annotations

import threading

import pytest

from graph.errors import Duplicate, Forbidden, Invalid

from .job_support import befriend, outbox_messages
from .referral_support import (confirm, member, query, refer, referral_id_from, set_status,
                               work_at)


def test_unconfirmed_referral_is_invisible_to_recruiters(app, world, outbox):
    set_status(world.candidate.client, "looking")
    referral_id = referral_id_from(refer(world.employee.client, world.job_id, world.candidate.id,
                                         "Carl built our graph search at his last job."))
    recruiter = world.recruiter.client
    # Before confirmation: no page, no row, no name; only an anonymous count.
    assert recruiter.get(f"/referrals/{referral_id}").status_code == 404
    listing = recruiter.get(f"/companies/{world.company_id}/referrals").get_data(as_text=True)
    assert "Carl Candidate" not in listing and "graph search" not in listing
    assert "1 more wait for their candidates" in listing
    assert app.extensions["graph"].referral_pipeline.company_referrals(
        world.recruiter.id, world.company_id, "", 0, 10)["total"] == 0
    # The candidate was asked, on the site and by e-mail.
    page = world.candidate.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "Eve Employee would like to refer you" in page and "Confirm the referral" in page
    [mail] = outbox_messages(outbox)
    assert mail["Subject"] == "Referral for Backend Engineer"
    assert f"/referrals/{referral_id}" in mail.get_payload(decode=True).decode()
    # Confirmed: now the recruiter sees the candidate, the note and the history.
    assert confirm(world.candidate.client, referral_id).status_code == 302
    page = recruiter.get(f"/referrals/{referral_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Carl Candidate" in html and "graph search" in html and "Submitted" in html
    assert "Actively looking" not in html  # the private job status never shows
    assert "Carl Candidate" in recruiter.get(f"/companies/{world.company_id}/referrals").get_data(as_text=True)
    texts = [n["text"] for n in query(app, "MATCH (:Person {id: $id})-[:NOTIFIED]->(n) RETURN n.text AS text",
                                      id=world.recruiter.id)]
    assert texts == ["New referral for Backend Engineer: Carl Candidate, referred by Eve Employee."]
    # One mail each: the request to the candidate, then the confirmation to referrer and recruiter.
    sent = sorted((m["To"], m["Subject"]) for m in outbox_messages(outbox))
    assert sent == [("member1@example.com", "Referral confirmed: Carl Candidate for Backend Engineer"),
                    ("member2@example.com", "Referral confirmed: Carl Candidate for Backend Engineer"),
                    ("member3@example.com", "Referral for Backend Engineer")]


def test_declined_referral_never_reaches_recruiters(app, world):
    referral_id = referral_id_from(refer(world.employee.client, world.job_id, world.candidate.id))
    page = f"/referrals/{referral_id}"
    assert world.candidate.client.post(f"{page}/decline", token_from=page).status_code == 302
    assert world.recruiter.client.get(page).status_code == 404
    assert "did not confirm" in world.employee.client.get(page).get_data(as_text=True)
    # Answered once: confirming afterwards is refused, nothing changes.
    assert confirm(world.candidate.client, referral_id).status_code == 400
    assert query(app, "MATCH (r:Referral) RETURN r.status AS s") == [{"s": "declined"}]


def test_only_current_employees_refer(app, members, world):
    outsider = member(members, "Otto Outsider")
    befriend(outsider.client, outsider.id, world.candidate.client, world.candidate.id)
    response = refer(outsider.client, world.job_id, world.candidate.id)
    assert response.status_code == 403
    assert "Only current employees of Acme can refer" in response.get_data(as_text=True)
    former = member(members, "Fern Former")
    work_at(former.client, "Acme", start="2015-01", end="2018-06")
    befriend(former.client, former.id, world.candidate.client, world.candidate.id)
    assert refer(former.client, world.job_id, world.candidate.id).status_code == 403
    assert outsider.client.get(f"/jobs/{world.job_id}/refer").status_code == 403
    assert query(app, "MATCH (r:Referral) RETURN count(r) AS n") == [{"n": 0}]


def test_self_and_strangers_cannot_be_referred(app, members, world):
    graph = app.extensions["graph"]
    stranger = member(members, "Sam Stranger")
    # The form offers friends only, so a forged choice is a form error...
    for target in (world.employee.id, stranger.id):
        response = refer(world.employee.client, world.job_id, target)
        assert response.status_code == 400
        assert "Choose one of your friends" in response.get_data(as_text=True)
    # ...and the repository refuses them on its own.
    with pytest.raises(Invalid, match="cannot refer yourself"):
        graph.referrals.refer_member(world.employee.id, world.job_id, world.employee.id, "")
    with pytest.raises(Forbidden, match="refer members who are your friends"):
        graph.referrals.refer_member(world.employee.id, world.job_id, stranger.id, "")
    with pytest.raises(Invalid, match="cannot refer yourself"):
        graph.referrals.refer_outside(world.employee.id, world.job_id, "Me", "member2@example.com", "")
    assert query(app, "MATCH (r:Referral) RETURN count(r) AS n") == [{"n": 0}]


def test_colleagues_and_closed_jobs_cannot_be_referred(app, members, world):
    colleague = member(members, "Cody Colleague")
    work_at(colleague.client, "Acme")
    befriend(world.employee.client, world.employee.id, colleague.client, colleague.id)
    with pytest.raises(Invalid, match="Cody Colleague already works at Acme"):
        app.extensions["graph"].referrals.refer_member(world.employee.id, world.job_id,
                                                       colleague.id, "")
    app.extensions["graph"].jobs.set_status(world.recruiter.id, world.job_id, "closed")
    response = refer(world.employee.client, world.job_id, world.candidate.id)
    assert response.status_code == 400
    assert "This job is closed" in response.get_data(as_text=True)
    assert query(app, "MATCH (r:Referral) RETURN count(r) AS n") == [{"n": 0}]


def test_daily_cap_on_referrals(app, members, world):
    app.extensions["graph"].config["REFERRALS_PER_DAY"] = 1
    friend = member(members, "Fay Friend")
    befriend(world.employee.client, world.employee.id, friend.client, friend.id)
    assert refer(world.employee.client, world.job_id, world.candidate.id).status_code == 302
    capped = refer(world.employee.client, world.job_id, friend.id)
    assert capped.status_code == 400 and "last 24 hours" in capped.get_data(as_text=True)


def test_unknown_job_is_404(world):
    assert refer(world.employee.client, "0" * 32, world.candidate.id).status_code == 404


def test_duplicate_referral_is_409_and_kept_once(app, world):
    assert refer(world.employee.client, world.job_id, world.candidate.id).status_code == 302
    again = refer(world.employee.client, world.job_id, world.candidate.id)
    assert again.status_code == 409
    assert "already referred this member for this job" in again.get_data(as_text=True)
    assert query(app, "MATCH (r:Referral) RETURN count(r) AS n") == [{"n": 1}]


def test_concurrent_duplicate_referrals_make_one(app, world):
    repo = app.extensions["graph"].referrals
    barrier = threading.Barrier(6)
    outcomes: list[str] = []

    def submit():
        barrier.wait()
        try:
            repo.refer_member(world.employee.id, world.job_id, world.candidate.id, "")
            outcomes.append("created")
        except Duplicate:
            outcomes.append("duplicate")

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created"] + ["duplicate"] * 5
    assert query(app, "MATCH (r:Referral) RETURN count(r) AS n") == [{"n": 1}]


def test_outside_candidate_by_email(app, members, world, outbox):
    url = f"/jobs/{world.job_id}/refer"
    response = world.employee.client.post(url, {"kind": "outside", "name": "Olga Outside",
                                                "email": "Olga@Mail.example", "note": "Ex-colleague"},
                                          token_from=url)
    referral_id = referral_id_from(response)
    [mail] = outbox_messages(outbox)
    assert mail["To"] == "olga@mail.example"
    body = mail.get_payload(decode=True).decode()
    assert "olga" not in body.split("/referrals/invitation/")[1].lower()  # no address in the link
    assert world.recruiter.client.get(f"/referrals/{referral_id}").status_code == 404
    bad = world.employee.client.post(url, {"kind": "outside", "name": "", "email": "nope"},
                                     token_from=url)
    assert bad.status_code == 400 and "Enter their name" in bad.get_data(as_text=True)
    again = world.employee.client.post(url, {"kind": "outside", "name": "Olga",
                                             "email": "olga@mail.example"}, token_from=url)
    assert again.status_code == 409
