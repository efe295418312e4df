"""Shared plumbing for repositories: one short session per public call."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

from neo4j import Driver


def utc_now() -> str:
    """An ISO-8601 UTC timestamp; strings in this form sort in time order."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Repository:
    """Base for repositories: holds the driver and the database name.

    Each public method should make exactly one ``_read`` or ``_write`` call, so that a
    method is one transaction which the driver may retry on transient errors.
    """

    def __init__(self, driver: Driver, database: str):
        self.driver = driver
        self.database = database

    def _read(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.driver.session(database=self.database) as session:
            return session.execute_read(work, *args, **kwargs)

    def _write(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.driver.session(database=self.database) as session:
            return session.execute_write(work, *args, **kwargs)
