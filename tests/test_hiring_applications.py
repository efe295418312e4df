"""Applying for a job (as oneself, under a pseudonym), the résumé's rules, joining an
owning referral, withdrawing: end to end through the app against the real Neo4j."""
from __future__ import annotations

from pathlib import Path

import pytest

from html import escape as html_escape

from graph.candidates.visibility import MATCH_VIEWER_SCOPE

from .hiring_support import (RESUME_TEXT, application_of, apply, notices_of, resume_pdf)
from .job_support import ask_to_recruit, create_company
from .pdf_support import pdf_with_text
from .conftest import PASSWORD
from .referral_support import confirmed_referral, member, query, set_status


@pytest.fixture(autouse=True)
def resume_dir(app, tmp_path):
    """Each test keeps its résumés in its own folder."""
    app.config["RESUME_DIR"] = str(tmp_path / "resumes")


def _resume_path(app, resume_id: str) -> Path:
    return Path(app.config["RESUME_DIR"]) / f"{resume_id}.pdf"


def test_apply_as_self_with_resume_reaches_only_the_jobs_recruiters(app, members, world):
    pdf = resume_pdf()
    response = apply(world.candidate.client, world.job_id, pdf=pdf, note="Keen on graphs.")
    assert response.status_code == 302 and response.headers["Location"].endswith("/applications")
    row = application_of(app, world.candidate.id, world.job_id)
    assert (row["status"], row["mode"]) == ("submitted", "self")
    assert RESUME_TEXT in row["text"]  # text extracted by pypdf
    stored = _resume_path(app, row["resumeId"])
    assert stored.read_bytes() == pdf
    static = Path(app.static_folder).resolve()
    assert static not in stored.resolve().parents  # outside the web root

    board = world.recruiter.client.get(f"/jobs/{world.job_id}/board").get_data(as_text=True)
    assert "Carl Candidate" in board and "Applied" in board
    assert "Résumé names Neo4j, Python." in board  # the job asks for Python, Neo4j and Go
    assert any("New application" in t for t in notices_of(app, world.recruiter.id))

    url = f"/applications/{row['id']}/resume"
    got = world.recruiter.client.get(url)
    assert got.status_code == 200 and got.data == pdf
    assert got.headers["Content-Type"] == "application/pdf"
    assert got.headers["Content-Disposition"].startswith("attachment")

    # Everyone else: the candidate, their friend, a stranger, another company's recruiter.
    other = member(members, "Olga Other")
    create_company(other.client, "Globex", "globex.example")
    ask_to_recruit(other.client, query(app, "MATCH (c:Company {name: 'Globex'}) RETURN c.id AS id")[0]["id"])
    stranger = member(members, "Sam Stranger")
    for client in (world.candidate.client, world.employee.client, stranger.client, other.client):
        assert client.get(url).status_code == 404
        assert client.get(f"/jobs/{world.job_id}/board").status_code == 404
    assert world.recruiter.client.get("/applications/" + "0" * 32 + "/resume").status_code == 404


@pytest.mark.parametrize("payload, filename, message", [
    (b"GIF89a not a pdf at all", "cv.pdf", "must be a PDF"),
    (b"%PDF-1.4 but nothing readable", "cv.pdf", "could not be read"),
    (b"", "cv.pdf", "is empty"),
])
def test_resume_checked_by_content_not_name(app, world, payload, filename, message):
    response = apply(world.candidate.client, world.job_id, pdf=payload, filename=filename)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert query(app, "MATCH (a:Application) RETURN count(a) AS n")[0]["n"] == 0
    folder = Path(app.config["RESUME_DIR"])
    assert not folder.exists() or not any(folder.glob("*.pdf"))


def test_a_real_pdf_named_otherwise_is_accepted_and_size_is_capped(app, world):
    assert apply(world.candidate.client, world.job_id, pdf=resume_pdf(),
                 filename="cv.docx").status_code == 302
    assert world.candidate.client.post(
        f"/applications/{application_of(app, world.candidate.id, world.job_id)['id']}/withdraw",
        token_from="/applications").status_code == 302
    app.config["RESUME_MAX_BYTES"] = 300
    response = apply(world.candidate.client, world.job_id, pdf=pdf_with_text("x" * 400))
    assert response.status_code == 400 and "the most is" in response.get_data(as_text=True)
    assert query(app, "MATCH (a:Application {status: 'submitted'}) RETURN count(a) AS n")[0]["n"] == 0


def test_cannot_apply_twice_to_own_company_or_to_a_closed_job(app, world):
    assert apply(world.candidate.client, world.job_id).status_code == 302
    again = apply(world.candidate.client, world.job_id)
    assert again.status_code == 302  # the form redirects to the existing application
    assert query(app, "MATCH (a:Application) RETURN count(a) AS n")[0]["n"] == 1
    response = apply(world.employee.client, world.job_id)
    assert response.status_code == 400 and "already work at Acme" in response.get_data(as_text=True)
    response = apply(world.recruiter.client, world.job_id)
    assert response.status_code == 400 and "You recruit for Acme" in response.get_data(as_text=True)


def test_a_closed_job_takes_no_applications(app, members, world):
    assert world.recruiter.client.post(f"/jobs/{world.job_id}/close",
                                       token_from=f"/jobs/{world.job_id}").status_code == 302
    response = apply(world.candidate.client, world.job_id)
    assert response.status_code == 400 and "closed" in response.get_data(as_text=True)


def test_pseudonymous_application_hides_name_and_resume_until_both_agree(app, world):
    cand = world.candidate
    set_status(cand.client, "looking")
    assert apply(cand.client, world.job_id, mode="pseudonym", pdf=resume_pdf()).status_code == 302
    row = application_of(app, cand.id, world.job_id)
    assert row["mode"] == "pseudonym"
    board_url = f"/jobs/{world.job_id}/board"
    # Per-company pseudonyms: the board names the applicant as the recruiter's company
    # knows them, never by the system record (which another company could compare).
    [system] = query(app, "MATCH (:Person {id: $p})-[:HAS_PSEUDONYM]->(ps {active: true}) "
                          "RETURN ps {.id, .rank, .hanzi, .pinyin, .generation} AS ps",
                     p=cand.id)
    scopes = app.extensions["graph"].pipeline_board.scopes
    [scope] = query(app, MATCH_VIEWER_SCOPE, viewerId=world.recruiter.id)
    company_name = scopes.label(scope["scope"], system["ps"])
    for view in ("", "?view=table"):
        html = world.recruiter.client.get(board_url + view).get_data(as_text=True)
        assert "Applied under a pseudonym" in html
        assert cand.name not in html and cand.id not in html
        assert "Résumé held back" in html
        assert system["ps"]["id"] not in html
        assert html_escape(company_name) in html
    notice = notices_of(app, world.recruiter.id)[0]
    assert cand.name not in notice and f"{company_name} (pseudonym)" in notice
    resume_url = f"/applications/{row['id']}/resume"
    assert world.recruiter.client.get(resume_url).status_code == 404

    # The candidate cannot reveal before the recruiters asked.
    reveal = cand.client.post(f"/applications/{row['id']}/reveal", token_from="/applications")
    assert reveal.status_code == 400
    asked = world.recruiter.client.post(f"{board_url}/application/{row['id']}/ask-reveal",
                                        token_from=board_url)
    assert asked.status_code == 302
    assert world.recruiter.client.get(resume_url).status_code == 404
    assert any("would like to know who you are" in t for t in notices_of(app, cand.id))
    reveal = cand.client.post(f"/applications/{row['id']}/reveal", token_from="/applications")
    assert reveal.status_code == 302
    assert world.recruiter.client.get(resume_url).status_code == 200
    assert cand.name in world.recruiter.client.get(board_url).get_data(as_text=True)


def test_pseudonymous_application_refused_where_the_candidate_is_hidden(app, world):
    cand = world.candidate
    set_status(cand.client, "looking")
    assert cand.client.post("/me/candidate/blocks", {"company": "Acme"},
                            token_from="/me/candidate/blocks").status_code == 302
    response = apply(cand.client, world.job_id, mode="pseudonym")
    assert response.status_code == 403 and "hidden from Acme" in response.get_data(as_text=True)
    assert query(app, "MATCH (a:Application) RETURN count(a) AS n")[0]["n"] == 0


def test_pseudonymous_application_needs_a_pseudonym(app, world):
    response = apply(world.candidate.client, world.job_id, mode="pseudonym")
    assert response.status_code == 400 and "no pseudonym" in response.get_data(as_text=True)


def test_application_joins_an_owning_referral(app, world):
    referral_id = confirmed_referral(world)
    response = apply(world.candidate.client, world.job_id, pdf=resume_pdf())
    assert response.status_code == 302
    row = application_of(app, world.candidate.id, world.job_id)
    assert row["status"] == "joined"
    html = world.recruiter.client.get(f"/jobs/{world.job_id}/board").get_data(as_text=True)
    assert html.count('class="card"') == 1  # one card: the referral carries the pipeline
    assert f"/referrals/{referral_id}" in html and f"/applications/{row['id']}/resume" in html
    assert world.recruiter.client.get(f"/applications/{row['id']}/resume").status_code == 200
    history = world.recruiter.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "also applied directly" in history


def test_withdraw_deletes_the_resume_and_frees_a_new_application(app, world):
    assert apply(world.candidate.client, world.job_id, pdf=resume_pdf()).status_code == 302
    row = application_of(app, world.candidate.id, world.job_id)
    path = _resume_path(app, row["resumeId"])
    assert path.exists()
    # Nobody else can withdraw it.
    assert world.recruiter.client.post(f"/applications/{row['id']}/withdraw",
                                       token_from="/home").status_code == 404
    done = world.candidate.client.post(f"/applications/{row['id']}/withdraw",
                                       token_from="/applications")
    assert done.status_code == 302
    assert not path.exists()
    assert query(app, "MATCH (f:Resume) RETURN count(f) AS n")[0]["n"] == 0
    assert world.recruiter.client.get(f"/applications/{row['id']}/resume").status_code == 404
    html = world.recruiter.client.get(f"/jobs/{world.job_id}/board").get_data(as_text=True)
    assert "Carl Candidate" not in html
    assert apply(world.candidate.client, world.job_id).status_code == 302
    assert application_of(app, world.candidate.id, world.job_id)["status"] == "submitted"


def test_apply_and_withdraw_need_csrf(app, world):
    response = world.candidate.client.raw_post(f"/jobs/{world.job_id}/apply", {"mode": "self"})
    assert response.status_code == 400
    assert query(app, "MATCH (a:Application) RETURN count(a) AS n")[0]["n"] == 0


def test_resumes_go_with_the_account(app, world):
    app.config["ACCOUNT_DELETION_GRACE_DAYS"] = 0
    assert apply(world.candidate.client, world.job_id, pdf=resume_pdf()).status_code == 302
    path = _resume_path(app, application_of(app, world.candidate.id, world.job_id)["resumeId"])
    assert path.exists()
    response = world.candidate.client.post(
        "/account/delete", {"current": PASSWORD, "confirm": "y"}, token_from="/account/delete")
    assert response.status_code == 302
    assert not path.exists()
    assert query(app, "MATCH (n) WHERE n:Application OR n:Resume OR n:ApplicationEvent "
                      "RETURN count(n) AS n")[0]["n"] == 0


def test_the_sweep_removes_only_files_the_graph_no_longer_holds(app, world):
    from recruit.hiring.files import resume_store, sweep_orphan_resumes

    assert apply(world.candidate.client, world.job_id, pdf=resume_pdf()).status_code == 302
    kept = _resume_path(app, application_of(app, world.candidate.id, world.job_id)["resumeId"])
    with app.app_context():
        orphan = resume_store().save(b"%PDF-1.4 left behind by a crash")
        assert sweep_orphan_resumes(min_age_seconds=0) == 1
    assert kept.exists() and not _resume_path(app, orphan).exists()


def test_a_referral_confirmed_later_absorbs_the_fresh_application(app, world):
    # The pseudonymous case (never joined before a reveal) and applications already moved
    # on are in tests/test_hiring_one_card.py.
    assert apply(world.candidate.client, world.job_id, pdf=resume_pdf()).status_code == 302
    application_id = application_of(app, world.candidate.id, world.job_id)["id"]
    referral_id = confirmed_referral(world)
    assert application_of(app, world.candidate.id, world.job_id)["status"] == "joined"
    html = world.recruiter.client.get(f"/jobs/{world.job_id}/board").get_data(as_text=True)
    assert html.count('class="card"') == 1 and f"/referrals/{referral_id}" in html
    resume_url = f"/applications/{application_id}/resume"
    assert resume_url in html
    assert world.recruiter.client.get(resume_url).status_code == 200
    history = world.recruiter.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "had applied directly" in history
