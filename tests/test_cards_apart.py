"""Cards can be told apart (issue 18 § 3): look-alike job cards say what distinguishes
them (city, team, posted date, else a reference), and communities that would share a
name are named by what sets each apart.
"""
from __future__ import annotations

import itertools
import re

import networkx as nx
import pytest

from graph.network.circle_groups import build_circles
from recruit.listing import tell_jobs_apart

from .job_support import VALID_JOB, ask_to_recruit, create_company, post_job
from .test_circles import befriend as befriend_directly, make_members


def _row(job_id, **job):
    return {"job": {"id": job_id, "title": "ML Engineer", "city": "Shanghai", "team": "",
                    "createdAt": "2026-10-01T09:00:00+00:00", "remote": "hybrid",
                    "seniority": "mid", "currency": "CNY", "salaryMin": 1, "salaryMax": 2,
                    **job},
            "company": {"id": "acme", "name": "Acme Cloud"}}


def test_look_alikes_get_what_differs_and_others_nothing():
    rows = tell_jobs_apart([
        _row("a" * 32, city="Shanghai", team="Search"),
        _row("b" * 32, city="北京", team="Risk"),
        _row("c" * 32, title="Data Analyst"),
        {**_row("d" * 32), "company": {"id": "other", "name": "Other"}},
    ])
    assert rows[0]["tellApart"] == [("city", "Shanghai"), ("team", "Search")]
    assert rows[1]["tellApart"] == [("city", "北京"), ("team", "Risk")]
    assert "tellApart" not in rows[2] and "tellApart" not in rows[3]


def test_identical_look_alikes_get_a_reference():
    rows = tell_jobs_apart([_row("a" * 32), _row("b" * 32),
                            _row("c" * 32, createdAt="2026-10-05T09:00:00+00:00")])
    assert rows[0]["tellApart"] == [("posted", "2026-10-01"), ("ref", "a" * 8)]
    assert rows[1]["tellApart"] == [("posted", "2026-10-01"), ("ref", "b" * 8)]
    assert rows[2]["tellApart"] == [("posted", "2026-10-05")]


@pytest.fixture
def look_alikes(members):
    recruiter, _ = members.signup("Rita Recruiter")
    company_id = create_company(recruiter, "Acme Cloud", "acme.example")
    ask_to_recruit(recruiter, company_id)
    same = {"title": "ML Engineer"}
    ids = [post_job(recruiter, company_id, **same, city="Shanghai", team="Search"),
           post_job(recruiter, company_id, **same, city="北京", team="Risk"),
           post_job(recruiter, company_id, title="Data Analyst")]
    return recruiter, company_id, ids


def _card(html: str, job_id: str) -> str:
    start = html.index(f"/jobs/{job_id}")
    end = html.find('<li class="job"', start)
    return html[start:end if end > 0 else len(html)]


def test_search_cards_of_look_alike_jobs_say_which_is_which(members, look_alikes):
    _, _, (search_job, risk_job, analyst_job) = look_alikes
    seeker, _ = members.signup("Sam Seeker")
    html = seeker.get("/jobs/search").get_data(as_text=True)
    first, second = _card(html, search_job), _card(html, risk_job)
    assert "This one:" in first and "Shanghai" in first and "team Search" in first
    assert "This one:" in second and "北京" in second and "team Risk" in second
    assert "This one:" not in _card(html, analyst_job)


def test_job_page_and_edit_form_keep_the_team(look_alikes):
    recruiter, _, (search_job, _, _) = look_alikes
    assert "Search" in recruiter.get(f"/jobs/{search_job}").get_data(as_text=True)
    form = recruiter.get(f"/jobs/{search_job}/edit").get_data(as_text=True)
    assert re.search(r'name="team"[^>]*value="Search"', form)


def test_a_too_long_team_is_refused_with_a_message(members, look_alikes):
    recruiter, company_id, _ = look_alikes
    url = f"/companies/{company_id}/jobs/new"
    response = recruiter.post(url, {**VALID_JOB, "team": "t" * 61}, token_from=url)
    assert response.status_code == 400
    assert "Use at most 60 characters." in response.get_data(as_text=True)


def _acme_friend(index: int, school: str | None, title: str) -> dict:
    return {"id": f"f{index:02d}", "name": f"Friend {index:02d}", "titles": [title],
            "companies": [{"key": "acme cloud", "name": "Acme Cloud", "current": True}],
            "schools": [{"key": school.lower(), "name": school}] if school else [],
            "skills": [], "labels": []}


def test_communities_sharing_a_company_are_named_by_what_sets_them_apart():
    groups = [("Fudan University", "Engineer"), ("Peking University", "Data Scientist"),
              (None, "Recruiter"), (None, "Recruiter")]
    friends, edges = [], []
    for number, (school, title) in enumerate(groups):
        group = [_acme_friend(number * 5 + k, school, title) for k in range(5)]
        friends += group
        edges += [(a["id"], b["id"]) for a, b in itertools.combinations(group, 2)]
    edges.append(("f00", "f05"))
    names = [c["name"] for c in build_circles({"friends": friends, "edges": edges})["community"]]
    assert len(names) == 4 and len(set(names)) == 4
    assert all(name.startswith("Acme Cloud · ") for name in names)
    assert "Acme Cloud · Engineering" in names and "Acme Cloud · Data & ML" in names
    # The two recruiting groups look alike: each is named by the friend it starts with.
    assert sorted(n for n in names if "with" in n) == \
        ["Acme Cloud · with Friend 10", "Acme Cloud · with Friend 15"]


def test_distinct_communities_keep_their_plain_names():
    friends = [_acme_friend(k, "Fudan University", "Engineer") for k in range(4)]
    edges = [(a["id"], b["id"]) for a, b in itertools.combinations(friends, 2)]
    names = [c["name"] for c in build_circles({"friends": friends, "edges": edges})["community"]]
    assert names == ["Acme Cloud"]


def test_circles_page_shows_told_apart_community_names(app, members, driver, database):
    me, me_id = members.signup("Me", "me@example.com")
    graph = nx.planted_partition_graph(3, 6, 0.9, 0.0, seed=7)
    ids = {n: f"p{n:02d}" for n in graph.nodes}
    schools = {0: "Fudan University", 1: "Peking University", 2: "Tsinghua University"}
    make_members(driver, database, [{"id": ids[n], "name": f"Pal {n:02d}",
                                     "company": "Acme Cloud", "school": schools[n // 6]}
                                    for n in graph.nodes])
    befriend_directly(driver, database, [(ids[a], ids[b]) for a, b in graph.edges]
                      + [(me_id, ids[n]) for n in graph.nodes])
    html = me.get("/circles").get_data(as_text=True)
    for school in schools.values():
        assert f"Acme Cloud · {school}" in html
