"""After a POST the serving process catches its network index up with the changes it just
logged (recruit/extensions.py ``_apply_own_writes``), but only after a POST that
succeeded: a refused one logged nothing, and after a 503 the database is away, where the
catch-up only made the answer wait a second connection timeout (a frozen Neo4j: 4 s)."""
from __future__ import annotations

import threading

import pytest

from config import TestConfig
from recruit import create_app

from .conftest import CsrfClient


@pytest.fixture
def indexed_app(app):
    config = TestConfig()
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        setattr(config, key, app.config[key])
    config.NETWORK_INDEX = True
    indexed = create_app(config)
    index = indexed.extensions["graph"].index
    index.rebuild()
    assert index.warm
    yield indexed
    indexed.extensions["graph"].close()


def test_only_a_post_that_succeeded_catches_the_index_up(indexed_app, monkeypatch):
    index = indexed_app.extensions["graph"].index
    catch_ups = []  # by the request itself: the index's poll thread catches up too

    def catch_up(*args, **kwargs):
        if threading.current_thread() is threading.main_thread():
            catch_ups.append(1)

    monkeypatch.setattr(index, "catch_up", catch_up)
    browser = CsrfClient(indexed_app.test_client())

    refused = browser.client.post("/language", data={"locale": "en"})  # no CSRF token
    assert refused.status_code == 400
    assert catch_ups == []

    switched = browser.post("/language", {"locale": "en", "next": "/login"})
    assert switched.status_code == 302
    assert catch_ups == [1]
