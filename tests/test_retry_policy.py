"""Repository calls retry what a retry can fix, and nothing else (graph.base.RetryPolicy):
a deadlock is retried until both writers succeed; a connectivity failure is retried when it
was quick (a stale pooled connection) and not when the server held the connection and
answered nothing (a frozen server: the request should answer 503, not wait again)."""
from __future__ import annotations

import threading

import pytest
from neo4j.exceptions import ConstraintError, ServiceUnavailable, SessionExpired

from graph.base import Repository, RetryPolicy, _retryable, run_transaction

WEB = RetryPolicy(budget=0.5, retry_silent_server=False)


@pytest.mark.parametrize("error", [ServiceUnavailable("gone"), SessionExpired("gone")])
def test_a_quick_connectivity_failure_is_retried_a_slow_one_only_when_allowed(error):
    assert _retryable(error, took=0.05, policy=WEB)
    assert not _retryable(error, took=2.0, policy=WEB)
    assert _retryable(error, took=2.0, policy=RetryPolicy())


def test_errors_a_retry_cannot_fix_are_not_retried():
    assert not _retryable(ValueError("bug"), took=0.0, policy=RetryPolicy())
    assert not _retryable(ConstraintError("duplicate"), took=0.0, policy=RetryPolicy())


def test_a_failing_call_gives_up_after_its_budget(driver, database):
    attempts = []

    def work(tx):
        attempts.append(1)
        raise SessionExpired("stale")  # quick and retryable: retried until the budget

    with driver.session(database=database) as session, pytest.raises(SessionExpired):
        run_transaction(session, work, (), {}, RetryPolicy(budget=0.3, first_delay=0.05))
    assert 3 <= len(attempts) <= 6  # min_attempts, then the budget


def test_a_call_gets_its_minimum_attempts_even_with_no_budget_left(driver, database):
    attempts = []

    def work(tx):
        attempts.append(1)
        raise SessionExpired("stale")

    with driver.session(database=database) as session, pytest.raises(SessionExpired):
        run_transaction(session, work, (), {}, RetryPolicy(budget=0.0, first_delay=0.01))
    assert len(attempts) == RetryPolicy().min_attempts


def _lock_both(tx, first, second, barrier, attempts):
    attempts.append(first)
    tx.run("MATCH (n:RetryProbe {name: $name}) SET n.touched = coalesce(n.touched, 0) + 1",
           name=first).consume()
    if len(attempts) <= 2:  # only the first attempt of each writer waits for the other
        barrier.wait(timeout=10)
    tx.run("MATCH (n:RetryProbe {name: $name}) SET n.touched = coalesce(n.touched, 0) + 1",
           name=second).consume()


def test_a_deadlock_is_retried_and_both_writes_land(driver, database, clean_db):
    with driver.session(database=database) as session:
        session.run("CREATE (:RetryProbe {name: 'a'}), (:RetryProbe {name: 'b'})").consume()
    repository = Repository(driver, database)
    barrier, attempts, errors = threading.Barrier(2), [], []

    def writer(first, second):
        try:
            repository._write(_lock_both, first, second, barrier, attempts)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=pair) for pair in (("a", "b"), ("b", "a"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(attempts) >= 3, "one writer must have been chosen as the deadlock victim"
    with driver.session(database=database) as session:
        touched = session.run("MATCH (n:RetryProbe) RETURN sum(n.touched) AS t").single()["t"]
    assert touched == 4  # each writer's two updates, exactly once
