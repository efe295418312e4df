"""Schemathesis against the live app on the real Neo4j: every operation of the OpenAPI
document gets generated requests (valid and invalid), sent as a seeded member with a real
token, and every answer must be below 500, match its documented schema and content type,
and carry a documented status code.

``API_FUZZ_EXAMPLES`` sets the cases per operation (default 50, the CI floor; raise it
for a deeper run: ``API_FUZZ_EXAMPLES=500 bash scripts/test.sh tests/test_api_fuzz.py``).
``API_FUZZ_PATHS`` (a regular expression searched in each path) fuzzes only the matching
operations, for working on a few: ``API_FUZZ_PATHS='/applications|/board'``.
The world is seeded once for the module, so the suite's runtime stays modest.
"""
from __future__ import annotations

import os
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance,
                                               response_headers_conformance,
                                               response_schema_conformance,
                                               status_code_conformance)

import config as app_config
from recruit import create_app

from .api_support import login_token
from .conftest import Members, _settings, wipe
from .job_support import ask_to_recruit, befriend, create_company, post_job

FUZZ_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "50"))
FUZZ_PATHS = re.compile(os.environ.get("API_FUZZ_PATHS", ""))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]


@pytest.fixture(scope="module")
def fuzz_world(driver, database):
    """An app on a freshly wiped database with a small world: the fuzzing member (a job
    seeker with a friend), a verified recruiter of Acme who is that friend's friend, and
    an open job. Yields ``(app, token)``."""
    wipe(driver, database)
    config = app_config.TestConfig()
    config.NEO4J_URI, config.NEO4J_USER, config.NEO4J_PASSWORD, config.NEO4J_DATABASE = \
        _settings()
    config.API_RATE_LIMIT = "100000 per minute"  # the limit has its own test
    app = create_app(config)
    members = Members(app)
    seeker, seeker_id = members.signup("Fuzz Seeker", "fuzz@example.com")
    friend, friend_id = members.signup("Fay Friend")
    recruiter, recruiter_id = members.signup("Rita Recruiter")
    befriend(seeker, seeker_id, friend, friend_id)
    befriend(friend, friend_id, recruiter, recruiter_id)
    company_id = create_company(recruiter, "Acme", "acme.example")
    ask_to_recruit(recruiter, company_id)
    post_job(recruiter, company_id)
    yield app, login_token(app, "fuzz@example.com", "schemathesis")
    app.extensions["graph"].close()
    wipe(driver, database)


@pytest.fixture(scope="module")
def api_schema(fuzz_world):
    app, _ = fuzz_world
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def _operations() -> list[tuple[str, str]]:
    """Every (method, path) of the document, read from an app that touches no database."""
    app = create_app(app_config.TestConfig())
    try:
        spec = app.test_client().get("/api/v1/openapi.json").json
    finally:
        app.extensions["graph"].close()
    return [(method.upper(), path) for path, item in spec["paths"].items()
            for method in item if method in ("get", "post", "put", "patch", "delete")
            and FUZZ_PATHS.search(path)]


# Schemathesis drives the requests; pytest gives each operation its own test (its pytest
# plugin does not run on this pytest, so the operations are parametrized here).
@pytest.mark.parametrize(("method", "path"), _operations())
def test_every_operation_holds_its_contract(method, path, api_schema, fuzz_world):
    _, token = fuzz_world
    operation = api_schema[path][method]
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                      operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=cases)
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def holds(case):
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

    holds()
