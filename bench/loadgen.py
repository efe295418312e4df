"""Load generators for the HTTP cells, both bounded in time and count and aimed at
127.0.0.1 only: Debian's ``wrk`` when installed (``apt-get install wrk``), else a small
threaded Python loop (slower: on two cores it competes with the server for CPU)."""
from __future__ import annotations

import http.client
import json
import logging
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from .http_server import USER_AGENT

logger = logging.getLogger(__name__)

WRK_SCRIPT = Path(__file__).with_name("wrk_requests.lua")
MAX_REQUESTS = 200_000  # the Python loop's hard cap, whatever the duration


def run_load(port: int, lines: list[tuple[str, str]], seconds: float,
             connections: int) -> dict:
    """Send ``lines`` ((cookie, path) pairs, cycled) to 127.0.0.1:``port`` for ``seconds``
    over ``connections`` connections. Returns requests, requests/s, latency p50/p90/p99/max
    in ms, answers other than 200, and which tool measured."""
    if shutil.which("wrk"):
        return _wrk(port, lines, seconds, connections)
    logger.warning("wrk not found (apt-get install wrk); using the slower Python loop")
    return _python_loop(port, lines, seconds, connections)


def _wrk(port: int, lines, seconds: float, connections: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as handle:
        handle.writelines(f"{cookie}\t{path}\n" for cookie, path in lines)
        request_file = handle.name
    try:
        command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{int(seconds)}s",
                   "--timeout", "30s", "-s", str(WRK_SCRIPT), f"http://127.0.0.1:{port}",
                   "--", request_file, USER_AGENT]
        finished = subprocess.run(command, capture_output=True, text=True,
                                  timeout=seconds + 120, check=True)
    finally:
        Path(request_file).unlink(missing_ok=True)
    raw = json.loads(finished.stdout.strip().splitlines()[-1])
    duration = raw["durationUs"] / 1e6
    return {"tool": "wrk", "requests": raw["requests"],
            "rps": round(raw["requests"] / duration, 1),
            "p50": raw["p50"] / 1000, "p90": raw["p90"] / 1000, "p99": raw["p99"] / 1000,
            "max": raw["max"] / 1000, "non200": raw["non200"],
            "socketErrors": raw["socketErrors"], "seconds": round(duration, 1)}


def _python_loop(port: int, lines, seconds: float, connections: int) -> dict:
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()

    def worker(offset: int) -> None:
        k = offset
        while time.monotonic() < deadline and len(latencies) < MAX_REQUESTS:
            cookie, path = lines[k % len(lines)]
            k += 1
            started = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request("GET", path, headers={"Cookie": cookie, "User-Agent": USER_AGENT})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
            finally:
                conn.close()
            with lock:
                latencies.append(time.perf_counter() - started)
                failures[0] += not ok

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i * 7919,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.monotonic() - started
    ms = np.array(latencies) * 1000
    p50, p90, p99 = np.percentile(ms, [50, 90, 99])
    return {"tool": "python", "requests": len(ms), "rps": round(len(ms) / duration, 1),
            "p50": round(float(p50), 2), "p90": round(float(p90), 2),
            "p99": round(float(p99), 2), "max": round(float(ms.max()), 2),
            "non200": failures[0], "socketErrors": 0, "seconds": round(duration, 1)}
