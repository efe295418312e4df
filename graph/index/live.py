"""A process's live network index: a snapshot kept current from the change log.

``NetworkIndex.start()`` builds the snapshot in a background thread (with back-off while
the database is unreachable) and then applies new changes at least every
``poll_seconds``. A process that writes calls ``catch_up()`` before answering, so the
member sees their own change on the next page. Until the first build finishes, ``read()``
yields ``None`` and callers use their Cypher queries.

Compaction (folding the overlays of applied changes into fresh arrays) must not stop the
readers: it copies the overlays under the lock (small), builds the new arrays outside it,
and meanwhile journals every change applied to the old snapshot; under the lock again it
replays the journal onto the new snapshot and swaps. Changes state facts, so the new
snapshot (the state at the copy) plus the journal (every change after it, in order) is the
state of the old one.
"""
from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator

from neo4j import Driver

from graph.index import changelog
from graph.index.apply import MEMBER_KINDS, apply_change
from graph.index.build import build_snapshot
from graph.index.friend_graph import FriendGraph
from graph.index.jobs import JobTable
from graph.index.snapshot import Snapshot

logger = logging.getLogger(__name__)

MATCH_NAMES = "UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN p.id AS id, p.name AS name"

COLD, BUILDING, WARM, FAILED = "cold", "building", "warm", "failed"


class FellBehind(Exception):
    """The changes after the cursor were pruned: only a rebuild can catch up."""


class NetworkIndex:
    """The friendship graph of one process, current to within ``poll_seconds``."""

    def __init__(self, driver: Driver, database: str, poll_seconds: float = 0.5,
                 batch: int = 2000, compact_after: int = 200_000):
        self.driver = driver
        self.database = database
        self.poll_seconds = poll_seconds
        self.batch = batch
        self.compact_after = compact_after
        self.state = COLD
        self.cursor = 0
        self.built_at: float | None = None
        self.build_seconds: float | None = None
        self.last_applied_at: float | None = None
        self.applied = 0
        # Test hook: called with each change's seq as it is applied (under the lock).
        self.on_apply: Callable[[int], None] | None = None
        self._snapshot: Snapshot | None = None
        # While a compaction builds outside the lock: the changes applied meanwhile.
        self._journal: list[tuple[dict, dict[str, str]]] | None = None
        # Test hook: called (outside the lock) between copying and swapping in compact().
        self.while_compacting: Callable[[], None] | None = None
        self._rebuild_requested = False
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ----- reading ----------------------------------------------------------------------
    @property
    def warm(self) -> bool:
        return self.state == WARM

    @property
    def _graph(self) -> FriendGraph | None:
        return self._snapshot.graph if self._snapshot is not None else None

    @property
    def _jobs(self) -> JobTable | None:
        return self._snapshot.jobs if self._snapshot is not None else None

    @contextmanager
    def read(self) -> Iterator[FriendGraph | None]:
        """The current graph (``None`` until warm), held still while the block runs."""
        with self._lock:
            yield self._graph if self.state == WARM else None

    @contextmanager
    def read_jobs(self) -> Iterator[tuple[FriendGraph, JobTable] | None]:
        """The graph and the job table (``None`` until warm), held still meanwhile."""
        with self._lock:
            yield (self._graph, self._jobs) if self.state == WARM else None

    @contextmanager
    def read_snapshot(self) -> Iterator[Snapshot | None]:
        """Everything the index holds (``None`` until warm), held still meanwhile."""
        with self._lock:
            yield self._snapshot if self.state == WARM else None

    # ----- building and applying ----------------------------------------------------------
    def rebuild(self) -> None:
        """Build a fresh snapshot, then replay the changes logged since the build began."""
        if self.state != WARM:
            self.state = BUILDING
        started = time.perf_counter()
        with self.driver.session(database=self.database) as session:
            cursor = session.execute_read(changelog.read_cursor)["seq"]
        snapshot = build_snapshot(self.driver, self.database)
        with self._lock:
            self._snapshot, self.cursor = snapshot, cursor
            self.state = WARM
            self.built_at = time.time()
            self.build_seconds = time.perf_counter() - started
        self.catch_up()

    def catch_up(self) -> int:
        """Apply every change logged after the cursor; how many were applied. A no-op
        until the index is warm."""
        total = 0
        while self.state == WARM:
            with self.driver.session(database=self.database) as session:
                rows = session.execute_read(changelog.read_changes, self.cursor, self.batch)
            if not rows:
                return total
            if rows[0]["seq"] != self.cursor + 1:
                self._check_not_pruned(rows[0]["seq"])
                return total  # a hole: an earlier change not visible yet; next poll
            names = self._names_of_unknown(rows)
            applied = self._apply(rows, names)
            total += applied
            if applied < len(rows):
                return total
        return total

    def _apply(self, rows: list[dict], names: dict[str, str]) -> int:
        applied = 0
        with self._lock:
            for row in rows:
                if row["seq"] != self.cursor + 1:
                    break  # stop at a hole; the rest comes with the next read
                if row["kind"] == changelog.REBUILD:
                    self._rebuild_requested = True
                else:
                    apply_change(self._snapshot, row, names)
                    if self._journal is not None:
                        self._journal.append((row, names))
                self.cursor = row["seq"]
                applied += 1
                if self.on_apply is not None:
                    self.on_apply(row["seq"])
            self.applied += applied
            self.last_applied_at = time.time()
        return applied

    def _names_of_unknown(self, rows: list[dict]) -> dict[str, str]:
        """Names of members a friendship change mentions that the index does not know
        (e.g. loaded in bulk without a log entry); read outside the lock."""
        with self._lock:
            graph = self._graph
            unknown = {row[k] for row in rows for k in ("a", "b")
                       if row["kind"] in MEMBER_KINDS
                       and row[k] is not None and graph.dense(row[k]) is None}
        if not unknown:
            return {}
        records, _, _ = self.driver.execute_query(MATCH_NAMES, ids=sorted(unknown),
                                                  database_=self.database)
        return {r["id"]: r["name"] or "" for r in records}

    def _check_not_pruned(self, first_seq: int) -> None:
        with self.driver.session(database=self.database) as session:
            oldest = session.execute_read(changelog.read_cursor)["oldest"]
        if oldest is not None and oldest > self.cursor + 1:
            raise FellBehind(f"changes {self.cursor + 1}..{oldest - 1} were pruned")

    def compact(self) -> None:
        """Fold the overlays of applied changes back into compact arrays, without holding
        the lock while the arrays are built (see the module docstring)."""
        with self._lock:
            if self._snapshot is None or self._journal is not None:
                return  # not built, or another thread is compacting
            graph = self._snapshot.graph
            # Dense numbers are kept by compaction only when no member was deleted; the job
            # table's employers are keyed by them, so rebuild instead in that case.
            if graph.member_count() != len(graph):
                self._rebuild_requested = True
                return
            source = self._snapshot
            frozen = Snapshot(graph=graph.frozen_copy(), jobs=self._snapshot.jobs,
                              **{kind: getattr(self._snapshot, kind).frozen_copy()
                                 for kind in changelog.AFFILIATION_KINDS})
            self._journal = []
        try:
            if self.while_compacting is not None:
                self.while_compacting()
            new_graph = frozen.graph.compact()
            fresh = Snapshot(graph=new_graph, jobs=frozen.jobs,
                             **{kind: getattr(frozen, kind).compacted(len(new_graph))
                                for kind in changelog.AFFILIATION_KINDS})
        except BaseException:
            with self._lock:
                self._journal = None
            raise
        with self._lock:
            journal, self._journal = self._journal, None
            if self._snapshot is not source:
                return  # rebuilt meanwhile: the fresh build is newer than this compaction
            for row, names in journal:
                apply_change(fresh, row, names)
            self._snapshot = fresh

    # ----- the background thread ----------------------------------------------------------
    def start(self) -> None:
        """Build in the background, then keep applying the log until ``stop()``."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="network-index", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _run(self) -> None:
        backoff = 1.0
        while not self._stop.is_set():
            try:
                if self.state != WARM or self._rebuild_requested:
                    self._rebuild_requested = False
                    self.rebuild()
                else:
                    self.catch_up()
                    if self._overlay_size() > self.compact_after:
                        self.compact()
                backoff = 1.0
                self._stop.wait(self.poll_seconds)
            except FellBehind as exc:
                logger.warning("network index fell behind (%s); rebuilding", exc)
                self.state = BUILDING if self._graph is None else self.state
                try:
                    self.rebuild()
                except Exception:  # noqa: BLE001 - logged; the loop backs off and retries
                    logger.exception("network index rebuild failed")
            except Exception:  # noqa: BLE001 - the database may be away; keep the last state
                logger.warning("network index: update failed; retrying in %.0f s", backoff,
                               exc_info=True)
                if self._graph is None:
                    self.state = FAILED
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 30.0)

    def _overlay_size(self) -> int:
        with self._lock:
            snapshot = self._snapshot
            return snapshot.graph.overlay_edges + sum(
                getattr(snapshot, kind).overlay_size for kind in changelog.AFFILIATION_KINDS)

    def status(self) -> dict:
        """State, size, age and lag (changes logged but not applied yet) of the index."""
        with self._lock:
            graph = self._graph
            info = {"state": self.state, "cursor": self.cursor, "applied": self.applied,
                    "members": graph.member_count() if graph else 0,
                    "friendships": graph.edge_count() if graph else 0,
                    "openJobs": len(self._jobs.jobs) if self._jobs else 0,
                    "bytes": self._snapshot.nbytes() if graph else 0,
                    "buildSeconds": self.build_seconds,
                    "ageSeconds": (time.time() - self.built_at) if self.built_at else None}
        try:
            with self.driver.session(database=self.database) as session:
                info["lag"] = session.execute_read(changelog.read_cursor)["seq"] - info["cursor"]
        except Exception:  # noqa: BLE001 - the status page must answer without the database
            info["lag"] = None
        return info

