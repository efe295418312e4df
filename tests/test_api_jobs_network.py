"""Network and jobs over the API: friends and requests, badges, member page, search, the
feed with its paths, and recruiters posting (idempotent), editing, closing, reopening."""
from __future__ import annotations

from .api_support import api_member, assert_problem
from .job_support import ask_to_recruit, create_company

JOB = {"title": "Backend Engineer", "description": "Build the graph services.",
       "city": "Shanghai", "remote": "hybrid", "salaryMin": 300000, "salaryMax": 450000,
       "currency": "CNY", "seniority": "senior", "skills": ["Python", "Neo4j"]}


def _befriend(a, a_id, b, b_id):
    assert a.post(f"/api/v1/people/{b_id}/friend-request").json["outcome"] == "sent"
    assert b.post(f"/api/v1/people/{a_id}/accept").status_code == 204


def test_friend_requests_degrees_badges_and_member_page(app, members):
    ann, ann_id, _ = api_member(app, members, "Ann")
    bob, bob_id, _ = api_member(app, members, "Bob")
    cat, cat_id, _ = api_member(app, members, "Cat")
    sent = ann.post(f"/api/v1/people/{bob_id}/friend-request")
    assert sent.status_code == 201
    assert [r["id"] for r in bob.get("/api/v1/network/requests").json["incoming"]] == [ann_id]
    assert_problem(ann.post(f"/api/v1/people/{bob_id}/friend-request"), 409)
    assert bob.post(f"/api/v1/people/{ann_id}/accept").status_code == 204
    _befriend(bob, bob_id, cat, cat_id)
    friends = ann.get("/api/v1/network/friends").json
    assert [r["person"]["id"] for r in friends["items"]] == [bob_id] and friends["next"] is None
    second = ann.get("/api/v1/network/second-degree").json["items"]
    assert [(r["person"]["id"], [v["id"] for v in r["via"]]) for r in second] == \
        [(cat_id, [bob_id])]
    badges = ann.get(f"/api/v1/network/badges?ids={cat_id}&ids={bob_id}&ids=unknown").json
    assert [(b["id"], b["degree"]) for b in badges["items"]] == [(cat_id, 2), (bob_id, 1)]
    page = ann.get(f"/api/v1/people/{cat_id}").json
    assert page["connection"]["degree"] == 2 and page["relationship"] == "none"
    assert [m["id"] for m in page["connection"]["mutuals"]] == [bob_id]
    assert page["profile"]["person"]["jobStatus"] is None  # private to Cat
    assert_problem(ann.get("/api/v1/people/nobody"), 404)
    found = ann.get("/api/v1/people/search?q=ca").json
    assert [r["id"] for r in found["items"]] == [cat_id] and found["items"][0]["badge"]["degree"] == 2
    assert_problem(ann.get("/api/v1/people/search?q=c"), 400, "validation")
    assert ann.post(f"/api/v1/people/{bob_id}/unfriend").status_code == 204
    assert ann.get("/api/v1/network/friends").json["total"] == 0


def test_cursor_pagination(app, members):
    ann, ann_id, _ = api_member(app, members, "Ann")
    ids = []
    for name in ("Bea", "Cid", "Dee"):
        other, other_id, _ = api_member(app, members, name)
        _befriend(ann, ann_id, other, other_id)
        ids.append(other_id)
    first = ann.get("/api/v1/network/friends?limit=2").json
    assert len(first["items"]) == 2 and first["total"] == 3 and first["next"]
    rest = ann.get(f"/api/v1/network/friends?limit=2&cursor={first['next']}").json
    assert [r["person"]["id"] for r in first["items"] + rest["items"]] == ids
    assert rest["next"] is None
    assert_problem(ann.get("/api/v1/network/friends?cursor=forged"), 400)
    assert_problem(ann.get("/api/v1/network/friends?limit=1000"), 400)


def test_recruiter_posts_edits_closes_and_reopens_and_seeker_finds_it(app, members):
    rita, rita_id, rita_web = api_member(app, members, "Rita Recruiter")
    company_id = create_company(rita_web, "Acme", "acme.example")
    ask_to_recruit(rita_web, company_id)
    assert [c["id"] for c in rita.get("/api/v1/jobs/posting-companies").json["items"]] == \
        [company_id]
    key = {"Idempotency-Key": "job-post-0123456789abcdef"}
    posted = rita.post(f"/api/v1/companies/{company_id}/jobs", json=JOB, headers=key)
    assert posted.status_code == 201
    again = rita.post(f"/api/v1/companies/{company_id}/jobs", json=JOB, headers=key)
    assert again.json["id"] == posted.json["id"]
    job_id = posted.json["id"]
    assert rita.get("/api/v1/jobs/search?q=backend").json["total"] == 1
    seeker, seeker_id, _ = api_member(app, members, "Sam Seeker")
    _befriend(seeker, seeker_id, rita, rita_id)
    feed = seeker.get("/api/v1/jobs/feed?skills=Python").json
    assert [row["job"]["id"] for row in feed["items"]] == [job_id]
    path = feed["items"][0]["path"]
    assert path["target"]["id"] == rita_id and path["degree"] == 1 and path["kind"] == "recruiter"
    page = seeker.get(f"/api/v1/jobs/{job_id}").json
    assert page["canEdit"] is False and page["recruiter"]["badge"]["degree"] == 1
    assert_problem(seeker.put(f"/api/v1/jobs/{job_id}", json=JOB), 403)
    assert_problem(seeker.post(f"/api/v1/companies/{company_id}/jobs", json=JOB), 403)
    assert_problem(seeker.post(f"/api/v1/jobs/{job_id}/close"), 403)
    edited = rita.put(f"/api/v1/jobs/{job_id}", json={**JOB, "title": "Graph Engineer"})
    assert edited.json["job"]["title"] == "Graph Engineer"
    bad = rita.put(f"/api/v1/jobs/{job_id}", json={**JOB, "salaryMax": 1})
    assert "salary_max" in assert_problem(bad, 400, "validation")["errors"]
    assert rita.post(f"/api/v1/jobs/{job_id}/close").status_code == 204
    assert seeker.get("/api/v1/jobs/feed").json["total"] == 0
    assert rita.post(f"/api/v1/jobs/{job_id}/reopen").status_code == 204
    assert seeker.get("/api/v1/jobs/feed").json["total"] == 1
    assert_problem(rita.post("/api/v1/companies/nope/jobs", json=JOB), 404)
    assert_problem(rita.get("/api/v1/jobs/nope"), 404)


def test_a_jobs_team_is_written_and_read_like_the_job_form(app, members):
    rita, rita_id, rita_web = api_member(app, members, "Rita Recruiter")
    company_id = create_company(rita_web, "Acme", "acme.example")
    ask_to_recruit(rita_web, company_id)
    posted = rita.post(f"/api/v1/companies/{company_id}/jobs",
                       json={**JOB, "team": "  Payments "})
    assert posted.status_code == 201, posted.get_data(as_text=True)
    job_id = posted.json["id"]
    assert rita.get(f"/api/v1/jobs/{job_id}").json["job"]["team"] == "Payments"
    seeker, seeker_id, _ = api_member(app, members, "Sam Seeker")
    _befriend(seeker, seeker_id, rita, rita_id)
    assert [row["job"]["team"] for row in seeker.get("/api/v1/jobs/feed").json["items"]] \
        == ["Payments"]
    assert [row["job"]["team"] for row in
            seeker.get("/api/v1/jobs/search?q=backend").json["items"]] == ["Payments"]
    too_long = rita.put(f"/api/v1/jobs/{job_id}", json={**JOB, "team": "x" * 61})
    assert "team" in assert_problem(too_long, 400, "validation")["errors"]
    # Only the job's recruiters rewrite it, team included.
    assert_problem(seeker.put(f"/api/v1/jobs/{job_id}", json={**JOB, "team": "Mine"}), 403)
    assert rita.get(f"/api/v1/jobs/{job_id}").json["job"]["team"] == "Payments"
    # Optional, as on the form: an edit without it clears it.
    assert rita.put(f"/api/v1/jobs/{job_id}", json=JOB).json["job"]["team"] == ""


def test_people_you_may_know_and_circles(app, members):
    ann, ann_id, _ = api_member(app, members, "Ann")
    bob, bob_id, _ = api_member(app, members, "Bob")
    cat, cat_id, _ = api_member(app, members, "Cat")
    _befriend(ann, ann_id, bob, bob_id)
    _befriend(bob, bob_id, cat, cat_id)
    bob.post("/api/v1/me/positions", json={"company": "Acme", "title": "Engineer",
                                           "start": "2020-01", "current": True})
    page = ann.get("/api/v1/suggestions").json
    assert [(r["person"]["id"], r["badge"]["degree"]) for r in page["items"]] == [(cat_id, 2)]
    assert [m["id"] for m in page["items"][0]["badge"]["mutuals"]] == [bob_id]
    assert ann.post(f"/api/v1/suggestions/{cat_id}/dismiss").status_code == 204
    assert ann.get("/api/v1/suggestions").json["total"] == 0
    assert_problem(ann.post(f"/api/v1/suggestions/{ann_id}/dismiss"), 400)
    assert ann.post("/api/v1/suggestions/restore").json == {"restored": 1}
    circles = ann.get("/api/v1/circles").json
    assert {"kind": "company", "key": "acme", "name": "Acme", "size": 1} in circles["items"]
    members_page = ann.get("/api/v1/circles/company/acme").json
    assert [m["id"] for m in members_page["items"]] == [bob_id]
    assert ann.get("/api/v1/circles/all/all").json["total"] == 1
    assert_problem(ann.get("/api/v1/circles/company/initech"), 404)
    assert_problem(ann.get("/api/v1/circles/nonsense/acme"), 404)
