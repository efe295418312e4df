"""A backstop behind pytest-timeout: a test still running ``GRACE`` seconds after its
time limit ends the run, with every thread's stack on stderr.

pytest-timeout (``timeout`` in pytest.ini, signal method) interrupts the test's main
thread once. When the test's clean-up then waits for something that hangs, that wait is
never interrupted and the run hangs for good: ``with ThreadPoolExecutor() as pool:``
joins its threads on the way out, so a worker thread stuck on a database that never
answers held the whole suite (seen in CI). Ending the run then is better than hanging:
the run fails, and the stacks show where. The watchdog is a thread: the hung threads
wait on sockets or locks and release the interpreter lock while they do.

Hooked in by ``tests/conftest.py``. ``PYTEST_HANG_GRACE`` sets the grace (seconds), for
the watchdog's own test.
"""
from __future__ import annotations

import faulthandler
import os
import sys
import threading

import pytest

GRACE = float(os.environ.get("PYTEST_HANG_GRACE", 60))
EXIT_CODE = 3  # pytest's own "internal error" code: the run did not complete


def time_limit(item: pytest.Item) -> float:
    """The item's pytest-timeout limit in seconds (its marker, else the option or the
    ini setting); 0 for none."""
    marker = item.get_closest_marker("timeout")
    if marker is not None:
        value = marker.args[0] if marker.args else marker.kwargs.get("timeout")
    else:
        value = item.config.getoption("timeout", None) or item.config.getini("timeout")
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _end_the_run(item: pytest.Item, limit: float) -> None:
    capture = item.config.pluginmanager.getplugin("capturemanager")
    if capture is not None:
        capture.suspend_global_capture(in_=True)  # write to the real stderr
    sys.stderr.write(f"\n\n{item.nodeid} is still running {limit + GRACE:.0f} s after it "
                     f"started ({limit:.0f} s limit + {GRACE:.0f} s): its clean-up hangs. "
                     "Ending the run. Threads:\n")
    sys.stderr.flush()
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    sys.stderr.flush()
    os._exit(EXIT_CODE)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    """Arm the watchdog for the item's set-up, call and teardown."""
    limit = time_limit(item)
    watchdog = None
    if limit > 0:
        watchdog = threading.Timer(limit + GRACE, _end_the_run, (item, limit))
        watchdog.daemon = True
        watchdog.start()
    try:
        yield
    finally:
        if watchdog is not None:
            watchdog.cancel()
