""""Who fits": ranking by skills, seniority and (private) job status, the reasons shown,
and that the status never reaches the page; plus the pure rules behind it and the points."""
from __future__ import annotations

import pytest

from graph.referrals.fit import estimate_level, rank_friends
from graph.referrals.stages import awards_for, iso_after, month_start, parse_points, stages_reached

from .referral_support import member

STATUS_LABELS = ("Actively looking", "Open to offers", "Not looking", "not_looking")


def _friend(app, members, world, name, skills, title, status, company="Globex"):
    graph = app.extensions["graph"]
    person = member(members, name)
    graph.people.set_skills(person.id, skills)
    graph.people.add_position(person.id, company, title, "2016-03", None)
    graph.people.update_basics(person.id, "", status)
    graph.friends.send_request(world.employee.id, person.id)
    graph.friends.accept(person.id, world.employee.id)
    return person


def _no_status(value) -> bool:
    if isinstance(value, dict):
        return "jobStatus" not in value and all(_no_status(v) for v in value.values())
    if isinstance(value, list):
        return all(_no_status(v) for v in value)
    return value not in ("looking", "open", "not_looking")


def test_friends_ranked_with_reasons_and_status_never_shown(app, members, world):
    # The job (from the world) requires Go, Neo4j and Python at senior level.
    _friend(app, members, world, "Ada AllSkills", ["Python", "Neo4j", "Go"], "Senior Software Engineer", "not_looking")
    _friend(app, members, world, "Ben Junior", ["Python", "Neo4j", "Go"], "Junior Developer", "looking")
    _friend(app, members, world, "Cai Looking", ["Python", "Neo4j"], "Senior Engineer", "looking")
    _friend(app, members, world, "Dee Open", ["Python", "Neo4j"], "Senior Engineer", "open")
    _friend(app, members, world, "Eli Settled", ["Python", "Neo4j"], "Senior Engineer", "not_looking")
    _friend(app, members, world, "Fay Colleague", ["Python", "Neo4j", "Go"], "Senior Engineer", "looking", company="Acme")
    _friend(app, members, world, "Gus NoMatch", ["Excel"], "Senior Engineer", "looking")
    stranger = member(members, "Hal Stranger")
    app.extensions["graph"].people.set_skills(stranger.id, ["Python", "Neo4j", "Go"])

    [row] = app.extensions["graph"].who_fits.who_fits(world.employee.id, shown=5, today="2026-05")
    names = [fit["person"]["name"] for fit in row["fits"]]
    # Skills first, then seniority; among equals the name (the private job status
    # no longer orders them, so Cai, Dee and Eli are in name order whatever their status).
    assert names == ["Ada AllSkills", "Cai Looking", "Dee Open", "Eli Settled", "Ben Junior"]
    assert row["fitCount"] == 5   # Carl (no skills), Fay (works at Acme), Gus, Hal: out
    [top4] = app.extensions["graph"].who_fits.who_fits(world.employee.id, shown=4, today="2026-05")
    assert [f["person"]["name"] for f in top4["fits"]] == names[:4] and top4["fitCount"] == 5
    assert row["fits"][0]["reasons"] == ["3 of 3 skills match (Go, Neo4j, Python)",
                                         "seniority fits (Senior)"]
    assert row["fits"][4]["reasons"] == ["3 of 3 skills match (Go, Neo4j, Python)"]
    assert _no_status(row)
    html = world.employee.client.get("/referrals/who-fits").get_data(as_text=True)
    assert "Ada AllSkills" in html and "seniority fits (Senior)" in html and "/r/" in html
    assert not any(label in html for label in STATUS_LABELS)
    assert "Fay Colleague" not in html and "Hal Stranger" not in html and "Gus NoMatch" not in html
    assert html.index("Ada AllSkills") < html.index("Cai Looking") < html.index("Dee Open")


def test_who_fits_needs_a_current_position(members, world):
    html = world.candidate.client.get("/referrals/who-fits").get_data(as_text=True)
    assert "No open jobs at the companies you work at now" in html


def test_job_page_offers_refer_or_ask(world):
    employee_view = world.employee.client.get(f"/jobs/{world.job_id}").get_data(as_text=True)
    assert "Refer a friend" in employee_view and "Your personal referral link" in employee_view
    seeker_view = world.candidate.client.get(f"/jobs/{world.job_id}").get_data(as_text=True)
    assert "ask Eve Employee" in seeker_view and "Refer a friend" not in seeker_view


@pytest.mark.parametrize("positions, level", [
    ([], None),
    ([{"title": "Staff Engineer", "start": "2024-01", "current": True}], "lead"),
    ([{"title": "Senior Product Manager", "start": "2024-01", "current": True}], "senior"),
    ([{"title": "VP Engineering", "start": "2024-01", "current": True}], "executive"),
    ([{"title": "Software Intern", "start": "2025-06", "current": True}], "intern"),
    ([{"title": "Engineer", "start": "2025-01", "current": True}], "junior"),
    ([{"title": "Engineer", "start": "2022-01", "current": True}], "mid"),
    ([{"title": "Engineer", "start": "2019-01", "current": True}], "senior"),
    ([{"title": "Engineer", "start": "2024-01", "current": True},
      {"title": "Senior Engineer", "start": "2010-01", "current": False}], "lead"),  # years count
    ([{"title": "Assistant", "start": "2010-01", "current": True}], "junior"),   # title wins
])
def test_estimate_level(positions, level):
    assert estimate_level(positions, "2026-05") == level


def test_rank_breaks_ties_by_name_and_keeps_status_out():
    friends = [{"id": str(i), "name": n, "matched": ["Go"], "positions": [], "jobStatus": s}
               for i, (n, s) in enumerate([("Zed", "looking"), ("Amy", "looking"), ("Bo", "open")])]
    ranked = rank_friends(friends, 2, "mid", "2026-05", shown=2)
    # The status does not rank, so "open" Bo comes before "looking" Zed by name.
    assert [r["person"]["name"] for r in ranked] == ["Amy", "Bo"]
    assert all("jobStatus" not in r and "jobStatus" not in r["person"] for r in ranked)


def test_points_rules():
    assert parse_points("reviewing=1, hired=9")["hired"] == 9
    assert parse_points("")["offer"] == 50
    for bad in ("hired", "promoted=5", "hired=-1", "hired=x"):
        with pytest.raises(ValueError):
            parse_points(bad)
    assert stages_reached("offer") == ("submitted", "reviewing", "interviewing", "offer")
    assert stages_reached("not_selected") == ()
    assert [a["key"] for a in awards_for("r1", "interviewing", parse_points(""))] == \
        ["r1|reviewing", "r1|interviewing"]   # submitting is worth 0: no award row
    assert month_start("2026-04-20T10:00:00+00:00") == "2026-04-01T00:00:00+00:00"
    assert iso_after("2026-01-10T09:00:00+00:00", 180) == "2026-07-09T09:00:00+00:00"


def test_job_status_never_changes_the_order():
    """Equal friends rank the same whatever their private job status."""
    base = [{"id": str(i), "name": n, "matched": ["Go"], "positions": []}
            for i, n in enumerate(["Ann", "Bob", "Cy"])]
    orders = set()
    for statuses in (("not_looking", "looking", "open"), ("looking", "not_looking", "looking"),
                     ("open", "open", "not_looking")):
        friends = [{**f, "jobStatus": s} for f, s in zip(base, statuses)]
        ranked = rank_friends(friends, 2, "mid", "2026-05", shown=3)
        orders.add(tuple((r["person"]["name"], r["score"]) for r in ranked))
    assert orders == {(("Ann", 1.5), ("Bob", 1.5), ("Cy", 1.5))}
