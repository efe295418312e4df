"""The run's report: the machine, the data set and load rates, and the result tables, as
Markdown (printed, and saved with the raw JSON under ``bench/results/``)."""
from __future__ import annotations

import json
import os
import platform
import subprocess
import threading
import time
from importlib import metadata
from pathlib import Path

from neo4j import Driver

from .registry import Result

RESULTS = Path(__file__).with_name("results")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def busy_processes() -> list[str]:
    """Processes using at least 5% CPU over one second now (the machine may be shared),
    as "%CPU command" from top's second sample (the first averages since start)."""
    try:
        out = subprocess.run(["top", "-b", "-n", "2", "-d", "1", "-w", "200"],
                             capture_output=True, text=True, timeout=15).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    table = out.split("PID USER")[-1].splitlines()[1:]
    busy = []
    for line in table:
        fields = line.split()
        if len(fields) >= 12 and float(fields[8].replace(",", ".")) >= 5:
            busy.append(f"{fields[8]}% {fields[11]} (pid {fields[0]})")
    return busy


class LoadSampler:
    """Samples the 1-minute load average every ``every`` seconds in the background, so the
    report can say how busy the (shared) machine was during the run."""

    def __init__(self, every: float = 10.0):
        self.every, self.samples = every, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append(os.getloadavg()[0])
            self._stop.wait(self.every)

    def __enter__(self) -> "LoadSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> dict:
        """Min, mean and max of the samples."""
        if not self.samples:
            return {}
        return {"min": round(min(self.samples), 2), "max": round(max(self.samples), 2),
                "mean": round(sum(self.samples) / len(self.samples), 2),
                "samples": len(self.samples)}


def machine(driver: Driver, database: str) -> dict:
    """What ran the benchmark: CPU, memory, load, Neo4j and driver versions and memory."""
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition "
        "RETURN name, versions[0] AS version, edition", database_=database)
    try:
        rust = metadata.version("neo4j-rust-ext")
    except metadata.PackageNotFoundError:
        rust = None
    return {"nproc": os.cpu_count(), "memoryGiB": _memory_gib(), "cpu": _cpu_model(),
            "loadAverage": [round(x, 2) for x in os.getloadavg()],
            "busyProcesses": busy_processes(),
            "neo4j": " ".join(f"{r['name']} {r['version']} {r['edition']}" for r in records),
            "neo4jHeap": os.environ.get("NEO4J_HEAP", "unknown (server not started by bench.sh)"),
            "neo4jPagecacheMB": os.environ.get("NEO4J_PAGECACHE_MB", "unknown"),
            "python": platform.python_version(), "driver": metadata.version("neo4j"),
            "rustExtension": rust}


def _cell(value) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if isinstance(value, float) else str(value)


def latency_table(results: list[Result]) -> list[str]:
    """One row per (operation, size, viewer group, variant), ratios to the baselines."""
    head = ("| operation | members | viewers | variant | n | p50 ms | p95 ms | p99 ms | max ms "
            "| p50 ×csr | p99 ×csr | p50 ×nx | p99 ×nx |")
    lines = [head, "|" + "---|" * 13]
    for r in results:
        s, q = r.stats, r.ratios
        lines.append("| " + " | ".join(_cell(x) for x in (
            r.operation, r.size, r.group,
            r.variant + (f" ({r.notes})" if r.notes else ""), s["n"], s["p50"], s["p95"], s["p99"],
            s["max"], q.get("p50/csr"), q.get("p99/csr"), q.get("p50/networkx"),
            q.get("p99/networkx"))) + " |")
    return lines


def http_table(results: list[Result]) -> list[str]:
    """One row per page and load: throughput and latency."""
    lines = ["| page | members | load | requests | req/s | p50 ms | p90 ms | p99 ms | max ms "
             "| failed |", "|" + "---|" * 10]
    for r in results:
        s = r.stats
        lines.append("| " + " | ".join(_cell(x) for x in (
            r.operation, r.size, r.group, s["requests"], s["rps"], s["p50"], s["p90"],
            s["p99"], s["max"], r.notes or "none")) + " |")
    return lines


def lag_table(results: list[Result]) -> list[str]:
    """Commit-to-applied lag of another process's index under a write load."""
    lines = ["| members | load | changes | applied/s | lag p50 ms | p99 ms | max ms "
             "| most behind (changes) | feed reads meanwhile | feed p50 / p99 ms |",
             "|" + "---|" * 10]
    for r in results:
        s = r.stats
        lines.append("| " + " | ".join(_cell(x) for x in (
            r.size, r.group, s["changes"], s["appliedPerSecond"], s["p50"], s["p99"], s["max"],
            s["mostBehind"], s["feedReads"], f"{_cell(s['feedP50'])} / {_cell(s['feedP99'])}"))
            + " |")
    return lines


def load_table(steps: list[dict]) -> list[str]:
    """The load: rows and relationships per second for each step, and the total."""
    lines = ["| step | rows | nodes | relationships | seconds | rows/s | relationships/s |",
             "|" + "---|" * 7]
    for s in steps:
        lines.append(f"| {s['step']} | {s['rows']} | {s['nodes']} | {s['relationships']} | "
                     f"{s['seconds']} | {s['rowsPerSecond']} | {s['relationshipsPerSecond']} |")
    total = sum(s["seconds"] for s in steps) or 1e-9
    rels = sum(s["relationships"] for s in steps)
    rows = sum(s["rows"] for s in steps)
    lines.append(f"| **total** | {rows} | {sum(s['nodes'] for s in steps)} | {rels} | "
                 f"{round(total, 1)} | {round(rows / total)} | {round(rels / total)} |")
    return lines


def markdown(run: dict) -> str:
    """The whole report as Markdown."""
    out = [f"## Run {run['startedAt']} ({run['fingerprint']})", "",
           "Machine: `" + json.dumps(run["machine"]) + "`", "",
           "Data set: `" + json.dumps(run["dataset"]) + "`", ""]
    if run.get("load"):
        out += ["### Load", ""] + load_table(run["load"]) + [""]
    latency = [r for r in run["results"] if r.variant not in ("http", "lag")]
    http = [r for r in run["results"] if r.variant == "http"]
    lag = [r for r in run["results"] if r.variant == "lag"]
    if latency:
        out += ["### Latency", ""] + latency_table(latency) + [""]
    if http:
        out += ["### HTTP", ""] + http_table(http) + [""]
    if run.get("networkIndex"):
        out += ["### Network index (this process)", "",
                "`" + json.dumps(run["networkIndex"]) + "` (build seconds; arrays; growth of "
                "the bench process's RSS over the build, i.e. about the index's RSS in a "
                "worker; the HTTP cells log each gunicorn worker's RSS once warm)",
                ""]
    if lag:
        out += ["### Change-log lag under writes", ""] + lag_table(lag) + [""]
    for error in run.get("errors", []):
        out.append(f"**Cell failed:** {error}")
    out.append(f"1-minute load average during the run (2 cores): {run.get('loadDuring')}; "
               f"busy processes at the end: {run.get('busyAtEnd')}; total "
               f"{run.get('totalSeconds')} s.")
    return "\n".join(out)


def save(run: dict) -> Path:
    """Write the JSON and Markdown under bench/results/; returns the Markdown path."""
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"{run['fingerprint']}-{time.strftime('%Y%m%d-%H%M%S')}"
    serialisable = {**run, "results": [r.__dict__ for r in run["results"]]}
    stem.with_suffix(".json").write_text(json.dumps(serialisable, indent=1))
    stem.with_suffix(".md").write_text(markdown(run))
    return stem.with_suffix(".md")
