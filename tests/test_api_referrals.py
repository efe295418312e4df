"""Referrals over the API: who fits, refer (idempotent, employees only), the candidate's
confirmation, the recruiter's moves, the record with points, the company's pipeline and
leaderboard, and who may see what."""
from __future__ import annotations

from .api_support import ApiClient, assert_problem, login_token
from .referral_support import world  # noqa: F401  (fixture)


def api_for(app, member) -> ApiClient:
    email = app.extensions["graph"].people.account(member.id).email
    return ApiClient(app, login_token(app, email))


def test_refer_confirm_move_and_points(app, world):  # noqa: F811
    rita, eve, carl = (api_for(app, m) for m in (world.recruiter, world.employee,
                                                  world.candidate))
    fits = eve.get("/api/v1/referrals/who-fits").json["items"]
    assert [row["job"]["id"] for row in fits] == [world.job_id]
    assert [f["id"] for f in eve.get(f"/api/v1/jobs/{world.job_id}/refer").json["friends"]] \
        == [world.candidate.id]
    assert_problem(carl.get(f"/api/v1/jobs/{world.job_id}/refer"), 403)
    assert_problem(carl.post(f"/api/v1/jobs/{world.job_id}/referrals",
                             json={"kind": "friend", "friendId": world.employee.id}), 403)
    bad = eve.post(f"/api/v1/jobs/{world.job_id}/referrals",
                   json={"kind": "friend", "friendId": world.recruiter.id})
    assert "friend" in assert_problem(bad, 400, "validation")["errors"]
    key = {"Idempotency-Key": "refer-carl-0123456789"}
    made = eve.post(f"/api/v1/jobs/{world.job_id}/referrals", headers=key,
                    json={"kind": "friend", "friendId": world.candidate.id, "note": "Strong"})
    assert made.status_code == 201
    repeat = eve.post(f"/api/v1/jobs/{world.job_id}/referrals", headers=key,
                      json={"kind": "friend", "friendId": world.candidate.id, "note": "Strong"})
    assert repeat.json == made.json
    referral_id = made.json["id"]
    assert_problem(rita.get(f"/api/v1/referrals/{referral_id}"), 404)  # not confirmed yet
    confirmed = carl.post(f"/api/v1/referrals/{referral_id}/confirm")
    assert confirmed.status_code == 200 and confirmed.json["role"] == "candidate"
    page = rita.get(f"/api/v1/referrals/{referral_id}").json
    assert page["canMove"] and page["referral"]["status"] == "submitted"
    assert_problem(eve.post(f"/api/v1/referrals/{referral_id}/move",
                            json={"stage": "reviewing"}), 403)
    wrong = rita.post(f"/api/v1/referrals/{referral_id}/move", json={"stage": "promoted"})
    assert "stage" in assert_problem(wrong, 400, "validation")["errors"]
    moved = rita.post(f"/api/v1/referrals/{referral_id}/move",
                      json={"stage": "interviewing", "comment": "Phone screen booked"})
    assert moved.json["referral"]["status"] == "interviewing"
    assert moved.json["history"][-1]["comment"] == "Phone screen booked"
    record = eve.get("/api/v1/referrals").json
    assert record["madeCount"] == 1 and record["points"] > 0
    assert [m["referral"]["id"] for m in record["made"]] == [referral_id]
    pipeline = rita.get(f"/api/v1/companies/{world.company_id}/referrals").json
    assert [r["referral"]["id"] for r in pipeline["items"]] == [referral_id]
    assert rita.get(f"/api/v1/companies/{world.company_id}/referrals?status=hired"
                    ).json["total"] == 0
    assert_problem(eve.get(f"/api/v1/companies/{world.company_id}/referrals"), 403)
    board = eve.get(f"/api/v1/companies/{world.company_id}/leaderboard").json
    assert [r["id"] for r in board["allTime"]] == [world.employee.id]
    assert_problem(carl.get(f"/api/v1/companies/{world.company_id}/leaderboard"), 403)


def test_a_stranger_sees_no_referral(app, world, members):  # noqa: F811
    eve, carl = api_for(app, world.employee), api_for(app, world.candidate)
    referral_id = eve.post(f"/api/v1/jobs/{world.job_id}/referrals",
                           json={"kind": "friend", "friendId": world.candidate.id}).json["id"]
    _, stranger_id = members.signup("Stan Stranger", "stan@example.com")
    stan = ApiClient(app, login_token(app, "stan@example.com"))
    assert stan.get(f"/api/v1/referrals/{referral_id}").get_data() == \
        stan.get("/api/v1/referrals/not-a-referral").get_data()
    assert_problem(stan.post(f"/api/v1/referrals/{referral_id}/confirm"), 404)
    declined = carl.post(f"/api/v1/referrals/{referral_id}/decline")
    assert declined.json["referral"]["status"] == "declined"
