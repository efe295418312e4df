"""Shared plumbing for repositories: one short session per public call."""
from __future__ import annotations

import contextlib
import random
import re
import time
from datetime import datetime, timezone
from typing import Any, Callable, ContextManager, Mapping

from neo4j import Driver
from neo4j.exceptions import ConstraintError, Neo4jError, ResultFailedError, TransientError

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


# How a repository call retries a transaction the *server* refused with a transient error
# (a deadlock, a lock wait cut short): attempts in all, and the first pause (doubling).
# The web app's driver retries nothing itself (``max_transaction_retry_time`` 0, see
# graph/driver.py): its retries of connectivity errors waited out a second handshake with
# a server that had stopped answering. Connectivity errors are never retried here: a
# stale pooled connection is caught by the driver's liveness check before it is used.
TRANSIENT_ATTEMPTS = 4
TRANSIENT_FIRST_PAUSE = 0.05


def _server_error(exc: ResultFailedError) -> Exception:
    """The server's own error behind ``exc``: under concurrency it can surface wrapped,
    when the failure reached another result of the transaction first."""
    return exc.__cause__ if isinstance(exc.__cause__, Neo4jError) else exc


def run_managed(execute: Callable[..., Any], work: Callable[..., Any], args, kwargs) -> Any:
    """``execute(work, *args, **kwargs)`` (a session's ``execute_read``/``execute_write``),
    again after a short pause when the server answers with a retryable transient error.

    The driver's managed transaction does the work and its clean-up (rollback, releasing
    the connection) each time; only the decision to try again is taken here, so a server
    that answers nothing (a ``DriverError``) fails the call at once.
    """
    pause = TRANSIENT_FIRST_PAUSE
    for attempt in range(1, TRANSIENT_ATTEMPTS + 1):
        try:
            try:
                return execute(work, *args, **kwargs)
            except ResultFailedError as exc:
                error = _server_error(exc)
                if error is exc:
                    raise
                raise error from exc
        except TransientError as error:
            if not error.is_retryable() or attempt == TRANSIENT_ATTEMPTS:
                raise
        time.sleep(pause * random.uniform(0.5, 1.5))
        pause *= 2
    raise AssertionError("unreachable")  # the loop returns or raises


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
    method is one transaction, which may be retried on transient errors (``run_managed``).
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
        with _call_guard(), self.driver.session(database=self.database) as session:
            return run_managed(session.execute_read, work, args, kwargs)

    def _write(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with _call_guard(), self.driver.session(database=self.database) as session:
            # A wrapped server error (a ConstraintError under concurrency) is unwrapped by
            # run_managed: callers handle the server's error.
            return run_managed(session.execute_write, work, args, kwargs)

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
