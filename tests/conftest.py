"""Fixtures: a real Neo4j (the one scripts/test.sh starts, or NEO4J_URI), an app, a client
that sends real CSRF tokens, and helpers to make members.

The suite wipes the database between tests. To protect real data it only ever wipes a
database that is empty or carries the suite's marker node.
"""
from __future__ import annotations

import os
import re

import pytest

from config import TestConfig
from graph.driver import make_driver
from graph.schema import apply_schema
from recruit import create_app

from .account_support import verify_email_through_link
# A test that hangs after pytest-timeout fired ends the run instead of hanging it.
from .hang_watchdog import pytest_runtest_protocol  # noqa: F401



def _settings():
    return (os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7688"),
            os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE", "neo4j"))


@pytest.fixture(scope="session")
def driver():
    uri, user, password, database = _settings()
    drv = make_driver(uri, user, password)
    try:
        drv.verify_connectivity()
    except Exception as exc:  # a missing Neo4j is a failure, never a skip
        pytest.fail(f"Neo4j is not reachable at {uri}: {exc}. Run the suite with scripts/test.sh.")
    records, _, _ = drv.execute_query(
        "RETURN COUNT { MATCH (n) WHERE NOT n:RecruitTestSuiteDatabase } > 0 AS hasData, "
        "EXISTS { MATCH (:RecruitTestSuiteDatabase) } AS marked", database_=database)
    if records[0]["hasData"] and not records[0]["marked"]:
        pytest.fail(f"The database at {uri} holds data and is not the test database; "
                    "refusing to wipe it.")
    apply_schema(drv, database)
    yield drv
    drv.close()


@pytest.fixture(scope="session")
def database():
    return _settings()[3]


def wipe(driver, database):
    """Delete everything but the marker node."""
    driver.execute_query("MATCH (n) WHERE NOT n:RecruitTestSuiteDatabase DETACH DELETE n",
                         database_=database)
    driver.execute_query("MERGE (:RecruitTestSuiteDatabase)", database_=database)


@pytest.fixture
def clean_db(driver, database):
    wipe(driver, database)
    return driver


@pytest.fixture
def app(clean_db):
    config = TestConfig()
    config.NEO4J_URI, config.NEO4J_USER, config.NEO4J_PASSWORD, config.NEO4J_DATABASE = _settings()
    application = create_app(config)
    yield application
    application.extensions["graph"].close()


class CsrfClient:
    """Wraps Flask's test client: ``post`` fetches a page first and sends its CSRF token."""

    TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')

    def __init__(self, client):
        self.client = client

    def get(self, *args, **kwargs):
        return self.client.get(*args, **kwargs)

    def token(self, page: str = "/login") -> str:
        html = self.client.get(page).get_data(as_text=True)
        match = self.TOKEN.search(html)
        if match is None:  # logged-in pages carry the token in the log-out form
            html = self.client.get("/home").get_data(as_text=True)
            match = self.TOKEN.search(html)
        assert match, "no CSRF token found on the page"
        return match.group(1)

    def post(self, url: str, data: dict | None = None, token_from: str = "/login", **kwargs):
        payload = dict(data or {})
        payload.setdefault("csrf_token", self.token(token_from))
        return self.client.post(url, data=payload, **kwargs)

    def raw_post(self, url: str, data: dict | None = None, **kwargs):
        """A POST without a token, as a cross-site form would send it."""
        return self.client.post(url, data=data or {}, **kwargs)


@pytest.fixture
def client(app):
    return CsrfClient(app.test_client())


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


PASSWORD = "correct horse battery"


class Members:
    """Creates members through the real sign-up flow and logs them in."""

    def __init__(self, app):
        self.app = app
        self.count = 0

    def signup(self, name: str | None = None, email: str | None = None,
               verify: bool = True) -> tuple[CsrfClient, str]:
        """A new member with their own logged-in client; returns (client, member id).
        The member confirms their e-mail through the mailed link unless ``verify`` is
        False."""
        self.count += 1
        name = name or f"Member {self.count}"
        email = email or f"member{self.count}@example.com"
        member_client = CsrfClient(self.app.test_client())
        response = member_client.post("/signup", {"name": name, "email": email,
                                                  "password": PASSWORD, "confirm": PASSWORD},
                                      token_from="/signup")
        assert response.status_code == 302, response.get_data(as_text=True)
        person_id = self.app.extensions["graph"].people.login_record(email)["id"]
        if verify:
            verify_email_through_link(self.app, member_client, email.strip().lower())
        member_client.member_id = person_id  # whose pages the client sees (scoped ids)
        return member_client, person_id


@pytest.fixture
def members(app):
    return Members(app)


# Referral tests: ``world`` (Acme, its recruiter, an employee and their friend)
# and ``outbox`` (mail to a fresh folder).
from .referral_support import outbox, world  # noqa: E402,F401
