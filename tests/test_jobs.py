"""Job posts end to end: who may post and change them, validation, the job page, closing."""
from __future__ import annotations

import pytest

from .job_support import (VALID_JOB, ask_to_recruit, befriend, confirm_work_email, create_company,
                          post_job)


@pytest.fixture
def recruiter(members):
    """A member who created Acme's page and is its verified recruiter."""
    client, person_id = members.signup("Rita Recruiter")
    company_id = create_company(client, "Acme", "acme.example")
    ask_to_recruit(client, company_id)
    return client, person_id, company_id


def _job_status(app, job_id):
    return app.extensions["graph"].jobs.job(job_id, "nobody")["job"]["status"]


def test_verified_recruiter_posts_and_job_page_shows_it(app, recruiter):
    client, _, company_id = recruiter
    job_id = post_job(client, company_id)
    html = client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert "Backend Engineer" in html and "Acme" in html
    assert "Rita Recruiter" in html and "Verified recruiter" in html
    assert "CNY 300,000–450,000 / year" in html and "Hybrid" in html and "Senior" in html
    assert "Neo4j" in html and "Python" in html
    data = app.extensions["graph"].jobs.job(job_id, "nobody")
    assert data["job"]["status"] == "open" and data["skills"] == ["Neo4j", "Python"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_non_recruiter_cannot_post(app, members, recruiter, method):
    _, _, company_id = recruiter
    outsider, _ = members.signup()
    url = f"/companies/{company_id}/jobs/new"
    response = outsider.get(url) if method == "get" else outsider.post(url, VALID_JOB)
    assert response.status_code == 403
    assert "Only verified recruiters of Acme can post jobs for it" in response.get_data(as_text=True)
    assert app.extensions["graph"].job_feed.search("", _no_filters(), 0, 10)[1] == 0


def test_pending_recruiter_cannot_post(members, recruiter):
    _, _, company_id = recruiter
    asker, _ = members.signup()
    ask_to_recruit(asker, company_id)
    response = asker.post(f"/companies/{company_id}/jobs/new", VALID_JOB)
    assert response.status_code == 403


def test_post_for_unknown_company_is_404(recruiter):
    client, _, _ = recruiter
    assert client.post(f"/companies/{'0' * 32}/jobs/new", VALID_JOB).status_code == 404


def test_recruiter_cannot_change_another_companys_job(app, members, recruiter):
    client, _, company_id = recruiter
    job_id = post_job(client, company_id)
    rival, _ = members.signup()
    rival_company = create_company(rival, "Rival", "rival.example")
    ask_to_recruit(rival, rival_company)
    edit = rival.post(f"/jobs/{job_id}/edit", {**VALID_JOB, "title": "Hijacked"})
    assert edit.status_code == 403
    assert "Only verified recruiters of Acme can change this job" in edit.get_data(as_text=True)
    assert rival.get(f"/jobs/{job_id}/edit").status_code == 403
    assert rival.post(f"/jobs/{job_id}/close").status_code == 403
    data = app.extensions["graph"].jobs.job(job_id, "nobody")
    assert data["job"]["title"] == "Backend Engineer" and data["job"]["status"] == "open"


def test_any_verified_recruiter_of_the_company_can_edit(app, members, recruiter):
    client, _, company_id = recruiter
    job_id = post_job(client, company_id)
    colleague, colleague_id = members.signup()
    ask_to_recruit(colleague, company_id)
    client.post(f"/companies/{company_id}/recruiters/{colleague_id}/approve")
    # An admin's approval needs the work e-mail on the company's domain too.
    response = colleague.post(f"/jobs/{job_id}/edit", {**VALID_JOB, "title": "Staff Engineer"})
    assert response.status_code in (403, 404)
    confirm_work_email(colleague, "colleague@acme.example")
    response = colleague.post(f"/jobs/{job_id}/edit",
                              {**VALID_JOB, "title": "Staff Engineer", "skills": "Go"})
    assert response.status_code == 302
    data = app.extensions["graph"].jobs.job(job_id, "nobody")
    assert data["job"]["title"] == "Staff Engineer" and data["skills"] == ["Go"]


def test_edit_form_is_prefilled(recruiter):
    client, _, company_id = recruiter
    job_id = post_job(client, company_id)
    html = client.get(f"/jobs/{job_id}/edit").get_data(as_text=True)
    assert 'value="Backend Engineer"' in html and 'value="Neo4j, Python"' in html


def test_close_and_reopen(app, recruiter):
    client, _, company_id = recruiter
    job_id = post_job(client, company_id)
    assert f'action="/jobs/{job_id}/close"' in client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert client.post(f"/jobs/{job_id}/close").status_code == 302
    assert f'action="/jobs/{job_id}/reopen"' in client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert _job_status(app, job_id) == "closed"
    assert "This job is closed" in client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert client.post(f"/jobs/{job_id}/reopen").status_code == 302
    assert _job_status(app, job_id) == "open"


def test_state_changes_need_post_and_csrf(app, recruiter):
    client, _, company_id = recruiter
    job_id = post_job(client, company_id)
    assert client.get(f"/jobs/{job_id}/close").status_code == 405
    assert client.raw_post(f"/jobs/{job_id}/close").status_code == 400
    assert _job_status(app, job_id) == "open"


def test_closed_job_leaves_the_feed_and_search(app, members, recruiter):
    client, recruiter_id, company_id = recruiter
    job_id = post_job(client, company_id)
    friend, friend_id = members.signup()
    seeker, seeker_id = members.signup()
    befriend(client, recruiter_id, friend, friend_id)
    befriend(friend, friend_id, seeker, seeker_id)
    assert "Backend Engineer" in seeker.get("/jobs").get_data(as_text=True)
    client.post(f"/jobs/{job_id}/close")
    feed = app.extensions["graph"].job_feed
    assert feed.feed(seeker_id, _no_filters(), 0, 10) == ([], 0)
    assert feed.search("", _no_filters(), 0, 10) == ([], 0)
    assert "Backend Engineer" not in seeker.get("/jobs").get_data(as_text=True)
    client.post(f"/jobs/{job_id}/reopen")
    assert feed.feed(seeker_id, _no_filters(), 0, 10)[1] == 1


def _no_filters():
    from graph.jobs.feed import JobFilters
    return JobFilters()


LONG = "x" * 5001


@pytest.mark.parametrize("changes, message", [
    ({"salary_min": "500000", "salary_max": "400000"}, "The maximum cannot be below the minimum."),
    ({"salary_min": "-1"}, "Enter a whole number from 0 to 100,000,000."),
    ({"salary_max": "abc"}, "Not a valid integer value."),
    ({"salary_min": ""}, "Enter the minimum salary"),
    ({"title": ""}, "Enter the job title."),
    ({"title": "t" * 121}, "Use at most 120 characters."),
    ({"description": ""}, "Describe the job."),
    ({"description": LONG}, "Use at most 5000 characters."),
    ({"city": ""}, "Enter the city, or choose Remote."),
    ({"city": "c" * 81}, "Use at most 80 characters."),
    ({"skills": ""}, "List at least one required skill."),
    ({"skills": ", ".join(f"s{i}" for i in range(21))}, "List at most 20 skills."),
    ({"skills": "s" * 51}, "Each skill can be at most 50 characters."),
    ({"currency": "BTC"}, "Not a valid choice"),
    ({"seniority": "wizard"}, "Not a valid choice"),
    ({"remote": "moon"}, "Not a valid choice"),
])
def test_job_validation(app, recruiter, changes, message):
    client, _, company_id = recruiter
    response = client.post(f"/companies/{company_id}/jobs/new", {**VALID_JOB, **changes})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert app.extensions["graph"].job_feed.search("", _no_filters(), 0, 10)[1] == 0


def test_remote_job_needs_no_city(recruiter):
    client, _, company_id = recruiter
    job_id = post_job(client, company_id, city="", remote="remote")
    assert "Remote" in client.get(f"/jobs/{job_id}").get_data(as_text=True)


def test_unknown_job_is_404(recruiter):
    client, _, _ = recruiter
    assert client.get(f"/jobs/{'0' * 32}").status_code == 404
    assert client.post(f"/jobs/{'0' * 32}/close").status_code == 404


def test_job_page_shows_paths_to_recruiter_and_employees(app, members, recruiter):
    client, recruiter_id, company_id = recruiter
    job_id = post_job(client, company_id)
    people = app.extensions["graph"].people
    friend, friend_id = members.signup("Fran Friend")
    employee, employee_id = members.signup("Eve Employee")
    seeker, seeker_id = members.signup("Sam Seeker")
    people.add_position(employee_id, "Acme", "Engineer", "2022-01", None)
    befriend(seeker, seeker_id, friend, friend_id)
    befriend(friend, friend_id, client, recruiter_id)
    befriend(friend, friend_id, employee, employee_id)
    html = seeker.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert "Fran Friend" in html and "Eve Employee" in html
    assert "1 of your connections works here (0 1st-degree, 1 2nd-degree)" in html
    connections = app.extensions["graph"].job_feed.company_connections(seeker_id, company_id)
    assert connections["secondCount"] == 1 and connections["firstCount"] == 0
    [path] = connections["paths"]
    assert path["person"]["id"] == employee_id and path["via"]["id"] == friend_id


def test_post_a_job_chooser(members, recruiter):
    client, _, company_id = recruiter
    response = client.get("/jobs/post")
    assert response.status_code == 302 and f"/companies/{company_id}/jobs/new" in response.headers["Location"]
    nobody, _ = members.signup()
    assert "Only verified recruiters post jobs" in nobody.get("/jobs/post").get_data(as_text=True)
