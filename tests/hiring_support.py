"""Helpers for the hiring tests: applying with a résumé through the real form, and
reading the graph where a page must not show something."""
from __future__ import annotations

import io

from .pdf_support import pdf_with_text
from .referral_support import query

RESUME_TEXT = "Carl Candidate backend engineer Python Neo4j graph services"


def apply(client, job_id: str, mode: str = "self", pdf: bytes | None = None,
          filename: str = "cv.pdf", note: str = ""):
    """Submit the apply form (multipart, with a real CSRF token)."""
    url = f"/jobs/{job_id}/apply"
    data = {"mode": mode, "note": note}
    if pdf is not None:
        data["resume"] = (io.BytesIO(pdf), filename)
    return client.post(url, data, token_from=url, content_type="multipart/form-data")


def resume_pdf() -> bytes:
    """The test résumé."""
    return pdf_with_text(RESUME_TEXT)


def application_of(app, person_id: str, job_id: str) -> dict:
    """The member's latest application for the job, read from the graph."""
    rows = query(app, "MATCH (:Person {id: $p})-[:APPLIED]->(a:Application)-[:FOR_JOB]->"
                      "(:Job {id: $j}) OPTIONAL MATCH (a)-[:HAS_RESUME]->(f:Resume) "
                      "RETURN a.id AS id, a.status AS status, a.mode AS mode, f.id AS resumeId, "
                      "f.text AS text ORDER BY a.createdAt DESC LIMIT 1",
                 p=person_id, j=job_id)
    assert rows, "no application"
    return rows[0]


def move_card(client, job_id: str, kind: str, card_id: str, stage: str, **extra):
    """A recruiter moves a card on the job's board."""
    url = f"/jobs/{job_id}/board"
    return client.post(f"{url}/{kind}/{card_id}/move", {"stage": stage, **extra}, token_from=url)


def notices_of(app, person_id: str) -> list[str]:
    """The texts of a member's notices, latest first."""
    return [r["text"] for r in query(
        app, "MATCH (:Person {id: $p})-[:NOTIFIED]->(n:Notification) "
             "RETURN n.text AS text ORDER BY n.createdAt DESC, n.seq DESC", p=person_id)]
