"""Shared plumbing for repositories: one short session per public call."""
from __future__ import annotations

import contextlib
import re
from datetime import datetime, timezone
from typing import Any, Callable, ContextManager, Mapping

from neo4j import Driver
from neo4j.exceptions import ConstraintError, Neo4jError, ResultFailedError

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
        with _call_guard(), self.driver.session(database=self.database) as session:
            return session.execute_read(work, *args, **kwargs)

    def _write(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with _call_guard(), self.driver.session(database=self.database) as session:
            try:
                return session.execute_write(work, *args, **kwargs)
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
