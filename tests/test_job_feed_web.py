"""The feed and the search through the web: the issue's "done when" story, filters,
exclusions and the recruiter's degree badge."""
from __future__ import annotations

import re

import pytest

from .job_support import ask_to_recruit, befriend, create_company, post_job


@pytest.fixture
def chain(app, members):
    """seeker — friend — recruiter (who created Acme's page and posted a job)."""
    recruiter, recruiter_id = members.signup("Rita Recruiter")
    friend, friend_id = members.signup("Fran Friend")
    seeker, seeker_id = members.signup("Sam Seeker")
    company_id = create_company(recruiter, "Acme", "acme.example")
    ask_to_recruit(recruiter, company_id)
    job_id = post_job(recruiter, company_id)
    befriend(seeker, seeker_id, friend, friend_id)
    befriend(friend, friend_id, recruiter, recruiter_id)
    return {"recruiter": recruiter, "recruiter_id": recruiter_id, "friend": friend,
            "friend_id": friend_id, "seeker": seeker, "seeker_id": seeker_id,
            "company_id": company_id, "job_id": job_id}


def _text(html: str) -> str:
    """Page text with tags removed and whitespace collapsed, for phrase checks."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_member_two_hops_away_sees_the_job_with_its_path(chain):
    response = chain["seeker"].get("/jobs")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f"/jobs/{chain['job_id']}" in html and "Backend Engineer" in html
    text = _text(html)
    assert "You → Fran Friend → Rita Recruiter (recruiter for this job) 2nd" in text
    assert "1 job within two degrees" in text


def test_direct_path_beats_two_hop_path(app, members, chain):
    # The seeker befriends an Acme employee: the 1st-degree employee path wins.
    employee, employee_id = members.signup("Eve Employee")
    app.extensions["graph"].people.add_position(employee_id, "Acme", "Engineer", "2022-01", None)
    befriend(chain["seeker"], chain["seeker_id"], employee, employee_id)
    text = _text(chain["seeker"].get("/jobs").get_data(as_text=True))
    assert "You → Eve Employee (works at Acme) 1st" in text
    assert "1 of your connections works here (1 1st-degree, 0 2nd-degree)" in text


def test_jobs_at_own_employer_are_left_out(app, chain):
    app.extensions["graph"].people.add_position(chain["seeker_id"], "Acme", "Analyst",
                                                "2023-01", None)
    html = chain["seeker"].get("/jobs").get_data(as_text=True)
    assert chain["job_id"] not in html
    # A past position there does not exclude it.
    people = app.extensions["graph"].people
    [position] = [p for p in people.profile(chain["seeker_id"])["positions"] if p["current"]]
    people.remove_position(chain["seeker_id"], position["id"])
    people.add_position(chain["seeker_id"], "Acme", "Analyst", "2020-01", "2022-01")
    assert chain["job_id"] in chain["seeker"].get("/jobs").get_data(as_text=True)


def test_recruiter_does_not_see_own_job_and_three_hops_do_not(members, chain):
    assert chain["job_id"] not in chain["recruiter"].get("/jobs").get_data(as_text=True)
    far, far_id = members.signup()
    befriend(chain["seeker"], chain["seeker_id"], far, far_id)
    assert chain["job_id"] not in far.get("/jobs").get_data(as_text=True)


@pytest.mark.parametrize("query, shown", [
    ("?remote=hybrid", True), ("?remote=remote", False), ("?city=shang", True),
    ("?city=beijing", False), ("?skills=neo4j", True), ("?skills=neo4j,+rust", False),
    ("?min_salary=450000&currency=CNY", True), ("?min_salary=450001&currency=CNY", False),
    ("?min_salary=1&currency=USD", False),
])
def test_feed_filters(chain, query, shown):
    response = chain["seeker"].get("/jobs" + query)
    assert response.status_code == 200
    assert (chain["job_id"] in response.get_data(as_text=True)) is shown


@pytest.mark.parametrize("query", ["?min_salary=abc", "?min_salary=-5", "?remote=moon",
                                   "?currency=BTC", "?city=" + "x" * 81])
def test_bad_filters_are_400_with_a_message(chain, query):
    response = chain["seeker"].get("/jobs" + query)
    assert response.status_code == 400
    assert 'class="error"' in response.get_data(as_text=True)


def test_search_covers_jobs_beyond_two_degrees_with_badge(members, chain):
    stranger, _ = members.signup("Stan Stranger")
    response = stranger.get("/jobs/search?q=backend")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and chain["job_id"] in html
    assert "badge-3" in html  # the recruiter is 3rd+ to a stranger
    seeker_html = chain["seeker"].get("/jobs/search?q=neo4j").get_data(as_text=True)
    assert chain["job_id"] in seeker_html and "badge-2" in seeker_html and "Fran Friend" in seeker_html
    assert chain["job_id"] in stranger.get("/jobs/search?q=acme").get_data(as_text=True)
    assert chain["job_id"] not in stranger.get("/jobs/search?q=zzz").get_data(as_text=True)


def test_feed_pages(app, members, chain):
    app.config["PAGE_SIZE"] = 2
    for n in range(4):
        post_job(chain["recruiter"], chain["company_id"], title=f"Extra role {n}")
    pages = [chain["seeker"].get(f"/jobs?page={n}").get_data(as_text=True) for n in (1, 2, 3)]
    found = [set(re.findall(r'/jobs/([0-9a-f]{32})"', page)) for page in pages]
    assert [len(f) for f in found] == [2, 2, 1]
    assert len(set().union(*found)) == 5
    assert "Page 1 of 3" in pages[0]


def test_nav_links(chain):
    # Jobs is a top-level section; its pages (companies, search, posting) are its sub-nav.
    home = chain["seeker"].get("/home").get_data(as_text=True)
    assert 'href="/jobs"' in home and 'class="subnav"' not in home
    jobs = chain["seeker"].get("/jobs").get_data(as_text=True)
    subnav = jobs.split('class="subnav"')[1].split("</nav>")[0]
    for link in ('href="/jobs"', 'href="/jobs/search"', 'href="/companies"', 'href="/jobs/post"'):
        assert link in subnav


def test_pages_need_login(app):
    client = app.test_client()
    for url in ("/jobs", "/jobs/search", "/companies", "/me/work-email"):
        assert client.get(url).status_code == 302
