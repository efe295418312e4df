"""The demo shows the hiring loop working: demo applications carry generated résumé PDFs
the recruiters can download, a recruiter has a saved candidate search, job seekers have
saved job filters and alerts waiting."""
from __future__ import annotations

from pathlib import Path

from demo.network import DEMO_PASSWORD
from demo.resumes import demo_resume

from .conftest import CsrfClient
from .referral_support import query


def _login(app, email: str) -> CsrfClient:
    client = CsrfClient(app.test_client())
    assert client.post("/login", {"email": email, "password": DEMO_PASSWORD}).status_code == 302
    return client


def test_demo_resume_is_a_pdf_the_app_reads():
    from recruit.hiring.resumes import read_pdf
    read = read_pdf(demo_resume("li.wei", "Backend engineer", ["Python", "Neo4j"]), 1 << 20)
    assert read["pages"] == 1 and "Skills: Neo4j" not in read["text"]
    assert "Curriculum vitae - li.wei" in read["text"] and "Python, Neo4j" in read["text"]


def test_demo_has_resumes_saved_searches_filters_and_alerts(app, runner, tmp_path):
    app.config["RESUME_DIR"] = str(tmp_path / "resumes")
    result = runner.invoke(args=["load-demo"])
    assert result.exit_code == 0, result.output
    assert "Alerts demo:" in result.output

    [row] = query(app, "MATCH (a:Application)-[:HAS_RESUME]->(f:Resume) "
                       "WHERE a.mode = 'self' AND a.status IN ['submitted', 'reviewing', 'interviewing'] "
                       "MATCH (a)-[:FOR_JOB]->(j)-[:AT]->(c)<-[:RECRUITS_FOR {status: 'verified'}]-(r) "
                       "RETURN a.id AS id, f.id AS resume, f.text AS text, r.email AS recruiter "
                       "ORDER BY a.createdAt LIMIT 1")
    assert "Curriculum vitae" in row["text"]
    assert (Path(app.config["RESUME_DIR"]) / f"{row['resume']}.pdf").exists()
    got = _login(app, row["recruiter"]).get(f"/applications/{row['id']}/resume")
    assert got.status_code == 200 and got.data.startswith(b"%PDF-")

    searches = query(app, "MATCH (p:Person)-[:SAVED]->(s:SavedSearch) RETURN p.email AS email")
    assert len(searches) == 1
    page = _login(app, searches[0]["email"]).get("/me/notifications").get_data(as_text=True)
    assert "Saved candidate searches" in page and "None." not in page.split("Saved candidate searches")[1]

    seekers = query(app, "MATCH (p:Person)-[:SAVED_FILTER]->(f:SavedJobFilter) "
                         "RETURN p.email AS email, f.city AS city ORDER BY p.email")
    assert seekers
    seeker = _login(app, seekers[0]["email"])
    assert seekers[0]["city"] in seeker.get("/jobs/saved-filters").get_data(as_text=True)
    notices = seeker.get("/notices").get_data(as_text=True)
    assert "matching your saved filter" in notices
