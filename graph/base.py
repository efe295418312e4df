"""Shared plumbing for repositories: one short session per public call."""
from __future__ import annotations

import contextlib
import random
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, ContextManager, Mapping

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver
from neo4j.exceptions import ConstraintError, DriverError, Neo4jError, ResultFailedError

from graph.idempotency import AlreadyApplied, run_once, stored_result


# Wraps every repository call. The web server installs one that bounds how long a call
# may take (recruit/deadline.py): a Neo4j that accepts connections but does not answer
# (while it starts or recovers) would otherwise hold a request for as long as it likes.
# Batch work (CLI, background tasks) keeps this no-op.
_call_guard: Callable[[], ContextManager] = contextlib.nullcontext


def set_call_guard(guard: Callable[[], ContextManager]) -> None:
    """Install ``guard`` (a context-manager factory) around every repository call."""
    global _call_guard
    _call_guard = guard


def database_call() -> ContextManager:
    """The guard for one database call (for code that calls the driver directly)."""
    return _call_guard()


@dataclass(frozen=True)
class RetryPolicy:
    """How a repository call retries a transaction that failed with a retryable error.

    ``budget`` is how long after the first failure another attempt may still start
    (like the driver's ``max_transaction_retry_time``), but a call gets ``min_attempts``
    in any case: on a busy machine one slow attempt can spend the whole budget, and a
    deadlock between many writers may take more than one retry to clear. A *connectivity* failure that took
    longer than ``quick_failure`` seconds is retried only with ``retry_silent_server``:
    the server held the connection open and answered nothing (frozen, or a JVM going
    down), and a retry would open a new connection to the same silent server and wait
    out another handshake. A quick one is a stale pooled connection (the server
    restarted), which a fresh connection fixes, so it is always retried.
    """

    budget: float = 30.0
    min_attempts: int = 3
    retry_silent_server: bool = True
    quick_failure: float = 0.5
    first_delay: float = 0.1


# The driver's own behaviour, for scripts and benchmarks; the app installs its own
# (``set_retry_policy`` from recruit/extensions.py).
_retry_policy = RetryPolicy()


def set_retry_policy(policy: RetryPolicy) -> None:
    """Install ``policy`` for every repository call of this process."""
    global _retry_policy
    _retry_policy = policy


def _retryable(error: Exception, took: float, policy: RetryPolicy) -> bool:
    if not isinstance(error, (Neo4jError, DriverError)) or not error.is_retryable():
        return False
    if isinstance(error, DriverError) and took > policy.quick_failure:
        return policy.retry_silent_server
    return True


def run_transaction(session, work: Callable[..., Any], args, kwargs,
                    policy: RetryPolicy | None = None) -> Any:
    """``work(tx, *args, **kwargs)`` in one explicit transaction of ``session``, committed,
    retried under ``policy`` (default: the installed one).

    The driver's managed transactions (``execute_read``/``execute_write``) retry every
    retryable error the same way; against a server that keeps connections open and
    answers nothing that meant a read timeout, a back-off and a new handshake on top, about
    5 s before a web request could answer 503. Owning the loop lets a deadlock be retried
    as before while a silent server fails the call at its first timeout (``RetryPolicy``).
    """
    policy = policy or _retry_policy
    first_failure = None
    delay = policy.first_delay
    attempts = 0
    while True:
        attempts += 1
        started = time.monotonic()
        try:
            with session.begin_transaction() as tx:
                result = work(tx, *args, **kwargs)
                tx.commit()
            return result
        except (Neo4jError, DriverError) as error:
            now = time.monotonic()
            first_failure = first_failure or now
            if not _retryable(error, now - started, policy):
                raise
            if attempts >= policy.min_attempts and now - first_failure > policy.budget:
                raise
        time.sleep(delay * random.uniform(0.8, 1.2))
        delay *= 2


def utc_now() -> str:
    """An ISO-8601 UTC timestamp; strings in this form sort in time order."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# A Cypher variable, optionally with a label (``c`` or ``anyCompany:Company``).
_CYPHER_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(:[A-Za-z_][A-Za-z0-9_]*)?")


def cypher_variable(name: str) -> str:
    """``name`` unchanged if it is a Cypher variable (with an optional label), else
    ``ValueError``. Query fragments shared between features are composed from the
    *variable names* of the calling query (at import time); this keeps anything but a
    name, above all a value, from ever being spliced into query text."""
    if not isinstance(name, str) or not _CYPHER_VARIABLE.fullmatch(name):
        raise ValueError(f"not a Cypher variable name: {name!r}")
    return name


class Repository:
    """Base for repositories: holds the driver and the database name.

    Each public method should make exactly one ``_read`` or ``_write`` call, so that a
    method is one transaction which the driver may retry on transient errors.
    """

    def __init__(self, driver: Driver, database: str):
        self.driver = driver
        self.database = database

    @classmethod
    def from_settings(cls, driver: Driver, database: str, settings: Mapping[str, Any],
                      index: Any = None):
        """A repository for the app: ``settings`` is the app's configuration, read by
        repositories that have tunables (windows, limits, points); ``index`` is the
        process's ``graph.index.NetworkIndex`` (or ``None``), used by the repositories
        whose reads it serves or whose writes it must see. The rest ignore both."""
        return cls(driver, database)

    def _read(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with _call_guard(), self.driver.session(database=self.database,
                                                default_access_mode=READ_ACCESS) as session:
            return run_transaction(session, work, args, kwargs)

    def _write(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with _call_guard(), self.driver.session(database=self.database,
                                                default_access_mode=WRITE_ACCESS) as session:
            try:
                return run_transaction(session, work, args, kwargs)
            except ResultFailedError as exc:
                # Under concurrency the server's error (e.g. a ConstraintError) can surface
                # wrapped, when the failure reached another result of the transaction first.
                # Callers handle the server's error, so raise that.
                if isinstance(exc.__cause__, Neo4jError):
                    raise exc.__cause__ from exc
                raise

    def _write_once(self, key: str | None, work: Callable[..., Any], *args: Any,
                    **kwargs: Any) -> Any:
        """``_write(work, ...)`` applied at most once per idempotency ``key`` (see
        ``graph.idempotency``): a repeat raises ``AlreadyApplied`` with the first attempt's
        recorded result. With no key it is a plain ``_write``."""
        if not key:
            return self._write(work, *args, **kwargs)
        try:
            return self._write(run_once, key, utc_now(), work, args, kwargs)
        except ConstraintError:
            applied, result = self._read(stored_result, key)
            if not applied:  # the feature's own constraint, not the token's
                raise
            raise AlreadyApplied(result) from None
