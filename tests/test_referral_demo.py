"""The demo's referral story, and the issue's "done when" played on it: the employee sees
who fits, refers that friend, the friend confirms, the recruiter moves it to hired, and the
referrer's points and the leaderboard change."""
from __future__ import annotations

import re

from demo.network import DEMO_PASSWORD

from .conftest import CsrfClient
from .referral_support import query, referral_id_from


def _login(app, email: str) -> CsrfClient:
    client = CsrfClient(app.test_client())
    response = client.post("/login", {"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, email
    return client


def _points(app, email):
    rows = query(app, "MATCH (:Person {email: $e})-[:EARNED]->(a:PointAward) RETURN sum(a.points) AS p",
                 e=email)
    return rows[0]["p"] or 0


def test_demo_story_and_done_when(app, runner):
    result = runner.invoke(args=["load-demo"])
    assert result.exit_code == 0, result.output
    out = result.output
    employee = re.search(r"Employee: (\S+@demo\.example)", out).group(1)
    friend_name, friend = re.search(r"can refer (.+) \((\S+@demo\.example)\)", out).groups()
    recruiter = re.search(r"Recruiter: (\S+@demo\.example)", out).group(1)
    stages = {r["s"] for r in query(app, "MATCH (r:Referral) RETURN DISTINCT r.status AS s")}
    assert {"hired", "interviewing", "awaiting_candidate"} <= stages and len(stages) >= 4

    employee_client = _login(app, employee)
    who_fits = employee_client.get("/referrals/who-fits").get_data(as_text=True)
    assert friend_name in who_fits and "skills match" in who_fits
    company = query(app, "MATCH (:Person {email: $e})-[:WORKS_AT {current: true}]->(c) RETURN c.id AS id",
                    e=employee)[0]["id"]
    board = employee_client.get(f"/companies/{company}/leaderboard").get_data(as_text=True)
    assert board.count("points") >= 3   # the employee and colleagues are on it
    before = _points(app, employee)
    assert before >= 275                 # the earlier referral that was hired

    friend_id = query(app, "MATCH (p:Person {email: $e}) RETURN p.id AS id", e=friend)[0]["id"]
    job_id = re.search(r'id="job-([0-9a-f]{32})"', who_fits[:who_fits.index(friend_name)].rsplit("<section", 1)[1]).group(1)
    url = f"/jobs/{job_id}/refer"
    referral_id = referral_id_from(employee_client.post(
        url, {"kind": "friend", "friend": friend_id, "note": "Best fit I know."}, token_from=url))
    friend_client = _login(app, friend)
    page = f"/referrals/{referral_id}"
    assert friend_client.post(f"{page}/confirm", token_from=page).status_code == 302
    recruiter_client = _login(app, recruiter)
    for stage in ("reviewing", "interviewing", "offer", "hired"):
        response = recruiter_client.post(f"{page}/move", {"stage": stage, "comment": ""}, token_from=page)
        assert response.status_code == 302, stage
    assert _points(app, employee) == before + 275
    after = employee_client.get(f"/companies/{company}/leaderboard").get_data(as_text=True)
    assert after != board and str(before + 275) in after

    # Applications sit on the same job boards as the referrals (issue "close the hiring loop").
    applications = query(app, "MATCH (a:Application)-[:FOR_JOB]->(j:Job) "
                              "RETURN a.mode AS mode, a.status AS status, j.id AS job")
    assert {"self", "pseudonym"} <= {a["mode"] for a in applications}
    assert "interviewing" in {a["status"] for a in applications}
    boards = "".join(recruiter_client.get(f"/jobs/{job}/board").get_data(as_text=True)
                     for job in sorted({a["job"] for a in applications}))
    assert "Applied under a pseudonym" in boards and "Referral" in boards
