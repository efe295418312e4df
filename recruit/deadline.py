"""A deadline on each database call of a web request.

Neo4j opens its Bolt port before it can answer: right after a restart it accepts a
connection and then keeps a query waiting for many seconds, and the driver has no read
timeout. In a gunicorn sync worker the request runs in the main thread, so a real-time
timer (SIGALRM) can interrupt that wait: the handler raises ``DatabaseCallTimeout`` (a
``TimeoutError``, what a socket timeout raises), the driver marks the connection dead and
gives up, and the request answers 503 like any other unreachable database.

The deadline applies only while the database is in doubt: from the moment this process
finds it unreachable (``note_unreachable``, called by the 503 handler) until a call
completes again, or ``DEGRADED_SECONDS`` at most. In steady state a slow but healthy query
is left alone (a cold cache on a busy machine can take seconds; cutting it would turn
slowness into errors). Ending the doubt at the first completed call matters right after a
restart: the database's caches and query plans are cold, so its first queries are slow,
and cutting each at the deadline would keep it cold and the service answering 503 long
after the database is back.

Installed by ``wsgi.py`` only: tests, the CLI and background tasks keep no deadline,
since batch queries may rightly take longer.
"""
from __future__ import annotations

import logging
import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from flask import Flask

from graph.base import set_call_guard

logger = logging.getLogger(__name__)


REPEAT_SECONDS = 0.25
DEGRADED_SECONDS = 180.0
_degraded_until = [0.0]  # monotonic time; per process (each gunicorn worker)


def note_unreachable() -> None:
    """The database was just found unreachable: bound calls for a while."""
    _degraded_until[0] = time.monotonic() + DEGRADED_SECONDS


def note_answered() -> None:
    """A database call just completed: the database is back, calls are not bounded."""
    _degraded_until[0] = 0.0


def degraded() -> bool:
    """Whether the database was unreachable within the last ``DEGRADED_SECONDS``."""
    return time.monotonic() < _degraded_until[0]


class DatabaseCallTimeout(TimeoutError):
    """A database call did not finish within ``NEO4J_CALL_DEADLINE`` seconds."""


def _expired(signum, frame):
    raise DatabaseCallTimeout("the database did not answer in time")


def deadline_guard(seconds: float):
    """A guard factory for ``graph.base.set_call_guard``: each call gets ``seconds``."""

    @contextmanager
    def guard() -> Iterator[None]:
        # Signals reach the main thread only; elsewhere (a threaded server) no deadline.
        if not degraded() or threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = signal.signal(signal.SIGALRM, _expired)
        # After the deadline the timer keeps firing every quarter second until the call
        # is abandoned: the driver's clean-up (resetting the connection) may block on the
        # same silent server, and must be interrupted too.
        outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds,
                                                       REPEAT_SECONDS)
        started = time.monotonic()
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if outer_delay > 0:
                # Someone else's timer was running (pytest-timeout's, in the tests): give
                # it back what is left of it rather than cancelling it.
                left = max(outer_delay - (time.monotonic() - started), 0.001)
                signal.setitimer(signal.ITIMER_REAL, left, outer_interval)
        note_answered()  # reached only when the call completed

    return guard


def install_call_deadline(app: Flask) -> None:
    """Bound every database call of this process by ``NEO4J_CALL_DEADLINE`` (0: none)."""
    seconds = float(app.config.get("NEO4J_CALL_DEADLINE", 0))
    if seconds > 0:
        set_call_guard(deadline_guard(seconds))
        logger.info("database calls limited to %.1f s each", seconds)
