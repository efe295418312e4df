"""One pipeline per job: applications and referrals on one board, moves by POST with
CSRF, rejections with a reason the candidate may or may not be told."""
from __future__ import annotations

import pytest

from graph.hiring.board import days_in_stage
from graph.hiring.rejections import REASONS, rejection_text

from .hiring_support import application_of, apply, move_card, notices_of
from .referral_support import confirmed_referral, member, query


@pytest.fixture(autouse=True)
def resume_dir(app, tmp_path):
    app.config["RESUME_DIR"] = str(tmp_path / "resumes")


def _column(html: str, stage: str) -> str:
    """The HTML of one board column."""
    start = html.index(f'id="stage-{stage}"')
    end = html.find('<section class="column"', start)
    return html[start:end if end != -1 else len(html)]


def test_board_holds_applications_and_referrals_and_moves_them(app, members, world):
    referral_id = confirmed_referral(world)  # Eve refers Carl
    dora = member(members, "Dora Direct")
    assert apply(dora.client, world.job_id).status_code == 302
    app_id = application_of(app, dora.id, world.job_id)["id"]
    board_url = f"/jobs/{world.job_id}/board"
    html = world.recruiter.client.get(board_url).get_data(as_text=True)
    submitted = _column(html, "submitted")
    assert "Carl Candidate" in submitted and "Referral" in submitted and "Eve Employee" in submitted
    assert "Dora Direct" in submitted and "Applied" in submitted
    assert "0 days in this stage" in submitted

    assert move_card(world.recruiter.client, world.job_id, "application", app_id,
                     "interviewing", comment="See you Tuesday.").status_code == 302
    assert move_card(world.recruiter.client, world.job_id, "referral", referral_id,
                     "reviewing").status_code == 302
    html = world.recruiter.client.get(board_url).get_data(as_text=True)
    assert "Dora Direct" in _column(html, "interviewing")
    assert "Carl Candidate" in _column(html, "reviewing")
    assert "See you Tuesday." in notices_of(app, dora.id)[0]
    # The referral kept its own history and points.
    assert query(app, "MATCH (:Referral {id: $id})-[:HAS_EVENT]->(e {stage: 'reviewing'}) "
                      "RETURN count(e) AS n", id=referral_id)[0]["n"] == 1
    assert query(app, "MATCH (a:PointAward) RETURN sum(a.points) AS n")[0]["n"] > 0

    table = world.recruiter.client.get(board_url + "?view=table").get_data(as_text=True)
    assert "Dora Direct" in table and "Carl Candidate" in table and "<table" in table


def test_board_and_moves_are_for_the_jobs_recruiters_only(app, members, world):
    dora = member(members, "Dora Direct")
    assert apply(dora.client, world.job_id).status_code == 302
    app_id = application_of(app, dora.id, world.job_id)["id"]
    for client in (dora.client, world.employee.client, world.candidate.client):
        assert client.get(f"/jobs/{world.job_id}/board").status_code == 404
        assert move_card(client, world.job_id, "application", app_id, "offer").status_code == 404
    assert application_of(app, dora.id, world.job_id)["status"] == "submitted"
    # No state change without a CSRF token, nor on GET.
    url = f"/jobs/{world.job_id}/board/application/{app_id}/move"
    assert world.recruiter.client.raw_post(url, {"stage": "offer"}).status_code == 400
    assert world.recruiter.client.get(url).status_code == 405
    assert application_of(app, dora.id, world.job_id)["status"] == "submitted"


@pytest.mark.parametrize("data, message", [
    ({"stage": "hired-ish"}, "Not a valid choice"),
    ({"stage": "reviewing", "reason": "skills"}, "goes with “Not selected” only"),
    ({"stage": "not_selected", "reason": "made-up"}, "Not a valid choice"),
    ({"stage": "submitted"}, "already at"),
])
def test_bad_moves_answer_400_with_a_message(app, members, world, data, message):
    dora = member(members, "Dora Direct")
    assert apply(dora.client, world.job_id).status_code == 302
    app_id = application_of(app, dora.id, world.job_id)["id"]
    response = move_card(world.recruiter.client, world.job_id, "application", app_id, **data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("hide", [False, True])
def test_rejection_is_kind_and_hides_the_reason_on_request(app, members, world, hide):
    dora = member(members, "Dora Direct")
    assert apply(dora.client, world.job_id).status_code == 302
    app_id = application_of(app, dora.id, world.job_id)["id"]
    extra = {"reason": "salary", "comment": "Thank you for your time."}
    if hide:
        extra["hide_reason"] = "y"
    assert move_card(world.recruiter.client, world.job_id, "application", app_id,
                     "not_selected", **extra).status_code == 302
    text = notices_of(app, dora.id)[0]
    assert text.startswith("Thank you for your interest") and "Thank you for your time." in text
    assert (REASONS["salary"].lower() in text) is (not hide)
    mine = dora.client.get("/applications").get_data(as_text=True)
    assert REASONS["salary"] not in mine and "Not selected" in mine
    # The reason stays on the company's record.
    assert query(app, "MATCH (:Application {id: $id})-[:HAS_EVENT]->(e {stage: 'not_selected'}) "
                      "RETURN e.reason AS r, e.reasonHidden AS h", id=app_id)[0] == {
        "r": "salary", "h": hide}


def test_referral_rejection_hides_the_reason_from_the_candidate(app, world):
    referral_id = confirmed_referral(world)
    assert move_card(world.recruiter.client, world.job_id, "referral", referral_id,
                     "not_selected", reason="filled", hide_reason="y").status_code == 302
    candidate_notice = notices_of(app, world.candidate.id)[0]
    assert "Thank you for your interest" in candidate_notice
    assert REASONS["filled"].lower() not in candidate_notice
    page = world.candidate.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "filled" not in page
    recruiter_page = world.recruiter.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "filled" in recruiter_page


def test_days_in_stage_and_rejection_text_are_pure_rules():
    assert days_in_stage("2026-01-01T00:00:00+00:00", "2026-01-04T12:00:00+00:00") == 3
    assert days_in_stage(None, "2026-01-04T12:00:00+00:00") == 0
    shown = rejection_text("Engineer", "Acme", "skills", False, "")
    assert REASONS["skills"].lower() in shown
    assert REASONS["skills"].lower() not in rejection_text("Engineer", "Acme", "skills", True, "")


def test_a_new_jobs_empty_board_opens_for_its_recruiter_and_stays_hidden_from_others(members, world):
    """The job page links a fresh job's recruiter to its board: with no card yet it must
    open (it answered 404, a dead link the browser journey found), and still answer 404
    to anyone who is not a recruiter of the company."""
    board = f"/jobs/{world.job_id}/board"
    response = world.recruiter.client.get(board)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert world.employee.client.get(board).status_code == 404
    assert world.candidate.client.get(board).status_code == 404
