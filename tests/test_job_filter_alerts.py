"""Saved job filters: a job seeker saves the feed's filters and is alerted once when a
matching job opens in their network, never for a job outside it; the list and delete
page, the caps, CSRF, and another member's filters out of reach. Through the app, against
the real Neo4j."""
from __future__ import annotations

import pytest

from graph.alerts.job_filters import MAX_SAVED_FILTERS, SAVED_FILTER_MATCHES_JOB

from .hiring_support import notices_of
from .job_support import outbox_messages, post_job
from .referral_support import member, query


def save_filter(client, **filters):
    """Press "Alert me to new jobs like these" on the feed with these filters."""
    data = {"currency": "CNY", **filters}
    return client.post("/jobs/saved-filters", data, token_from="/jobs")


def job_alerts_of(app, person_id: str) -> list[str]:
    return [t for t in notices_of(app, person_id) if t.startswith("New job")]


def test_a_saved_filter_announces_each_matching_job_once(app, world, outbox):
    carl = world.candidate  # a friend of Eve, who works at Acme: Acme's jobs are in his network
    assert save_filter(carl.client, city="Shanghai", skills="Python").status_code == 302
    page = carl.client.get("/jobs/saved-filters").get_data(as_text=True)
    assert "Shanghai · Python" in page

    post_job(world.recruiter.client, world.company_id, title="Beijing Engineer", city="Beijing")
    job_id = post_job(world.recruiter.client, world.company_id, title="Graph Engineer")
    alerts = job_alerts_of(app, carl.id)
    assert alerts[0] == ("New job in your network matching your saved filter "
                         "“Shanghai · Python”: Graph Engineer at Acme.")
    assert alerts[1] == "New job in your network: Beijing Engineer at Acme."  # no match: plain
    with app.app_context():
        from recruit.alerts.work import fire_job_alerts
        assert fire_job_alerts(job_id) == 0  # once per match, however often the task runs
    assert len(job_alerts_of(app, carl.id)) == 2

    # A filter match is in the digest even on the default "on the site" frequency.
    from recruit.alerts.work import send_alert_digests
    with app.test_request_context():
        assert send_alert_digests() == 1
    [mail] = [m for m in outbox_messages(outbox) if "new alert" in m["Subject"]]
    body = mail.get_payload(decode=True).decode()
    assert "Graph Engineer" in body and "Beijing Engineer" not in body


def test_filters_still_alert_when_plain_job_alerts_are_off(app, world):
    carl = world.candidate
    from .test_alerts import _settings
    assert _settings(carl.client, job_alerts="off").status_code == 302
    assert save_filter(carl.client, skills="Neo4j", min_salary="400000").status_code == 302
    assert "these filters still alert you" in carl.client.get("/jobs/saved-filters").get_data(as_text=True)
    post_job(world.recruiter.client, world.company_id, title="Low Pay", salary_max="350000")
    post_job(world.recruiter.client, world.company_id, title="High Pay", salary_max="500000")
    assert job_alerts_of(app, carl.id) == [
        "New job in your network matching your saved filter “Neo4j · ≥ 400,000 CNY”: "
        "High Pay at Acme."]
    # Switching alert notices off on the site silences these too.
    assert _settings(carl.client, off={"alerts:app"}, job_alerts="off").status_code == 302
    post_job(world.recruiter.client, world.company_id, title="Higher Pay", salary_max="600000")
    assert not any("Higher Pay" in t for t in notices_of(app, carl.id))


def test_never_alerted_to_a_job_outside_the_two_degree_network(app, members, world):
    mallory = member(members, "Mallory Outsider")  # no friends: nothing is within two degrees
    assert save_filter(mallory.client, skills="Python").status_code == 302
    third = member(members, "Theo Third")  # three hops from Eve: Eve - Carl - Dana - Theo
    dana = member(members, "Dana Second")
    from .job_support import befriend
    befriend(world.candidate.client, world.candidate.id, dana.client, dana.id)
    befriend(dana.client, dana.id, third.client, third.id)
    assert save_filter(dana.client, skills="Python").status_code == 302
    assert save_filter(third.client, skills="Python").status_code == 302
    post_job(world.recruiter.client, world.company_id, title="Graph Engineer")
    assert job_alerts_of(app, mallory.id) == []
    assert job_alerts_of(app, third.id) == []
    assert any("saved filter" in t for t in job_alerts_of(app, dana.id))  # 2nd degree: yes
    # Nor is anyone at the company alerted, filter or not.
    assert save_filter(world.employee.client, skills="Python").status_code == 302
    post_job(world.recruiter.client, world.company_id, title="Another Engineer")
    assert job_alerts_of(app, world.employee.id) == []


def test_another_members_filters_are_out_of_reach(app, members, world):
    carl = world.candidate
    assert save_filter(carl.client, city="Shanghai").status_code == 302
    [row] = query(app, "MATCH (f:SavedJobFilter) RETURN f.id AS id")
    mallory = member(members, "Mallory Outsider")
    assert "Shanghai" not in mallory.client.get("/jobs/saved-filters").get_data(as_text=True)
    response = mallory.client.post(f"/jobs/saved-filters/{row['id']}/delete",
                                   token_from="/jobs/saved-filters")
    assert response.status_code == 404
    assert mallory.client.get(f"/jobs/saved-filters/{row['id']}/delete").status_code == 405
    # No state change without a CSRF token, for saving or deleting.
    assert carl.client.raw_post(f"/jobs/saved-filters/{row['id']}/delete").status_code == 400
    assert carl.client.raw_post("/jobs/saved-filters", {"city": "Hangzhou"}).status_code == 400
    assert query(app, "MATCH (f:SavedJobFilter) RETURN f.city AS city") == [{"city": "Shanghai"}]
    assert carl.client.post(f"/jobs/saved-filters/{row['id']}/delete",
                            token_from="/jobs/saved-filters").status_code == 302
    assert query(app, "MATCH (f:SavedJobFilter) RETURN count(f) AS n")[0]["n"] == 0


@pytest.mark.parametrize("data, status, message", [
    ({}, 400, "Choose at least one filter"),
    ({"min_salary": "-5"}, 400, "Enter a whole number"),
    ({"remote": "sometimes"}, 400, "Not a valid choice"),
    ({"skills": ",".join(f"s{i}" for i in range(30))}, 400, "at most"),
])
def test_bad_filters_answer_400_with_a_message(app, world, data, status, message):
    response = save_filter(world.candidate.client, **data)
    assert response.status_code == status and message in response.get_data(as_text=True)
    assert query(app, "MATCH (f:SavedJobFilter) RETURN count(f) AS n")[0]["n"] == 0


def test_caps_and_duplicates(app, world):
    client = world.candidate.client
    for i in range(MAX_SAVED_FILTERS):
        assert save_filter(client, city=f"City {i}").status_code == 302
    response = save_filter(client, city="One Too Many")
    assert response.status_code == 400 and "delete one first" in response.get_data(as_text=True)
    [row] = query(app, "MATCH (f:SavedJobFilter {city: 'City 0'}) RETURN f.id AS id")
    assert client.post(f"/jobs/saved-filters/{row['id']}/delete",
                       token_from="/jobs/saved-filters").status_code == 302
    duplicate = save_filter(client, city="  city 1 ")  # the same filter, written differently
    assert duplicate.status_code == 409 and "already" in duplicate.get_data(as_text=True)


def test_a_saved_filter_matches_exactly_what_the_feed_shows(app, world):
    """Oracle: for each filter and job, the saved filter's predicate agrees with the feed
    filtered the same way."""
    carl = world.candidate
    jobs = {
        "Graph Engineer": post_job(world.recruiter.client, world.company_id, title="Graph Engineer"),
        "Remote Go Dev": post_job(world.recruiter.client, world.company_id, title="Remote Go Dev",
                                  city="", remote="remote", skills="Go", currency="USD",
                                  salary_min="90000", salary_max="120000"),
        "Beijing Analyst": post_job(world.recruiter.client, world.company_id,
                                    title="Beijing Analyst", city="Beijing", remote="onsite",
                                    skills="SQL, Python", salary_max="300000"),
    }
    filters = [{"city": "shang"}, {"remote": "remote"}, {"skills": "python"},
               {"skills": "Python, Neo4j"}, {"min_salary": "400000"},
               {"min_salary": "100000", "currency": "USD"}, {"city": "Beijing", "skills": "SQL"}]
    for filters_ in filters:
        assert save_filter(carl.client, **filters_).status_code == 302
        [saved] = query(app, "MATCH (f:SavedJobFilter) RETURN f.id AS id")
        args = {"currency": "CNY", **filters_}
        feed = carl.client.get("/jobs", query_string=args).get_data(as_text=True)
        for title, job_id in jobs.items():
            [match] = query(app, "MATCH (f:SavedJobFilter {id: $f}), (j:Job {id: $j}) RETURN "
                                 + SAVED_FILTER_MATCHES_JOB + " AS hit", f=saved["id"], j=job_id)
            assert match["hit"] is (title in feed), (filters_, title)
        assert carl.client.post(f"/jobs/saved-filters/{saved['id']}/delete",
                                token_from="/jobs/saved-filters").status_code == 302
