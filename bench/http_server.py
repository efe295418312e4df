"""The app under gunicorn for HTTP benchmarks, and logged-in sessions for bench members.

The server binds 127.0.0.1 only and runs the app unchanged (``wsgi:app``) against the bench
database; login throttles are raised for the run (bench members log in from one address).
Sessions are made through the real login form: GET /login for the CSRF token, then POST.
"""
from __future__ import annotations

import http.client
import json
import http.cookies
import logging
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .contact_book import BENCH_CONTACT_HMAC_KEY
from .dataset import BENCH_PASSWORD

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
USER_AGENT = "recruit-bench/1"  # flask-login's "strong" sessions are tied to the agent
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
GENEROUS = "100000 per minute"


@dataclass(frozen=True)
class Session:
    """A logged-in member: the ``Cookie`` header to send."""

    member: int
    cookie: str


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class AppServer:
    """gunicorn serving ``wsgi:app`` on 127.0.0.1:``port``; use as a context manager."""

    def __init__(self, port: int, workers: int, neo4j_uri: str, database: str):
        self.port, self.workers = port, workers
        self.env = {**os.environ, "NEO4J_URI": neo4j_uri, "NEO4J_DATABASE": database,
                    "SECRET_KEY": secrets.token_hex(32), "LOGIN_LIMIT_PER_ADDRESS": GENEROUS,
                    "LOGIN_LIMIT_PER_ACCOUNT": GENEROUS, "SIGNUP_LIMIT_PER_ADDRESS": GENEROUS}
        # The key the bench members' match keys were made with, so uploads match.
        self.env["CONTACT_HMAC_KEY"] = BENCH_CONTACT_HMAC_KEY
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "AppServer":
        if _port_open(self.port):
            raise RuntimeError(f"port {self.port} is taken; choose another with --http-port")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--log-level", "warning", "wsgi:app"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 90
        while not _port_open(self.port):
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited: " + self.process.stderr.read().decode()[-2000:])
            if time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise RuntimeError("gunicorn did not start within 90 s")
            time.sleep(0.2)
        logger.info("gunicorn (%d workers) serving on 127.0.0.1:%d", self.workers, self.port)
        self.wait_for_index()
        return self

    def wait_for_index(self, timeout: float = 900.0) -> None:
        """Wait until every worker's network index is warm, so the timed pages take the
        index's path (a worker starts building on its first request). /readyz answers
        from whichever worker takes the connection: warm on ``4 × workers`` polls in a row
        is taken as all of them. Logs each state seen and the time to warm."""
        started, streak, seen = time.monotonic(), 0, None
        while time.monotonic() - started < timeout:
            try:
                _, _, text = self.request("GET", "/readyz")
                index = json.loads(text)["checks"]["caches"]["networkIndex"]
            except (OSError, ValueError, KeyError) as exc:
                index = {"state": f"unreadable ({type(exc).__name__})"}
            if index == "off":
                logger.warning("the served app has NETWORK_INDEX off: pages run the Cypher")
                return
            state = index.get("state")
            if state != seen:
                logger.info("network index in a worker: %s", index)
                seen = state
            streak = streak + 1 if state == "warm" else 0
            if streak >= 4 * self.workers:
                logger.info("network index warm in every worker after %.1f s; worker RSS "
                            "MB: %s", time.monotonic() - started, self.worker_rss_mb())
                return
            time.sleep(0.5)
        raise RuntimeError(f"the network index did not warm within {timeout:.0f} s")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each gunicorn worker (the master's children), in MB."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) != self.process.pid:
                    continue
                status = (stat.parent / "status").read_text()
            except (OSError, IndexError, ValueError):
                continue
            rss = re.search(r"VmRSS:\s+(\d+) kB", status)
            if rss:
                found.append(round(int(rss.group(1)) / 1024, 1))
        return sorted(found)

    def request(self, method: str, path: str, cookie: str = "", body: dict | None = None):
        """One request on a fresh connection: (status, headers, text)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"User-Agent": USER_AGENT}
        if cookie:
            headers["Cookie"] = cookie
        payload = None
        if body is not None:
            payload = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=payload, headers=headers)
            response = conn.getresponse()
            return response.status, response.getheaders(), response.read().decode()
        finally:
            conn.close()

    def login(self, member: int, email: str) -> Session:
        """Log ``member`` in through the form; raises if the app does not redirect."""
        status, headers, html = self.request("GET", "/login")
        token = CSRF.search(html)
        if status != 200 or token is None:
            raise RuntimeError(f"GET /login answered {status} without a CSRF token")
        jar = _cookies(headers)
        status, headers, _ = self.request(
            "POST", "/login", _cookie_header(jar),
            {"email": email, "password": BENCH_PASSWORD, "csrf_token": token.group(1)})
        if status != 302:
            raise RuntimeError(f"login of {email} answered {status}, not a redirect")
        jar.update(_cookies(headers))
        return Session(member, _cookie_header(jar))


def _cookies(headers: list[tuple[str, str]]) -> dict[str, str]:
    jar = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            parsed = http.cookies.SimpleCookie(value)
            jar.update({key: morsel.value for key, morsel in parsed.items()})
    return jar


def _cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{key}={value}" for key, value in jar.items())
