"""The registry of benchmark cells, and what every cell is given to run.

A cell measures one operation (Q1 badges ... Q5 pages over HTTP) on the loaded data set,
in one or more variants (Neo4j through the app's repository, the CSR and networkx
baselines, HTTP through gunicorn), and appends ``Result`` rows.

Adding a cell:
1. write ``bench/<name>.py`` with ``@register("key", "What is measured")`` on a function
   ``run(ctx: Context) -> None``; per-viewer cells sample viewers with
   ``bench.cellkit.viewer_groups`` and check-then-time with ``bench.cellkit.measure``
   (see ``bench/q4_suggestions.py``); each ``ctx.add(...)``s one ``Result`` per variant
   and group;
2. add its module name to ``CELL_MODULES`` below.
"""
from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from neo4j import Driver

from .dataset import Dataset

logger = logging.getLogger(__name__)

# Modules whose import registers cells, in run order.
CELL_MODULES = ("bench.q1_badges", "bench.q2_jobs", "bench.q3_contacts", "bench.q4_suggestions",
                "bench.who_fits", "bench.q5_http", "bench.q5_jobs", "bench.index_lag")


def _rss_mb() -> float:
    """This process's resident memory now (VmRSS), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Settings:
    """What the command line chose."""

    members: int = 100_000
    seed: int = 2026
    samples: int = 300
    before_samples: int = 0
    targets: int = 50
    networkx: bool = True
    neo4j_uri: str = "bolt://127.0.0.1:7689"
    database: str = "neo4j"
    http_seconds: float = 20.0
    http_connections: int = 4
    http_workers: int = 2
    http_port: int = 8077
    write_rate: float = 50.0       # friendship changes per second, for the lag cell
    lag_seconds: float = 20.0


@dataclass
class Result:
    """One row of the report: an operation at a size, in one variant, for one group of
    samples (e.g. a viewer stratum); ``stats`` holds the summary numbers."""

    operation: str
    size: int
    variant: str
    group: str
    stats: dict
    ratios: dict = field(default_factory=dict)
    notes: str = ""


@dataclass
class Context:
    """Everything a cell needs: settings, the data set, the database, the results."""

    settings: Settings
    data: Dataset
    driver: Driver
    results: list[Result] = field(default_factory=list)

    @cached_property
    def network_index(self):
        """The app's in-memory network index (graph/index), built once like an app process
        builds it; its build time and size go to the log (and ``index_build``)."""
        import time

        from graph.index import NetworkIndex
        before = _rss_mb()
        started = time.perf_counter()
        index = NetworkIndex(self.driver, self.settings.database)
        index.rebuild()
        status = index.status()
        self.index_build = {"seconds": round(time.perf_counter() - started, 2),
                            "members": status["members"], "friendships": status["friendships"],
                            "arraysMB": round(status["bytes"] / 2**20, 1),
                            "rssGrowthMB": round(_rss_mb() - before, 1)}
        logger.info("network index: %s", self.index_build)
        return index

    @cached_property
    def csr(self):
        """The CSR baseline (built once, on first use)."""
        from .baselines import CsrBadges
        return CsrBadges(self.data)

    @cached_property
    def networkx(self):
        """The networkx baseline, or None when disabled (it needs ~1 GB per 100k members)."""
        if not self.settings.networkx:
            return None
        from .baselines import NetworkxBadges
        return NetworkxBadges(self.data)

    def add(self, result: Result) -> None:
        """Record a result and log it."""
        self.results.append(result)
        logger.info("%s | %s | %s | %s", result.operation, result.variant, result.group,
                    result.stats)


@dataclass(frozen=True)
class Cell:
    """A registered benchmark cell."""

    key: str
    title: str
    run: Callable[[Context], None]


CELLS: dict[str, Cell] = {}


def register(key: str, title: str) -> Callable:
    """Decorator: make ``run(ctx)`` the cell ``key``."""
    def decorate(run: Callable[[Context], None]) -> Callable[[Context], None]:
        CELLS[key] = Cell(key, title, run)
        return run
    return decorate


def load_cells() -> dict[str, Cell]:
    """Import every cell module and return the registry."""
    for module in CELL_MODULES:
        importlib.import_module(module)
    return CELLS
