"""Command line: ``python -m bench [run|generate|cells] ...`` (see ``--help``).

``run`` generates the data set, loads it into the Neo4j at ``--neo4j-uri`` (reusing it when
the same data set is there already), runs the chosen cells, prints the report and saves it
under ``bench/results/``. ``scripts/bench.sh`` starts a dedicated local Neo4j and runs this.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time

from graph.driver import make_driver

from . import loader, report
from .dataset import generate
from .registry import Context, Settings, load_cells

logger = logging.getLogger("bench")

NETWORKX_AUTO_LIMIT = 200_000  # the networkx graph takes ~1 GB per 100k members


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="run", choices=("run", "generate", "cells"))
    d = Settings()
    parser.add_argument("--members", type=int, default=d.members, help="members (default 100000; "
                        "1000000 for the large run)")
    parser.add_argument("--seed", type=int, default=d.seed)
    parser.add_argument("--cells", default="all", help="comma-separated cell keys, or 'all'")
    parser.add_argument("--samples", type=int, default=d.samples, help="timed requests per cell")
    parser.add_argument("--before-samples", type=int, default=0,
                        help="also time the previous badges query on this many requests")
    parser.add_argument("--networkx", action=argparse.BooleanOptionalAction, default=None,
                        help=f"networkx baseline (default: on up to {NETWORKX_AUTO_LIMIT} members)")
    parser.add_argument("--reload", action="store_true", help="reload even if the data is there")
    parser.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI", d.neo4j_uri))
    parser.add_argument("--database", default=os.environ.get("NEO4J_DATABASE", d.database))
    parser.add_argument("--http-seconds", type=float, default=d.http_seconds)
    parser.add_argument("--http-workers", type=int, default=d.http_workers)
    parser.add_argument("--http-connections", type=int, default=d.http_connections)
    parser.add_argument("--http-port", type=int, default=d.http_port)
    parser.add_argument("--write-rate", type=float, default=d.write_rate,
                        help="lag cell: friendship changes per second (default 50)")
    parser.add_argument("--lag-seconds", type=float, default=d.lag_seconds,
                        help="lag cell: how long the write load runs (default 20)")
    return parser


def _settings(args) -> Settings:
    networkx = args.networkx if args.networkx is not None else args.members <= NETWORKX_AUTO_LIMIT
    return Settings(members=args.members, seed=args.seed, samples=args.samples,
                    before_samples=args.before_samples, networkx=networkx,
                    neo4j_uri=args.neo4j_uri, database=args.database,
                    http_seconds=args.http_seconds, http_workers=args.http_workers,
                    http_connections=args.http_connections, http_port=args.http_port,
                    write_rate=args.write_rate, lag_seconds=args.lag_seconds)


def _chosen(cells: dict, wanted: str) -> list:
    if wanted == "all":
        return list(cells.values())
    keys = [k.strip() for k in wanted.split(",") if k.strip()]
    unknown = [k for k in keys if k not in cells]
    if unknown:
        raise SystemExit(f"unknown cells {unknown}; known: {', '.join(cells)}")
    return [cells[k] for k in keys]


def run(settings: Settings, cells: list, reload: bool) -> dict:
    """Generate, load, measure; returns the run's record (see ``bench.report``)."""
    started = time.time()
    data = generate(settings.members, settings.seed)
    driver = make_driver(settings.neo4j_uri)
    with report.LoadSampler() as sampler:
        try:
            record = {"startedAt": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                      "fingerprint": data.fingerprint, "settings": settings.__dict__,
                      "machine": report.machine(driver, settings.database),
                      "dataset": data.summary(), "load": None}
            if loader.prepare(driver, settings.database, data, reload=reload):
                record["load"] = loader.load(driver, settings.database, data)
            ctx = Context(settings, data, driver)
            record["errors"] = []
            for cell in cells:
                logger.info("cell %s: %s", cell.key, cell.title)
                try:
                    cell.run(ctx)
                except Exception as exc:  # keep the other cells' results; report it
                    logger.exception("cell %s failed", cell.key)
                    record["errors"].append(f"{cell.key}: {type(exc).__name__}: {exc}")
            if "networkx" in ctx.__dict__ and ctx.networkx is not None:  # built by a cell
                record["networkxBuildSeconds"] = round(ctx.networkx.build_seconds, 1)
            record["results"] = ctx.results
            if "network_index" in ctx.__dict__:  # built by a cell: its build time and size
                record["networkIndex"] = ctx.index_build
        finally:
            driver.close()
    record["loadDuring"] = sampler.summary()
    record["busyAtEnd"] = report.busy_processes()
    record["totalSeconds"] = round(time.time() - started)
    return record


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("neo4j").setLevel(logging.WARNING)
    # "label does not exist" on a fresh database is expected, not news.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    cells = load_cells()
    if args.command == "cells":
        for cell in cells.values():
            print(f"{cell.key:12} {cell.title}")
        return 0
    if args.command == "generate":
        print(json.dumps(generate(args.members, args.seed).summary(), indent=1))
        return 0
    try:
        record = run(_settings(args), _chosen(cells, args.cells), args.reload)
    except loader.ForeignDatabase as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    print(report.markdown(record))
    print(f"\nSaved: {report.save(record)}")
    return 1 if record.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
