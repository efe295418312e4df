"""Demo data: companies with admins, verified recruiters and jobs; a live feed for the
demo logins; the same rows on every run."""
from __future__ import annotations

from demo.network import DEMO_PASSWORD, generate
from graph.jobs.feed import JobFilters


def test_demo_hiring_is_deterministic():
    first, second = generate(), generate()
    assert first.jobs == second.jobs and first.recruiters == second.recruiters
    assert first.admins == second.admins
    assert sum(job["status"] == "open" for job in first.jobs) >= 60
    assert any(job["status"] == "closed" for job in first.jobs)


def test_demo_feed_is_alive_for_every_demo_login(app, runner):
    result = runner.invoke(args=["load-demo"])
    assert result.exit_code == 0, result.output
    assert "open jobs" in result.output and "verified recruiter" in result.output
    data = generate()
    feed = app.extensions["graph"].job_feed
    for person in data.people[:4]:
        rows, total = feed.feed(person["id"], JobFilters(), 0, 20)
        assert total > 0, person["name"]
        assert all(row["path"]["degree"] in (1, 2) for row in rows)
    records, _, _ = app.extensions["graph"].driver.execute_query(
        "MATCH (c:Company) WHERE EXISTS { (:Person)-[:ADMIN_OF]->(c) } "
        "RETURN count(c) AS pages, "
        "COUNT { (:Person)-[:RECRUITS_FOR {status: 'verified'}]->(:Company) } AS recruiters, "
        "COUNT { (:Job {status: 'open'}) } AS open",
        database_=app.config["NEO4J_DATABASE"])
    assert records[0]["pages"] >= 15 and records[0]["recruiters"] >= 20
    assert records[0]["open"] >= 60


def test_second_demo_login_can_post_a_job(app, runner, client):
    runner.invoke(args=["load-demo"])
    login = generate().people[1]
    response = client.post("/login", {"email": login["email"], "password": DEMO_PASSWORD})
    assert response.status_code == 302
    chooser = client.get("/jobs/post")
    assert chooser.status_code == 302
    assert client.get(chooser.headers["Location"]).status_code == 200
