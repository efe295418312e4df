"""Helpers for the referral and introduction tests: a small world built through the real
web flows (sign-up, profile forms, company page, job post, friend requests)."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from .job_support import ask_to_recruit, befriend, create_company, post_job


def work_at(client, company: str, title: str = "Software Engineer", start: str = "2019-01",
            end: str | None = None) -> None:
    """Add a position through the profile form (current unless ``end`` is given)."""
    data = {"company": company, "title": title, "start": start}
    data.update({"end": end} if end else {"current": "y"})
    assert client.post("/me/positions", data, token_from="/me").status_code == 302


def set_skills(client, skills: str) -> None:
    """Replace the member's skills through the profile form."""
    assert client.post("/me/skills", {"skills": skills}, token_from="/me").status_code == 302


def set_status(client, status: str) -> None:
    """Set the (private) job status through the profile form."""
    assert client.post("/me/basics", {"headline": "", "job_status": status},
                       token_from="/me").status_code == 302


def query(app, cypher: str, **params) -> list[dict]:
    """Read the graph directly (to check what the pages must not show)."""
    records, _, _ = app.extensions["graph"].driver.execute_query(
        cypher, params, database_=app.config["NEO4J_DATABASE"])
    return [r.data() for r in records]


def referral_id_from(response) -> str:
    """The referral id at the end of a redirect to its page."""
    assert response.status_code == 302, response.get_data(as_text=True)
    match = re.search(r"/referrals/([0-9a-f]{32})$", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


@dataclass
class Member:
    client: object
    id: str
    name: str


@dataclass
class World:
    """Acme with a verified recruiter and an open job; an employee with a friend."""

    recruiter: Member
    employee: Member
    candidate: Member
    company_id: str
    job_id: str


def member(members, name: str) -> Member:
    client, person_id = members.signup(name)
    return Member(client, person_id, name)


def build_world(members) -> World:
    recruiter = member(members, "Rita Recruiter")
    company_id = create_company(recruiter.client, "Acme", "acme.example")
    ask_to_recruit(recruiter.client, company_id)
    job_id = post_job(recruiter.client, company_id, skills="Python, Neo4j, Go",
                      seniority="senior")
    employee = member(members, "Eve Employee")
    work_at(employee.client, "Acme")
    candidate = member(members, "Carl Candidate")
    befriend(employee.client, employee.id, candidate.client, candidate.id)
    return World(recruiter, employee, candidate, company_id, job_id)


@pytest.fixture
def world(members) -> World:
    return build_world(members)


@pytest.fixture
def outbox(app, tmp_path):
    """Mail goes to a fresh outbox folder."""
    folder = tmp_path / "outbox"
    app.config["OUTBOX_DIR"] = str(folder)
    app.config["SMTP_HOST"] = ""
    return folder


def refer(client, job_id: str, friend_id: str, note: str = "Great engineer."):
    """Submit the refer form for a friend."""
    url = f"/jobs/{job_id}/refer"
    return client.post(url, {"kind": "friend", "friend": friend_id, "note": note}, token_from=url)


def confirm(client, referral_id: str):
    """The candidate confirms a referral from its page."""
    page = f"/referrals/{referral_id}"
    return client.post(f"{page}/confirm", token_from=page)


def move(client, referral_id: str, stage: str, comment: str = ""):
    """A recruiter moves a referral (the token comes from a page they can see)."""
    return client.post(f"/referrals/{referral_id}/move", {"stage": stage, "comment": comment},
                       token_from="/home")


def confirmed_referral(world: World) -> str:
    """Eve refers Carl and Carl confirms; returns the referral id."""
    referral_id = referral_id_from(refer(world.employee.client, world.job_id, world.candidate.id))
    assert confirm(world.candidate.client, referral_id).status_code == 302
    return referral_id
