"""The pipeline: who may move a referral, history and notices, points awarded exactly once
per referral and stage, the leaderboard and the referral record."""
from __future__ import annotations

import threading

from graph.referrals.stages import DEFAULT_POINTS

from .job_support import ask_to_recruit, confirm_work_email, create_company, outbox_messages
from .referral_support import confirmed_referral, member, move, query, work_at


def _points(app, person_id):
    rows = query(app, "MATCH (:Person {id: $id})-[:EARNED]->(a:PointAward) "
                      "RETURN a.stage AS stage, a.points AS points ORDER BY a.points", id=person_id)
    return [(r["stage"], r["points"]) for r in rows]


def test_recruiter_moves_with_history_and_notices(app, world, outbox):
    referral_id = confirmed_referral(world)
    response = move(world.recruiter.client, referral_id, "reviewing", "Strong CV, calling Monday.")
    assert response.status_code == 302
    page = world.candidate.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "Reviewing" in page and "Strong CV, calling Monday." in page and "by Rita Recruiter" in page
    referrer_page = world.employee.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "Reviewing" in referrer_page and "5 points" in referrer_page
    notices = query(app, "MATCH (p:Person)-[:NOTIFIED]->(n {kind: 'referral.moved'}) "
                         "RETURN p.name AS name, n.text AS text ORDER BY p.name")
    assert [n["name"] for n in notices] == ["Carl Candidate", "Eve Employee"]
    assert "You earned 5 points." in notices[1]["text"]
    assert "You earned" not in notices[0]["text"]
    mails = [m for m in outbox_messages(outbox) if m["Subject"] == "Backend Engineer: Reviewing"]
    assert sorted(m["To"] for m in mails) == ["member2@example.com", "member3@example.com"]
    history = query(app, "MATCH (:Referral {id: $id})-[:HAS_EVENT]->(e) RETURN e.stage AS s "
                         "ORDER BY e.seq", id=referral_id)
    assert [h["s"] for h in history] == ["awaiting_candidate", "submitted", "reviewing"]


def test_who_may_move(app, members, world):
    referral_id = confirmed_referral(world)
    rival = member(members, "Ron Rival")
    rival_company = create_company(rival.client, "Rival", "rival.example")
    ask_to_recruit(rival.client, rival_company)
    colleague = member(members, "Cody Colleague")   # works at Acme, not a recruiter
    work_at(colleague.client, "Acme")
    pending = member(members, "Pat Pending")         # asked to recruit, not approved
    ask_to_recruit(pending.client, world.company_id)
    assert move(world.employee.client, referral_id, "hired").status_code == 403   # referrer
    assert move(world.candidate.client, referral_id, "hired").status_code == 403  # candidate
    for outsider in (rival, colleague, pending):
        assert move(outsider.client, referral_id, "hired").status_code == 404
        assert outsider.client.get(f"/referrals/{referral_id}").status_code == 404
    assert rival.client.get(f"/companies/{world.company_id}/referrals").status_code == 403
    assert colleague.client.get(f"/companies/{world.company_id}/referrals").status_code == 403
    assert world.recruiter.client.raw_post(f"/referrals/{referral_id}/move",
                                           {"stage": "hired"}).status_code == 400  # no CSRF token
    assert move(world.recruiter.client, referral_id, "promoted").status_code == 400
    assert query(app, "MATCH (r:Referral) RETURN r.status AS s") == [{"s": "submitted"}]
    assert _points(app, world.employee.id) == []


def test_recruiter_who_referred_cannot_move_own_referral(app, members, world):
    # Rita recruits for Acme and works there; she refers her friend Fay.
    from .job_support import befriend
    work_at(world.recruiter.client, "Acme")
    fay = member(members, "Fay Friend")
    befriend(world.recruiter.client, world.recruiter.id, fay.client, fay.id)
    result = app.extensions["graph"].referrals.refer_member(world.recruiter.id, world.job_id, fay.id, "")
    referral_id = result["referral"]["id"]
    app.extensions["graph"].referrals.answer(fay.id, referral_id, True)
    response = move(world.recruiter.client, referral_id, "hired")
    assert response.status_code == 403
    assert "another recruiter of Acme must move it" in response.get_data(as_text=True)


def test_points_awarded_once_per_stage(app, world):
    referral_id = confirmed_referral(world)
    for stage in ("reviewing", "interviewing", "reviewing", "interviewing", "submitted",
                  "offer", "interviewing", "offer", "hired", "offer", "hired"):
        assert move(world.recruiter.client, referral_id, stage).status_code == 302
    assert _points(app, world.employee.id) == [("reviewing", 5), ("interviewing", 20),
                                               ("offer", 50), ("hired", 200)]
    assert query(app, "MATCH (a:PointAward) RETURN count(a) AS n") == [{"n": 4}]
    # Moving to the same stage again is refused and awards nothing.
    assert move(world.recruiter.client, referral_id, "hired").status_code == 400
    assert sum(p for _, p in _points(app, world.employee.id)) == 275


def test_skipping_stages_counts_the_stages_passed(app, world):
    referral_id = confirmed_referral(world)
    assert move(world.recruiter.client, referral_id, "offer").status_code == 302
    assert _points(app, world.employee.id) == [("reviewing", 5), ("interviewing", 20), ("offer", 50)]


def test_not_selected_awards_nothing(app, world):
    referral_id = confirmed_referral(world)
    assert move(world.recruiter.client, referral_id, "not_selected").status_code == 302
    assert _points(app, world.employee.id) == []


def test_points_are_configurable(app, world):
    app.extensions["graph"].config["REFERRAL_POINTS"] = {**DEFAULT_POINTS, "reviewing": 0, "hired": 7}
    referral_id = confirmed_referral(world)
    move(world.recruiter.client, referral_id, "hired")
    assert _points(app, world.employee.id) == [("hired", 7), ("interviewing", 20), ("offer", 50)]


def test_concurrent_moves_award_once(app, members, world):
    second = member(members, "Sid Second Recruiter")
    ask_to_recruit(second.client, world.company_id)
    world.recruiter.client.post(f"/companies/{world.company_id}/recruiters/{second.id}/approve",
                                token_from=f"/companies/{world.company_id}/manage")
    # An approved recruiter also needs a work e-mail on the company's domain.
    confirm_work_email(second.client, "sid@acme.example")
    referral_id = confirmed_referral(world)
    pipeline = app.extensions["graph"].referral_pipeline
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def hire(recruiter_id):
        barrier.wait()
        try:
            pipeline.move(recruiter_id, referral_id, "hired")
            outcomes.append("moved")
        except Exception as exc:  # the loser finds it already hired
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=hire, args=(rid,)) for rid in (world.recruiter.id, second.id)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["Invalid", "moved"]
    assert sum(p for _, p in _points(app, world.employee.id)) == 275
    assert query(app, "MATCH (a:PointAward) RETURN count(a) AS n") == [{"n": 4}]


def test_leaderboard_this_month_and_all_time(app, members, world):
    graph = app.extensions["graph"]
    referral_id = confirmed_referral(world)
    graph.referral_pipeline.move(world.recruiter.id, referral_id, "interviewing",
                                 now="2026-03-05T10:00:00+00:00")
    graph.referral_pipeline.move(world.recruiter.id, referral_id, "hired",
                                 now="2026-04-02T10:00:00+00:00")
    board = graph.referral_credit.leaderboard(world.employee.id, world.company_id,
                                              now="2026-04-20T10:00:00+00:00")
    assert board["allTime"] == [{"id": world.employee.id, "name": "Eve Employee",
                                 "points": 275, "hires": 1}]
    assert board["month"] == [{"id": world.employee.id, "name": "Eve Employee",
                               "points": 250, "hires": 1}]
    world.employee.client.get("/home")  # shows (and clears) the flash naming the candidate
    html = world.employee.client.get(f"/companies/{world.company_id}/leaderboard").get_data(as_text=True)
    assert "Eve Employee" in html and "275" in html and "Carl Candidate" not in html
    outsider = member(members, "Otto Outsider")
    assert outsider.client.get(f"/companies/{world.company_id}/leaderboard").status_code == 403
    assert outsider.client.get(f"/companies/{'0' * 32}/leaderboard").status_code == 404
    assert world.recruiter.client.get(f"/companies/{world.company_id}/leaderboard").status_code == 200


def test_referral_record(world):
    referral_id = confirmed_referral(world)
    move(world.recruiter.client, referral_id, "hired")
    html = world.employee.client.get("/referrals").get_data(as_text=True)
    assert "<strong>275</strong> points" in html and "<strong>1</strong> hired" in html
    assert "Carl Candidate" in html and "Hired" in html
    mine = world.candidate.client.get("/referrals").get_data(as_text=True)
    assert "Backend Engineer at Acme" in mine and "Eve Employee" in mine
