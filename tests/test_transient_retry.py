"""Repository calls retry what the server calls transient (a deadlock) even though the
driver retries nothing itself (graph/driver.py ``FAST_FAIL_TIMEOUTS``, the opt-in mode
that bounds a frozen server at 2 s: a driver retry after a silent connection cost 5 s),
and they never retry a failure to reach the server."""
from __future__ import annotations

import logging
import socket
import threading

import pytest
from neo4j.exceptions import ServiceUnavailable

from graph.base import Repository
from graph.driver import FAST_FAIL_TIMEOUTS, make_driver

from .conftest import _settings


@pytest.fixture
def web_driver(clean_db):
    """A driver with the fast-failing web settings, on the suite's server."""
    uri, user, password, _ = _settings()
    web = make_driver(uri, user, password, timeouts=FAST_FAIL_TIMEOUTS)
    yield web
    web.close()


def _lock_both(tx, first, second, barrier, attempts):
    attempts.append(first)
    tx.run("MATCH (n:RetryProbe {name: $name}) SET n.touched = coalesce(n.touched, 0) + 1",
           name=first).consume()
    if len(attempts) <= 2:  # only each writer's first attempt waits for the other
        barrier.wait(timeout=20)
    tx.run("MATCH (n:RetryProbe {name: $name}) SET n.touched = coalesce(n.touched, 0) + 1",
           name=second).consume()


def test_a_deadlock_is_retried_and_both_writes_land(web_driver, database):
    web_driver.execute_query("CREATE (:RetryProbe {name: 'a'}), (:RetryProbe {name: 'b'})",
                             database_=database)
    repository = Repository(web_driver, database)
    barrier, attempts, errors = threading.Barrier(2), [], []

    def writer(first, second):
        try:
            repository._write(_lock_both, first, second, barrier, attempts)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=pair, daemon=True)
               for pair in (("a", "b"), ("b", "a"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    assert len(attempts) >= 3, "one writer must have been the deadlock's victim and retried"
    records, _, _ = web_driver.execute_query(
        "MATCH (n:RetryProbe) RETURN sum(n.touched) AS touched", database_=database)
    assert records[0]["touched"] == 4  # each writer's two updates, exactly once


def test_a_server_that_cannot_be_reached_is_tried_once(database, caplog):
    """Nothing listens on the port: the call fails without the driver's back-off and
    second attempt (the driver logs each retry it schedules)."""
    with socket.socket() as probe:  # a free port, closed again: connections are refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    calls = []
    caplog.set_level(logging.WARNING, logger="neo4j")
    unreachable = make_driver(f"bolt://127.0.0.1:{port}", timeouts=FAST_FAIL_TIMEOUTS)
    try:
        with pytest.raises(ServiceUnavailable):
            Repository(unreachable, database)._read(lambda tx: calls.append(tx))
    finally:
        unreachable.close()
    assert calls == []
    assert not [r for r in caplog.records if "will be retried" in r.getMessage()]
