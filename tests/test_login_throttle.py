"""The per-account login throttle holds across processes.

Two app processes (as two gunicorn workers or two hosts) share the limiter's storage,
a real redis-server started here. Five wrong passwords on one process lock the account
on the other too. The same run with ``memory://`` (each process its own counter) lets the
sixth attempt through on the second process, which shows the test can tell the two apart.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .conftest import PASSWORD, _settings

ROOT = Path(__file__).resolve().parent.parent
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"process on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listens on port {port}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def redis_url():
    """A redis-server of this test only, stopped afterwards."""
    if not os.path.exists(REDIS):
        pytest.fail("redis-server is not installed (Debian package redis-server)")
    port = free_port()
    server = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--daemonize", "no"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, server)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(server)


class Browser:
    """A minimal browser for one app process: keeps the session cookie, sends the Host
    the app trusts, reads the CSRF token from the page."""

    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body,
                                         headers={"Host": "localhost"})
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.read().decode("utf-8", "replace")

    def login(self, email: str, password: str) -> int:
        _, page = self.request("/login")
        token = TOKEN.search(page).group(1)
        status, _ = self.request("/login", {"csrf_token": token, "email": email,
                                            "password": password})
        return status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def two_processes(clean_db, request):
    """Starts two app processes with the limiter storage given by the test's parameter."""
    started = []

    def start(storage: str) -> list[Browser]:
        env = dict(os.environ)
        uri, user, password, database = _settings()
        env.update(NEO4J_URI=uri, NEO4J_USER=user, NEO4J_PASSWORD=password,
                   NEO4J_DATABASE=database, RATELIMIT_STORAGE_URI=storage,
                   PYTHONPATH=str(ROOT))
        browsers = []
        for _ in range(2):
            port = free_port()
            process = subprocess.Popen([sys.executable, "-m", "tests.app_process", str(port)],
                                       cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            started.append(process)
            wait_for_port(port, process)
            browsers.append(Browser(port))
        return browsers

    yield start
    for process in started:
        stop(process)


def wrong_passwords_then_right(members, browsers) -> int:
    members.signup("Zhang Min", "zhang.min@example.com")
    first, second = browsers
    for attempt in range(5):  # LOGIN_LIMIT_PER_ACCOUNT: 5 per 15 minutes
        assert first.login("zhang.min@example.com", f"wrong password {attempt}") == 400
    return second.login("zhang.min@example.com", PASSWORD)


def test_the_account_throttle_holds_across_two_processes(members, redis_url, two_processes):
    assert wrong_passwords_then_right(members, two_processes(redis_url)) == 429


def test_with_per_process_memory_the_second_process_would_let_it_through(members,
                                                                          two_processes):
    # The control: what the test above catches (and what main did with several workers).
    assert wrong_passwords_then_right(members, two_processes("memory://")) == 302
