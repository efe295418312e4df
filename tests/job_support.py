"""Helpers for the company, recruiter and job tests: each goes through the real web flow."""
from __future__ import annotations

import re
import uuid
from email import message_from_bytes
from pathlib import Path

VALID_JOB = {"title": "Backend Engineer", "description": "Build the graph services.",
             "city": "Shanghai", "remote": "hybrid", "salary_min": "300000",
             "salary_max": "450000", "currency": "CNY", "seniority": "senior",
             "skills": "Python, Neo4j"}


def created_id(response, prefix: str) -> str:
    """The id at the end of a redirect to ``prefix<id>``."""
    assert response.status_code == 302, response.get_data(as_text=True)
    location = response.headers["Location"]
    match = re.search(re.escape(prefix) + r"([0-9a-f]{32})$", location)
    assert match, location
    return match.group(1)


def confirm_work_email(client, address: str) -> None:
    """Set and confirm the member's work e-mail through the real flow: the form, the link
    in the outbox, and the "Confirm" button."""
    response = client.post("/me/work-email", {"email": address}, token_from="/me/work-email")
    assert response.status_code == 302, response.get_data(as_text=True)
    folder = Path(client.client.application.config["OUTBOX_DIR"])
    sent = [path for path in sorted(folder.glob("*.eml"))
            if message_from_bytes(path.read_bytes())["To"] == address]
    assert sent, f"no confirmation mail to {address}"
    path = confirmation_path(message_from_bytes(sent[-1].read_bytes()))
    # Consumed: tests that read "the latest message" then see only their own mail.
    for used in sent:
        used.unlink()
    response = client.post(path, token_from=path)
    assert response.status_code == 302, response.get_data(as_text=True)


def create_company(client, name: str = "Acme", domain: str = "acme.example", **extra) -> str:
    """Create a company page through the form; returns its id. With a domain (the
    default), the creator first confirms a work e-mail there, so the page is verified by
    domain proof; ``domain=""`` makes an unverified page."""
    if domain:
        confirm_work_email(client, f"admin.{uuid.uuid4().hex[:8]}@{domain.lower()}")
    data = {"name": name, "domain": domain, "industry": "Software", "city": "Shanghai",
            "description": "We make things.", **extra}
    return created_id(client.post("/companies/new", data, token_from="/companies/new"),
                      "/companies/")


def ask_to_recruit(client, company_id: str):
    """Press "Ask to recruit" on the company page."""
    return client.post(f"/companies/{company_id}/recruit", token_from=f"/companies/{company_id}")


def post_job(client, company_id: str, **overrides) -> str:
    """Post a job through the form; returns its id."""
    url = f"/companies/{company_id}/jobs/new"
    return created_id(client.post(url, {**VALID_JOB, **overrides}, token_from=url), "/jobs/")


def befriend(first, first_id: str, second, second_id: str) -> None:
    """Make two members friends: one asks, the other accepts."""
    assert first.post(f"/people/{second_id}/friend-request").status_code == 302
    assert second.post(f"/people/{first_id}/accept").status_code == 302


def outbox_messages(folder: Path) -> list:
    """The messages written to the outbox, oldest first."""
    return [message_from_bytes(path.read_bytes()) for path in sorted(folder.glob("*.eml"))]


def confirmation_path(message) -> str:
    """The site path of the confirmation link in a message."""
    body = message.get_payload(decode=True).decode("utf-8")
    match = re.search(r"https?://[^/\s]+(/work-email/confirm/\S+)", body)
    assert match, body
    return match.group(1)
