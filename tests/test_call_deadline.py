"""The web server's deadline on database calls (recruit/deadline.py): a call that blocks
on a socket that never answers is interrupted, and the guard leaves no timer behind."""
from __future__ import annotations

import signal
import socket

import pytest

from recruit import deadline
from recruit.deadline import DatabaseCallTimeout, deadline_guard


def assert_outer_timer_kept(before: tuple[float, float]) -> None:
    """The guard left no timer of its own: the one running before it (pytest-timeout's,
    when the suite runs with it) is running again with what was left of it."""
    after = signal.getitimer(signal.ITIMER_REAL)
    if before == (0.0, 0.0):
        assert after == (0.0, 0.0)
    else:
        assert 0 < after[0] <= before[0] and after[1] == before[1]


@pytest.fixture(autouse=True)
def degraded():
    """The deadline applies once the database was found unreachable."""
    deadline.note_unreachable()
    yield
    deadline._degraded_until[0] = 0.0


def test_a_blocked_read_is_interrupted():
    before = signal.getitimer(signal.ITIMER_REAL)
    quiet, _peer = socket.socketpair()  # nothing is ever written: recv blocks for ever
    try:
        with pytest.raises(DatabaseCallTimeout):
            with deadline_guard(0.2)():
                quiet.recv(1)
    finally:
        quiet.close()
        _peer.close()
    assert_outer_timer_kept(before)


def test_a_quick_call_leaves_no_timer_and_the_old_handler():
    before, timer = signal.getsignal(signal.SIGALRM), signal.getitimer(signal.ITIMER_REAL)
    with deadline_guard(5)():
        pass
    assert_outer_timer_kept(timer)
    assert signal.getsignal(signal.SIGALRM) is before


def test_an_outer_timer_survives_the_guard():
    """A test's own time limit (pytest-timeout arms the same real-time timer) must not be
    cancelled by a guarded call inside the test: a hang after it would go unnoticed."""
    outer = signal.setitimer(signal.ITIMER_REAL, 1000, 0)  # pytest-timeout's, if any
    try:
        with deadline_guard(5)():
            pass
        delay, interval = signal.getitimer(signal.ITIMER_REAL)
        assert 990 < delay <= 1000 and interval == 0
    finally:
        signal.setitimer(signal.ITIMER_REAL, *outer)


def test_the_deadline_is_a_timeout_the_driver_treats_as_a_dead_connection():
    assert issubclass(DatabaseCallTimeout, TimeoutError) and issubclass(TimeoutError, OSError)


def test_clean_up_that_blocks_again_is_interrupted_too():
    """The driver's clean-up after an abandoned call may block on the same server."""
    before = signal.getitimer(signal.ITIMER_REAL)
    quiet, peer = socket.socketpair()
    interrupted = 0
    try:
        with pytest.raises(DatabaseCallTimeout):
            with deadline_guard(0.2)():
                try:
                    quiet.recv(1)
                except DatabaseCallTimeout:
                    interrupted += 1
                    quiet.recv(1)  # the clean-up, blocking again
    finally:
        quiet.close()
        peer.close()
    assert interrupted == 1
    assert_outer_timer_kept(before)


def test_a_completed_call_ends_the_doubt():
    """Right after a restart the first queries are slow (cold caches): once one call has
    completed the next ones run unbounded, instead of being cut into 503s for minutes."""
    assert deadline.degraded()
    with deadline_guard(5)():
        pass
    assert not deadline.degraded()
    quiet, peer = socket.socketpair()
    try:
        deadline.note_unreachable()
        with pytest.raises(DatabaseCallTimeout):
            with deadline_guard(0.2)():
                quiet.recv(1)
        assert deadline.degraded()  # an interrupted call proves nothing
    finally:
        quiet.close()
        peer.close()


def test_no_deadline_while_the_database_is_healthy():
    deadline._degraded_until[0] = 0.0
    before = signal.getsignal(signal.SIGALRM)
    with deadline_guard(0.01)():
        assert signal.getsignal(signal.SIGALRM) is before  # no timer of ours installed
