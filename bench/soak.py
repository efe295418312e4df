"""The soak cell: the mixed traffic of real sessions against the
service as ``scripts/run.sh`` runs it, for a while, as fast as the machine answers.

    .venv/bin/python -m bench.soak                 # 60 s (the short default)
    .venv/bin/python -m bench.soak --full          # the issue's 10 minutes
    .venv/bin/python -m bench.soak --seconds 120 --clients 6

It starts its own stack (``bench/stack.py``: Neo4j, Redis, gunicorn, the Huey consumer,
on free ports; nothing is shared with a running app), loads the demo network
(``flask load-demo``, 320 members), then each client logs in as a different demo member
and loops over a session: home, job feed, a member page, search, messages, home, job feed,
a member page, search, and one write in ten requests (saving skills on the profile).
Clients send the next request as soon as the last one is answered (a closed loop), so the
rate is the highest this machine sustains at that concurrency.

Printed and saved (``bench/results/soak-<time>.json``): requests, requests/s, errors
(5xx, or no answer; the goal is 0) by page, latency p50/p95/p99/max in ms per page and
overall, and each gunicorn worker's resident memory after the warm-up and at the end
(the goal is flat).
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from demo.network import DEMO_PASSWORD, generate

from .stack import ROOT, Browser, Stack

logger = logging.getLogger("bench.soak")

WARM_UP_SECONDS = 10
SEARCH_TERMS = ["li", "wang", "python", "engineer", "zhang", "data", "chen", "design"]


def session_pages(rng: random.Random, people: list[dict]) -> list[tuple[str, str]]:
    """One lap of a member's session: (label, path) for the nine reads, in order."""
    def member() -> str:
        return "/people/" + rng.choice(people)["id"]

    def search() -> str:
        return "/search?q=" + rng.choice(SEARCH_TERMS)

    return [("home", "/home"), ("job feed", "/jobs"), ("member page", member()),
            ("search", search()), ("messages", "/messages"), ("home", "/home"),
            ("job feed", "/jobs"), ("member page", member()), ("search", search())]


class Client(threading.Thread):
    """One logged-in member looping over the session until ``deadline``."""

    def __init__(self, index: int, stack: Stack, email: str, people: list[dict],
                 deadline: float, samples: list, lock: threading.Lock):
        super().__init__(daemon=True)
        self.index, self.stack, self.email, self.people = index, stack, email, people
        self.deadline, self.samples, self.lock = deadline, samples, lock
        self.rng = random.Random(index)

    def run(self) -> None:
        browser = self.stack.client()
        browser.timeout = 60
        browser.log_in(self.email, DEMO_PASSWORD)
        browser.timeout = 30
        laps = 0
        while time.monotonic() < self.deadline:
            laps += 1
            for label, path in session_pages(self.rng, self.people):
                self._one(browser, label, "GET", path, None)
            skills = ", ".join(self.rng.sample(["Python", "Go", "Neo4j", "SQL", "Rust"], 2))
            self._one(browser, "write (skills)", "POST", "/me/skills", {"skills": skills})

    def _one(self, browser: Browser, label: str, method: str, path: str, form) -> None:
        started = time.monotonic()
        try:
            status, _, _ = browser.request(method, path, form)
        except Exception as exc:  # noqa: BLE001  (no answer is an error, counted)
            status = type(exc).__name__
        with self.lock:
            self.samples.append((started, time.monotonic() - started, label, status))


def rss_kb(pid: int) -> int | None:
    """Resident memory of ``pid`` in kB, or None when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def percentiles(durations: list[float]) -> dict:
    values = np.array(durations) * 1000
    return {"count": len(values), "p50": round(float(np.percentile(values, 50)), 1),
            "p95": round(float(np.percentile(values, 95)), 1),
            "p99": round(float(np.percentile(values, 99)), 1),
            "max": round(float(values.max()), 1)}


def summarise(samples: list, since: float, seconds: float) -> dict:
    timed = [s for s in samples if s[0] >= since]
    errors: dict[str, int] = {}
    for _, _, label, status in timed:
        if not isinstance(status, int) or status >= 500:
            key = f"{label}: {status}"
            errors[key] = errors.get(key, 0) + 1
    unexpected = sorted({f"{label}: {status}" for _, _, label, status in timed
                         if isinstance(status, int) and status not in (200, 302) and status < 500})
    labels = sorted({s[2] for s in timed})
    return {"requests": len(timed), "requestsPerSecond": round(len(timed) / seconds, 1),
            "errors": sum(errors.values()), "errorsByPage": errors,
            "otherStatuses": unexpected,
            "overall": percentiles([s[1] for s in timed]) if timed else {},
            "byPage": {label: percentiles([s[1] for s in timed if s[2] == label])
                       for label in labels}}


def soak(seconds: float, clients: int, web_workers: int) -> dict:
    """Run the soak; returns the report."""
    with tempfile.TemporaryDirectory(prefix="soak-") as folder:
        stack = Stack(f"soak-{int(time.time())}", Path(folder), web_workers=web_workers)
        try:
            stack.start()
            subprocess.run([str(Path(sys.executable).parent / "flask"), "--app",
                            "recruit:create_app", "load-demo"], cwd=ROOT, env=stack.env,
                           check=True, capture_output=True)
            people = generate().people
            samples: list = []
            lock = threading.Lock()
            started = time.monotonic()
            deadline = started + WARM_UP_SECONDS + seconds
            threads = [Client(i, stack, people[i]["email"], people, deadline, samples, lock)
                       for i in range(clients)]
            for thread in threads:
                thread.start()
            time.sleep(WARM_UP_SECONDS)
            measured_from = time.monotonic()
            workers = stack.web.children()
            memory_start = {pid: rss_kb(pid) for pid in workers}
            for thread in threads:
                thread.join(timeout=seconds + 120)
            memory_end = {pid: rss_kb(pid) for pid in workers}
            report = summarise(samples, measured_from, time.monotonic() - measured_from)
            report["workers"] = [
                {"pid": pid, "rssStartMB": _mb(memory_start[pid]), "rssEndMB": _mb(memory_end[pid]),
                 "growthMB": (None if memory_end[pid] is None or memory_start[pid] is None
                              else round((memory_end[pid] - memory_start[pid]) / 1024, 1))}
                for pid in workers]
            report["workersReplaced"] = sorted(set(stack.web.children()) - set(workers))
            report["settings"] = {"seconds": seconds, "clients": clients,
                                  "webWorkers": web_workers, "warmUpSeconds": WARM_UP_SECONDS}
            return report
        finally:
            stack.stop()


def _mb(kb: int | None) -> float | None:
    return None if kb is None else round(kb / 1024, 1)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run, print, save; exit 1 when any request failed."""
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="measured time (default 60)")
    parser.add_argument("--full", action="store_true", help="the full 10-minute soak")
    parser.add_argument("--clients", type=int, default=4, help="concurrent sessions (default 4)")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn workers (default 2)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    report = soak(600.0 if args.full else args.seconds, args.clients, args.web_workers)
    print(json.dumps(report, indent=2))
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    target = results / f"soak-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.write_text(json.dumps(report, indent=2))
    logger.info("saved %s", target)
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
