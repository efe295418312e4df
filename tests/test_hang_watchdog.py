"""A test that hangs must fail, not hang the run: pytest-timeout interrupts the test
once, and when its clean-up hangs too (a thread pool joining a stuck worker), the
watchdog of tests/hang_watchdog.py ends the run with every thread's stack."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hang_watchdog import time_limit

ROOT = Path(__file__).resolve().parent.parent

HANGING = '''
import threading
from concurrent.futures import ThreadPoolExecutor

def test_a_worker_thread_never_returns():
    # pytest-timeout interrupts the map(); leaving the "with" then joins the stuck worker.
    with ThreadPoolExecutor(max_workers=1) as pool:
        list(pool.map(lambda _: threading.Event().wait(), [1]))

def test_never_reached():
    pass
'''


def run_pytest(folder: Path, grace: float) -> subprocess.CompletedProcess:
    (folder / "conftest.py").write_text(
        "from tests.hang_watchdog import pytest_runtest_protocol  # noqa: F401\n")
    (folder / "test_hangs.py").write_text(HANGING)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTEST_HANG_GRACE": str(grace)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir",
         str(folder), "-c", os.devnull, "--timeout", "2", str(folder)],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_a_hung_clean_up_ends_the_run_with_the_stacks(tmp_path):
    result = run_pytest(tmp_path, grace=2)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "test_a_worker_thread_never_returns is still running" in result.stderr
    assert "in wait" in result.stderr  # the stuck worker's stack is shown
    assert "test_never_reached" not in result.stdout + result.stderr


def test_the_watchdog_uses_the_suites_limit(request):
    assert time_limit(request.node) == float(request.config.getini("timeout")) > 0


@pytest.mark.timeout(250)
def test_the_watchdog_uses_a_tests_own_limit(request):
    assert time_limit(request.node) == 250
