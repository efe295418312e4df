"""One card per candidate and job, whichever comes first, the application or the referral,
and at whatever stage the first one stands; both histories kept; a pseudonymous
application never merged into a named referral before its reveal. Through the app, against
the real Neo4j."""
from __future__ import annotations

import pytest

from .hiring_support import application_of, apply, move_card, notices_of, resume_pdf
from .referral_support import confirm, confirmed_referral, move, query, refer, referral_id_from, set_status


@pytest.fixture(autouse=True)
def resume_dir(app, tmp_path):
    app.config["RESUME_DIR"] = str(tmp_path / "resumes")


def _board(world) -> str:
    return world.recruiter.client.get(f"/jobs/{world.job_id}/board").get_data(as_text=True)


def _points(app, referral_id: str) -> dict:
    return {r["stage"]: r["points"] for r in query(
        app, "MATCH (a:PointAward)-[:FOR_REFERRAL]->(:Referral {id: $id}) "
             "RETURN a.stage AS stage, a.points AS points", id=referral_id)}


def test_application_moved_on_then_referral_makes_one_card_at_the_applications_stage(app, world):
    assert apply(world.candidate.client, world.job_id, pdf=resume_pdf()).status_code == 302
    application_id = application_of(app, world.candidate.id, world.job_id)["id"]
    assert move_card(world.recruiter.client, world.job_id, "application", application_id,
                     "interviewing", comment="Strong first call.").status_code == 302

    referral_id = confirmed_referral(world)

    assert application_of(app, world.candidate.id, world.job_id)["status"] == "joined"
    html = _board(world)
    assert html.count('class="card"') == 1 and f"/referrals/{referral_id}" in html
    assert f"/applications/{application_id}/resume" in html
    [referral] = query(app, "MATCH (r:Referral {id: $id}) RETURN r.status AS status", id=referral_id)
    assert referral["status"] == "interviewing"  # it continues from where the application was
    page = world.recruiter.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "already at “Interviewing”" in page  # the referral's own history says so
    assert "before it joined this referral" in page and "Strong first call." in page  # and the application's
    mine = world.candidate.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "Strong first call." in mine

    # No points for the stages the candidate reached before the referral; later ones count.
    assert _points(app, referral_id) == {}
    assert move(world.recruiter.client, referral_id, "offer").status_code == 302
    assert _points(app, referral_id) == {"offer": 50}
    assert _board(world).count('class="card"') == 1


def test_referral_moved_on_then_application_joins_it(app, world):
    referral_id = confirmed_referral(world)
    assert move(world.recruiter.client, referral_id, "interviewing").status_code == 302
    assert apply(world.candidate.client, world.job_id, pdf=resume_pdf()).status_code == 302
    row = application_of(app, world.candidate.id, world.job_id)
    assert row["status"] == "joined"
    html = _board(world)
    assert html.count('class="card"') == 1 and f"/referrals/{referral_id}" in html
    assert f"/applications/{row['id']}/resume" in html
    [referral] = query(app, "MATCH (r:Referral {id: $id}) RETURN r.status AS status", id=referral_id)
    assert referral["status"] == "interviewing"
    assert "also applied directly" in world.recruiter.client.get(
        f"/referrals/{referral_id}").get_data(as_text=True)


def test_a_rejected_application_gives_way_to_a_fresh_referral(app, world):
    assert apply(world.candidate.client, world.job_id).status_code == 302
    application_id = application_of(app, world.candidate.id, world.job_id)["id"]
    assert move_card(world.recruiter.client, world.job_id, "application", application_id,
                     "not_selected", reason="experience").status_code == 302
    referral_id = confirmed_referral(world)
    assert _board(world).count('class="card"') == 1
    [referral] = query(app, "MATCH (r:Referral {id: $id}) RETURN r.status AS status", id=referral_id)
    assert referral["status"] == "submitted"  # a referral after a rejection is a new look
    page = world.recruiter.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "Not selected" in page  # the application's history is kept and shown


def test_unrevealed_pseudonymous_application_is_not_merged_into_a_named_referral(app, world):
    """Merging would tell the recruiters who the pseudonym is: two cards until the reveal,
    then one."""
    cand = world.candidate
    set_status(cand.client, "looking")
    assert apply(cand.client, world.job_id, mode="pseudonym", pdf=resume_pdf()).status_code == 302
    row = application_of(app, cand.id, world.job_id)
    assert move_card(world.recruiter.client, world.job_id, "application", row["id"],
                     "reviewing").status_code == 302

    referral_id = confirmed_referral(world)

    assert application_of(app, cand.id, world.job_id)["status"] == "reviewing"
    html = _board(world)
    assert html.count('class="card"') == 2
    page = world.recruiter.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "applied directly" not in page and "before it joined" not in page
    assert not any("joins" in t for t in notices_of(app, world.recruiter.id))
    [referral] = query(app, "MATCH (r:Referral {id: $id}) RETURN r.status AS status", id=referral_id)
    assert referral["status"] == "submitted"

    # Both sides agree to the reveal: now the application joins the referral.
    board_url = f"/jobs/{world.job_id}/board"
    assert world.recruiter.client.post(f"{board_url}/application/{row['id']}/ask-reveal",
                                       token_from=board_url).status_code == 302
    assert cand.client.post(f"/applications/{row['id']}/reveal",
                            token_from="/applications").status_code == 302
    assert application_of(app, cand.id, world.job_id)["status"] == "joined"
    html = _board(world)
    assert html.count('class="card"') == 1 and f"/referrals/{referral_id}" in html
    assert f"/applications/{row['id']}/resume" in html
    [referral] = query(app, "MATCH (r:Referral {id: $id}) RETURN r.status AS status", id=referral_id)
    assert referral["status"] == "reviewing"
    assert any("joins their referral" in t for t in notices_of(app, world.recruiter.id))


def test_a_referral_that_does_not_own_leaves_the_application_alone(app, members, world):
    """Only the owning referral carries the pipeline; a second referrer's confirmation
    changes nothing on the board."""
    from .referral_support import member, work_at
    from .job_support import befriend
    referral_id = confirmed_referral(world)
    other = member(members, "Otto Colleague")
    work_at(other.client, "Acme")
    befriend(other.client, other.id, world.candidate.client, world.candidate.id)
    second = referral_id_from(refer(other.client, world.job_id, world.candidate.id))
    assert confirm(world.candidate.client, second).status_code == 302
    assert apply(world.candidate.client, world.job_id).status_code == 302
    joined = query(app, "MATCH (a:Application)-[:JOINED]->(r:Referral) RETURN r.id AS id")
    assert joined == [{"id": referral_id}]
    assert _board(world).count('class="card"') == 1
