"""The ownership rule: the first confirmed referral of a candidate for a job owns it for
the configured window; later ones are kept and marked; concurrent confirmations make one
owner. Time is passed to the repository explicitly, never read from the clock."""
from __future__ import annotations

import threading

import pytest

from graph.errors import Duplicate

from .job_support import befriend
from .referral_support import confirm, member, move, query, refer, referral_id_from, work_at

T0 = "2026-01-10T09:00:00+00:00"


@pytest.fixture
def second_employee(members, world):
    """Ed also works at Acme and is Carl's friend."""
    ed = member(members, "Ed Second")
    work_at(ed.client, "Acme")
    befriend(ed.client, ed.id, world.candidate.client, world.candidate.id)
    return ed


def _owners(app):
    return query(app, "MATCH (p:Person)-[:REFERRED]->(r:Referral) "
                      "RETURN p.name AS referrer, r.owner AS owner ORDER BY p.name")


def test_first_confirmed_owns_and_later_referrer_is_told(app, world, second_employee):
    eve_ref = referral_id_from(refer(world.employee.client, world.job_id, world.candidate.id))
    ed_ref = referral_id_from(refer(second_employee.client, world.job_id, world.candidate.id))
    # Eve submitted first, but Carl confirms Ed's first: confirmation decides, not submission.
    assert confirm(world.candidate.client, ed_ref).status_code == 302
    # Before confirming Eve's, Carl sees that Ed's referral exists and owns it.
    candidate_page = world.candidate.client.get(f"/referrals/{eve_ref}").get_data(as_text=True)
    assert "Other referrals of Carl Candidate" in candidate_page
    assert "by Ed Second" in candidate_page and "— owner" in candidate_page
    assert confirm(world.candidate.client, eve_ref).status_code == 302
    assert _owners(app) == [{"referrer": "Ed Second", "owner": True},
                            {"referrer": "Eve Employee", "owner": False}]
    eve_page = world.employee.client.get(f"/referrals/{eve_ref}").get_data(as_text=True)
    assert "Not the owner" in eve_page and "earns no points" in eve_page
    assert "Ed Second" not in eve_page  # the later referrer learns the rule, not the rival
    eve_notice = query(app, "MATCH (:Person {id: $id})-[:NOTIFIED]->(n {kind: 'referral.confirmed'}) "
                            "RETURN n.text AS text", id=world.employee.id)
    assert "A referral confirmed earlier owns this candidate" in eve_notice[0]["text"]
    # Nothing silently dropped: the recruiter sees both, and may move only the owner.
    listing = world.recruiter.client.get(f"/companies/{world.company_id}/referrals").get_data(as_text=True)
    assert listing.count("Carl Candidate") == 2 and "not the owner" in listing
    assert move(world.recruiter.client, eve_ref, "reviewing").status_code == 409
    assert move(world.recruiter.client, ed_ref, "reviewing").status_code == 302
    assert "by Eve Employee" in world.recruiter.client.get(f"/referrals/{ed_ref}").get_data(as_text=True)


def _confirm_at(app, referral_id, candidate_id, now):
    return app.extensions["graph"].referrals.answer(candidate_id, referral_id, True, now=now)


def _referral(app, referrer, world, now):
    result = app.extensions["graph"].referrals.refer_member(referrer, world.job_id,
                                                            world.candidate.id, "", now=now)
    return result["referral"]["id"]


@pytest.mark.parametrize("days_later, owner_stage, second_owns", [
    (179, "submitted", False),      # inside the window
    (181, "submitted", True),       # window over, owner idle: taken over
    (181, "not_selected", True),    # window over, owner's pipeline ended
    (181, "interviewing", False),   # window over, but the owner's candidate is mid-process
])
def test_ownership_window(app, world, second_employee, days_later, owner_stage, second_owns):
    first = _referral(app, world.employee.id, world, T0)
    second = _referral(app, second_employee.id, world, T0)
    assert _confirm_at(app, first, world.candidate.id, T0)["ownership"]["owner"] is True
    if owner_stage != "submitted":
        app.extensions["graph"].referral_pipeline.move(world.recruiter.id, first, owner_stage, now=T0)
    later = {179: "2026-07-08T09:00:00+00:00", 181: "2026-07-10T09:00:00+00:00"}[days_later]
    outcome = _confirm_at(app, second, world.candidate.id, later)["ownership"]
    assert outcome["owner"] is second_owns
    owners = {row["referrer"]: row["owner"] for row in _owners(app)}
    assert owners == {"Ed Second": second_owns, "Eve Employee": not second_owns}


def test_window_is_configurable(app, world, second_employee):
    app.extensions["graph"].config["REFERRAL_OWNERSHIP_DAYS"] = 10
    first = _referral(app, world.employee.id, world, T0)
    second = _referral(app, second_employee.id, world, T0)
    outcome = _confirm_at(app, first, world.candidate.id, T0)["ownership"]
    assert outcome["until"] == "2026-01-20T09:00:00+00:00"
    assert _confirm_at(app, second, world.candidate.id, "2026-01-21T09:00:00+00:00")["ownership"]["owner"]


def test_concurrent_confirmations_make_one_owner(app, members, world):
    graph = app.extensions["graph"]
    referrers = [world.employee]
    for index in range(5):
        colleague = member(members, f"Colleague {index}")
        work_at(colleague.client, "Acme")
        befriend(colleague.client, colleague.id, world.candidate.client, world.candidate.id)
        referrers.append(colleague)
    ids = [graph.referrals.refer_member(r.id, world.job_id, world.candidate.id, "")["referral"]["id"]
           for r in referrers]
    barrier = threading.Barrier(len(ids))
    owners: list[bool] = []

    def answer(referral_id):
        barrier.wait()
        owners.append(graph.referrals.answer(world.candidate.id, referral_id, True)["ownership"]["owner"])

    threads = [threading.Thread(target=answer, args=(rid,)) for rid in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(owners) == [False] * 5 + [True]
    assert query(app, "MATCH (r:Referral {owner: true}) RETURN count(r) AS n") == [{"n": 1}]
    assert query(app, "MATCH (o:ReferralOwnership) RETURN count(o) AS n") == [{"n": 1}]
    assert query(app, "MATCH (o:ReferralOwnership), (r:Referral {owner: true}) "
                      "RETURN o.referralId = r.id AS same") == [{"same": True}]


def test_answering_twice_or_as_someone_else_changes_nothing(app, members, world):
    referral_id = referral_id_from(refer(world.employee.client, world.job_id, world.candidate.id))
    other = member(members, "Nosy Neighbour")
    assert confirm(other.client, referral_id).status_code == 404
    assert confirm(world.employee.client, referral_id).status_code == 404  # referrer cannot confirm
    assert confirm(world.candidate.client, referral_id).status_code == 302
    assert confirm(world.candidate.client, referral_id).status_code == 400
    with pytest.raises(Duplicate):
        app.extensions["graph"].referrals.refer_member(world.employee.id, world.job_id,
                                                       world.candidate.id, "")
    assert query(app, "MATCH (r:Referral) RETURN r.status AS s, r.owner AS o") == [{"s": "submitted", "o": True}]
