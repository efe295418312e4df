"""The hiring loop over the API: applying (as oneself, under a pseudonym, with the page's
résumé checks), one's applications, withdrawing; the recruiters' board, moves with a
hidden reason, the résumé download; candidates by fit and shortlists. Each rule is also
probed as an attacker would: another member's application, board, résumé or shortlist
answers 404, exactly like a missing id."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from .api_support import ApiClient, assert_problem, login_token
from .candidate_fixtures import scoped_for
from .hiring_support import notices_of, resume_pdf
from .referral_support import member, query, set_status
from .referral_support import world  # noqa: F401  (fixture)

MISSING = "0" * 32


@pytest.fixture(autouse=True)
def resume_dir(app, tmp_path):
    """Each test keeps its résumés in its own folder."""
    app.config["RESUME_DIR"] = str(tmp_path / "resumes")


def api_for(app, person) -> ApiClient:
    email = app.extensions["graph"].people.account(person.id).email
    return ApiClient(app, login_token(app, email))


def api_apply(api: ApiClient, job_id: str, mode: str = "self", pdf: bytes | None = None,
              key: str | None = None, note: str = ""):
    """``POST /jobs/{id}/applications`` as multipart/form-data."""
    data = {"mode": mode, "note": note}
    if pdf is not None:
        data["resume"] = (io.BytesIO(pdf), "cv.pdf")
    headers = {"Idempotency-Key": key} if key else {}
    return api.client.post(f"/api/v1/jobs/{job_id}/applications", data=data,
                           headers=api._headers(headers), content_type="multipart/form-data")


def stored_resumes(app) -> list[Path]:
    folder = Path(app.config["RESUME_DIR"])
    return sorted(folder.glob("*.pdf")) if folder.exists() else []


def test_apply_with_resume_follow_and_withdraw(app, world):  # noqa: F811
    carl, rita = api_for(app, world.candidate), api_for(app, world.recruiter)
    pdf = resume_pdf()
    key = "apply-carl-0123456789"
    made = api_apply(carl, world.job_id, pdf=pdf, key=key, note="Keen on graphs.")
    assert made.status_code == 201, made.get_data(as_text=True)
    assert made.json["status"] == "submitted" and made.json["mode"] == "self"
    # A retry with the same key answers as the first call and stores no second file.
    again = api_apply(carl, world.job_id, pdf=pdf, key=key)
    assert again.status_code == 201 and again.json == made.json
    assert len(stored_resumes(app)) == 1
    # Without the key, a second application for the job is a conflict.
    assert_problem(api_apply(carl, world.job_id), 409)
    application_id = made.json["id"]

    mine = carl.get("/api/v1/applications").json
    assert mine["total"] == 1 and mine["next"] is None
    [row] = mine["items"]
    assert row["application"]["id"] == application_id and row["application"]["hasResume"]
    assert row["job"]["id"] == world.job_id and row["company"]["name"] == "Acme"

    board = rita.get(f"/api/v1/jobs/{world.job_id}/board").json
    [card] = board["cards"]
    assert (card["kind"], card["id"], card["source"]) == ("application", application_id,
                                                          "application")
    assert card["candidate"] == {"id": world.candidate.id, "name": "Carl Candidate"}
    assert card["resumeFrom"] == application_id and "Python" in card["resumeSkills"]
    assert "since" not in card  # the page shows days in the stage, not the moment
    resume = rita.get(f"/api/v1/applications/{application_id}/resume")
    assert resume.status_code == 200 and resume.data == pdf
    assert resume.headers["Content-Type"] == "application/pdf"

    moved = rita.post(f"/api/v1/jobs/{world.job_id}/board/application/{application_id}/move",
                      json={"stage": "not_selected", "reason": "salary", "hideReason": True,
                            "comment": "Thank you."})
    assert moved.status_code == 204, moved.get_data(as_text=True)
    assert carl.get("/api/v1/applications").json["items"][0]["application"]["status"] \
        == "not_selected"
    told = notices_of(app, world.candidate.id)[0]
    assert "Thank you." in told and "alary" not in told  # the hidden reason stays hidden
    bad = rita.post(f"/api/v1/jobs/{world.job_id}/board/application/{application_id}/move",
                    json={"stage": "promoted"})
    assert "stage" in assert_problem(bad, 400, "validation")["errors"]

    assert carl.post(f"/api/v1/applications/{application_id}/withdraw").status_code == 400
    assert stored_resumes(app)  # not withdrawable once decided: the file stays


def test_withdraw_deletes_the_resume_and_bad_files_are_refused(app, world):  # noqa: F811
    carl = api_for(app, world.candidate)
    refused = api_apply(carl, world.job_id, pdf=b"GIF89a not a pdf")
    assert "PDF" in assert_problem(refused, 400)["detail"]
    assert stored_resumes(app) == []
    assert query(app, "MATCH (a:Application) RETURN count(a) AS n")[0]["n"] == 0
    assert "mode" in assert_problem(api_apply(carl, world.job_id, mode="anonymous"), 400,
                                    "validation")["errors"]
    assert_problem(api_apply(carl, MISSING), 404)

    made = api_apply(carl, world.job_id, pdf=resume_pdf()).json
    assert len(stored_resumes(app)) == 1
    assert carl.post(f"/api/v1/applications/{made['id']}/withdraw").status_code == 204
    assert stored_resumes(app) == []
    assert carl.get("/api/v1/applications").json["items"][0]["application"]["status"] \
        == "withdrawn"


def test_others_applications_boards_and_resumes_answer_404(app, members, world):  # noqa: F811
    carl, rita = api_for(app, world.candidate), api_for(app, world.recruiter)
    eve = api_for(app, world.employee)
    stranger = api_for(app, member(members, "Sam Stranger"))
    made = api_apply(carl, world.job_id, pdf=resume_pdf()).json
    application_id = made["id"]
    for attacker in (eve, stranger, rita):
        assert_problem(attacker.post(f"/api/v1/applications/{application_id}/withdraw"), 404)
        assert_problem(attacker.post(f"/api/v1/applications/{application_id}/reveal"), 404)
    for attacker in (carl, eve, stranger):
        for path in (f"/api/v1/jobs/{world.job_id}/board",
                     f"/api/v1/applications/{application_id}/resume",
                     f"/api/v1/jobs/{world.job_id}/shortlist"):
            assert_problem(attacker.get(path), 404)
        moved = attacker.post(
            f"/api/v1/jobs/{world.job_id}/board/application/{application_id}/move",
            json={"stage": "reviewing"})
        assert_problem(moved, 404)
    assert_problem(rita.get(f"/api/v1/applications/{MISSING}/resume"), 404)
    assert_problem(rita.get(f"/api/v1/jobs/{MISSING}/board"), 404)
    assert_problem(rita.post(f"/api/v1/jobs/{world.job_id}/board/offer/{application_id}/move",
                             json={"stage": "reviewing"}), 404)
    # Nobody else's list shows it.
    assert eve.get("/api/v1/applications").json["total"] == 0


def test_pseudonymous_application_shows_no_identity_until_revealed(app, world):  # noqa: F811
    cand = world.candidate
    set_status(cand.client, "looking")
    carl, rita = api_for(app, cand), api_for(app, world.recruiter)
    made = api_apply(carl, world.job_id, mode="pseudonym", pdf=resume_pdf())
    assert made.status_code == 201 and made.json["mode"] == "pseudonym"
    application_id = made.json["id"]
    [system] = query(app, "MATCH (:Person {id: $p})-[:HAS_PSEUDONYM]->(ps {active: true}) "
                          "RETURN ps.id AS id", p=cand.id)
    board_url = f"/api/v1/jobs/{world.job_id}/board"
    response = rita.get(board_url)
    text = json.dumps(response.json, ensure_ascii=False)
    for value in (cand.name, cand.id, system["id"], "carl"):
        assert value not in text.lower() if value == "carl" else value not in text
    [card] = response.json["cards"]
    assert card["candidate"] is None and card["resumeHeld"] is True
    assert card["pseudonym"]["id"] == scoped_for(app, world.recruiter.id, system["id"])
    assert card["source"] == "pseudonymous_application"
    assert_problem(rita.get(f"/api/v1/applications/{application_id}/resume"), 404)

    # The candidate cannot reveal before the recruiters asked; then both agree.
    assert_problem(carl.post(f"/api/v1/applications/{application_id}/reveal"), 400)
    asked = rita.post(f"{board_url}/application/{application_id}/ask-reveal")
    assert asked.status_code == 204
    assert_problem(rita.post(f"{board_url}/application/{application_id}/ask-reveal"), 400)
    assert carl.post(f"/api/v1/applications/{application_id}/reveal").status_code == 204
    [card] = rita.get(board_url).json["cards"]
    assert card["candidate"]["name"] == cand.name
    assert rita.get(f"/api/v1/applications/{application_id}/resume").status_code == 200


def test_ranked_candidates_and_shortlists_by_scoped_id(app, members, world):  # noqa: F811
    cand = world.candidate
    set_status(cand.client, "looking")
    rita, eve = api_for(app, world.recruiter), api_for(app, world.employee)
    # Rita reaches Carl through a friend of hers.
    from .job_support import befriend
    befriend(world.recruiter.client, world.recruiter.id, world.employee.client,
             world.employee.id)
    ranked = rita.get(f"/api/v1/jobs/{world.job_id}/candidates")
    assert ranked.status_code == 200, ranked.get_data(as_text=True)
    [system] = query(app, "MATCH (:Person {id: $p})-[:HAS_PSEUDONYM]->(ps {active: true}) "
                          "RETURN ps.id AS id", p=cand.id)
    seen = scoped_for(app, world.recruiter.id, system["id"])
    assert [row["pseudonym"]["id"] for row in ranked.json["items"]] == [seen]
    assert cand.name not in json.dumps(ranked.json, ensure_ascii=False)
    assert_problem(eve.get(f"/api/v1/jobs/{world.job_id}/candidates"), 403)

    shortlist = f"/api/v1/jobs/{world.job_id}/shortlist"
    assert rita.put(f"{shortlist}/{seen}").status_code == 204
    assert rita.put(f"{shortlist}/{seen}").status_code == 204  # idempotent
    assert [r["pseudonym"]["id"] for r in rita.get(shortlist).json["items"]] == [seen]
    # The system id, or another viewer's id for the same pseudonym, decodes to nothing.
    assert_problem(rita.put(f"{shortlist}/{system['id']}"), 404)
    assert_problem(rita.put(f"{shortlist}/{scoped_for(app, world.employee.id, system['id'])}"),
                   404)
    # Someone who does not recruit for the job can neither read nor change its shortlist.
    other = member(members, "Olga Other")
    olga = api_for(app, other)
    for attacker in (eve, olga):
        assert_problem(attacker.get(shortlist), 404)
        assert_problem(attacker.put(f"{shortlist}/{seen}"), 404)
        assert_problem(attacker.delete(f"{shortlist}/{seen}"), 404)
    assert rita.delete(f"{shortlist}/{seen}").status_code == 204
    assert rita.get(shortlist).json["items"] == []
    assert_problem(rita.delete(f"{shortlist}/{seen}"), 404)


def test_not_interested_in_a_company(app, world):  # noqa: F811
    carl = api_for(app, world.candidate)
    assert carl.put(f"/api/v1/me/not-interested/{world.company_id}").status_code == 204
    assert carl.get("/api/v1/me/not-interested").json["items"][0]["name"] == "Acme"
    assert_problem(carl.put(f"/api/v1/me/not-interested/{MISSING}"), 404)
    assert carl.delete(f"/api/v1/me/not-interested/{world.company_id}").status_code == 204
    assert carl.get("/api/v1/me/not-interested").json["items"] == []
