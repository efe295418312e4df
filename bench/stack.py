"""A throwaway copy of the service, as ``scripts/run.sh`` runs it, for the fault test and
the soak cell: its own Neo4j (``scripts/neo4j.sh`` with its own NAME), Redis, gunicorn
serving ``wsgi:app`` and the Huey consumer, each on a free port of 127.0.0.1, each one
killable with SIGKILL and restartable on the same port and data.

Nothing here is mocked: the processes are the real ones, and a "kill" is ``kill -9``.
"""
from __future__ import annotations

import http.client
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Callable

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
REDIS_SERVER = os.environ.get("REDIS_SERVER", "/usr/bin/redis-server")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
USER_AGENT = "recruit-stack/1"  # flask-login's "strong" sessions are tied to the agent
GENEROUS = "100000 per minute"


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_for(condition: Callable[[], bool], timeout: float, what: str,
             interval: float = 0.2) -> float:
    """Poll ``condition`` until true; returns the seconds it took, raises after ``timeout``."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        time.sleep(interval)
    return time.monotonic() - started


class Neo4jServer:
    """``scripts/neo4j.sh`` with a NAME of its own (data under ``.neo4j/NAME``)."""

    def __init__(self, name: str, port: int, heap: str = "512m", pagecache_mb: int = 128):
        self.name, self.port = name, port
        self.home = ROOT / ".neo4j" / name
        self.env = {**os.environ, "NEO4J_HEAP": heap, "NEO4J_PAGECACHE_MB": str(pagecache_mb)}

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start (or start again after a kill) and return once Bolt accepts connections."""
        subprocess.run(["bash", str(ROOT / "scripts" / "neo4j.sh"), "start", self.name,
                        str(self.port)], cwd=ROOT, env=self.env, check=True)

    def pid(self) -> int:
        return int((self.home / "pid").read_text())

    def kill9(self) -> None:
        """SIGKILL the JVM, as an operator's ``kill -9`` would; waits until it is gone."""
        pid = self.pid()
        os.kill(pid, signal.SIGKILL)
        wait_for(lambda: not _alive(pid), 30, f"neo4j {pid} to die")

    def freeze(self, seconds: float) -> None:
        """SIGSTOP the JVM for ``seconds``, then SIGCONT it, whatever happens meanwhile: a
        server that keeps its connections open and answers nothing (a long GC pause, a
        hung host)."""
        pid = self.pid()
        os.kill(pid, signal.SIGSTOP)
        try:
            time.sleep(seconds)
        finally:
            os.kill(pid, signal.SIGCONT)

    def stop(self, remove_data: bool = True) -> None:
        subprocess.run(["bash", str(ROOT / "scripts" / "neo4j.sh"), "stop", self.name],
                       cwd=ROOT, env=self.env, check=False)
        if remove_data:
            shutil.rmtree(self.home, ignore_errors=True)


class RedisServer:
    """Debian's ``redis-server`` on 127.0.0.1, append-only file on, in ``folder``."""

    def __init__(self, port: int, folder: Path):
        self.port, self.folder = port, folder
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--dir",
             str(self.folder), "--appendonly", "yes", "--appendfsync", "everysec",
             "--save", "", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: port_open(self.port), 20, "redis to listen")

    def kill9(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


class ManagedProcess:
    """A child process (gunicorn or the consumer) with its output in a log file."""

    def __init__(self, name: str, args: list[str], env: dict, log_folder: Path):
        self.name, self.args, self.env = name, args, env
        self.log_path = log_folder / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.args, cwd=ROOT, env=self.env, stdout=log,
                                        stderr=subprocess.STDOUT)
        log.close()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def children(self) -> list[int]:
        """Pids of the process's direct children (gunicorn's workers)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name is in parentheses and may hold spaces; ppid follows it.
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == self.process.pid:
                found.append(int(entry.name))
        return sorted(found)

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class Stack:
    """Neo4j, Redis, gunicorn (``web_workers``) and the consumer, started in that order
    by ``start`` and stopped (data removed) by ``stop``."""

    def __init__(self, name: str, folder: Path, web_workers: int = 2, extra_env: dict | None = None):
        self.folder = folder
        self.neo4j = Neo4jServer(name, free_port())
        self.redis = RedisServer(free_port(), folder / "redis")
        self.web_port = free_port()
        self.env = {**os.environ, "NEO4J_URI": self.neo4j.uri, "REDIS_URL": self.redis.url,
                    "SECRET_KEY": secrets.token_hex(32), "OUTBOX_DIR": str(folder / "outbox"),
                    "LOGIN_LIMIT_PER_ADDRESS": GENEROUS, "LOGIN_LIMIT_PER_ACCOUNT": GENEROUS,
                    "SIGNUP_LIMIT_PER_ADDRESS": GENEROUS, "PYTHONUNBUFFERED": "1",
                    **(extra_env or {})}
        bin_dir = Path(sys.executable).parent
        self.web = ManagedProcess("gunicorn", [
            str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{self.web_port}",
            "--workers", str(web_workers), "--timeout", "30", "--log-level", "warning",
            "wsgi:app"], self.env, folder)
        self.worker = ManagedProcess("consumer", [
            str(bin_dir / "huey_consumer"), "recruit.tasks.worker.huey", "--workers", "2",
            "--worker-type", "thread", "--flush-locks"], self.env, folder)

    def start(self) -> None:
        self.neo4j.start()
        self.redis.start()
        subprocess.run([str(Path(sys.executable).parent / "flask"), "--app",
                        "recruit:create_app", "init-db", "--wait", "60"],
                       cwd=ROOT, env=self.env, check=True, capture_output=True)
        self.web.start()
        self.worker.start()
        wait_for(lambda: port_open(self.web_port), 90, "gunicorn to listen")

    def stop(self) -> None:
        for part in (self.worker, self.web):
            part.stop()
        self.redis.stop()
        self.neo4j.stop(remove_data=True)

    def client(self) -> "Browser":
        return Browser(self.web_port)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (killed, not yet reaped by its parent) is gone for our purposes.
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class Browser:
    """A member's browser: cookies, the CSRF token, one request per connection."""

    def __init__(self, port: int, timeout: float = 10.0):
        self.port, self.timeout = port, timeout
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def request(self, method: str, path: str, form: dict | None = None,
                headers: dict | None = None) -> tuple[int, dict, str]:
        """(status, headers, body); raises ``OSError`` / ``http.client`` errors when no
        answer comes (connection refused or reset, timeout)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        sent = {"User-Agent": USER_AGENT, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        payload = None
        if form is not None:
            payload = urllib.parse.urlencode({"csrf_token": self.csrf, **form})
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=payload, headers=sent)
            response = conn.getresponse()
            body = response.read().decode(errors="replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            return response.status, dict(response.getheaders()), body
        finally:
            conn.close()

    def fetch_csrf(self, path: str) -> None:
        """Read the CSRF token of the form on ``path`` (reusable for this session)."""
        status, _, html = self.request("GET", path)
        match = CSRF.search(html)
        if status != 200 or match is None:
            raise RuntimeError(f"GET {path} answered {status} without a CSRF token")
        self.csrf = match.group(1)

    def sign_up(self, name: str, email: str, password: str) -> None:
        self.fetch_csrf("/signup")
        status, _, body = self.request("POST", "/signup", {
            "name": name, "email": email, "password": password, "confirm": password})
        if status != 302:
            raise RuntimeError(f"sign-up answered {status}: {body[:300]}")
        self.fetch_csrf("/home")

    def log_in(self, email: str, password: str) -> None:
        self.fetch_csrf("/login")
        status, _, _ = self.request("POST", "/login", {"email": email, "password": password})
        if status != 302:
            raise RuntimeError(f"log-in of {email} answered {status}")
        self.fetch_csrf("/home")
