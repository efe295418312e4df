"""Helpers for the workplace-channel tests: verified companies, employees with a confirmed
work e-mail there (written as the trust flow would; the flow itself is tested through the
app in test_workplace.py), and posting through the app."""
from __future__ import annotations

import re

import pytest

from .candidate_fixtures import World

POST_ID = re.compile(r"/workplace/posts/([0-9a-f]{32})")


class Workplace:
    """Companies and their verified employees, each with a logged-in client."""

    def __init__(self, app, members, world: World):
        self.app, self.members, self.world = app, members, world
        self.domains: dict[str, str] = {}

    def company(self, name: str, industry: str = "Software", verified: bool = True) -> str:
        company_id = self.world.company(name, industry=industry)
        domain = re.sub(r"[^a-z0-9]", "", name.lower()) + ".example"
        if verified:
            self.world.verify_company(company_id, domain)
        self.domains[company_id] = domain
        return company_id

    def employee(self, company_id: str, name: str | None = None, valid: bool = True):
        """A member with a confirmed work e-mail at the company; (client, member id)."""
        client, person_id = self.members.signup(name)
        self.world.confirm_work_email(person_id, self.domains[company_id], valid=valid)
        return client, person_id

    @staticmethod
    def post(client, url: str, title: str = "A fair title", body: str = "Something worth saying here.",
             topic: str = "culture", label: str = "company"):
        """Post through the channel's form; the response (302 to the thread when shown)."""
        return client.post(url, {"topic": topic, "title": title, "body": body, "label": label},
                           token_from=url)

    def post_id(self, client, url: str, **fields) -> str:
        """Post and return the new post's id (the post must be shown, not held)."""
        response = self.post(client, url, **fields)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        match = POST_ID.search(response.headers["Location"])
        assert match, response.headers["Location"]
        return match.group(1)

    @staticmethod
    def comment(client, post_id: str, body: str = "Same here."):
        url = f"/workplace/posts/{post_id}"
        return client.post(url + "/comments", {"body": body}, token_from=url)


@pytest.fixture
def workplace(app, members, clean_db, database):
    app.config["WORKPLACE_K"] = 3
    return Workplace(app, members, World(clean_db, database))
