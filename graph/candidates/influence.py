"""Reading the friendship graph for the influence run and writing the levels back.

The computation itself is ``graph.network.analysis.compute_influence`` (pure). Results go back in
``UNWIND`` batches as ``Person.influence`` (the score) and ``Person.influenceLevel``; the
run's friend-count cutoffs go to the single ``(:InfluenceRun {key: 'latest'})`` node, from
which newcomers get a provisional level until the next run.
"""
from __future__ import annotations

import logging
from collections import Counter

from graph.base import Repository, utc_now
from graph.network.analysis import Influence

logger = logging.getLogger(__name__)

BATCH = 2000

MATCH_MEMBER_IDS = "MATCH (p:Person) RETURN collect(p.id) AS ids"

# Each friendship is stored once, so a directed match lists every pair exactly once.
MATCH_FRIENDSHIPS = """
MATCH (a:Person)-[:FRIENDS_WITH]->(b:Person)
RETURN a.id AS a, b.id AS b
"""

WRITE_INFLUENCE = """
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
SET p.influence = row.score, p.influenceLevel = row.level
"""

MERGE_RUN = """
MERGE (run:InfluenceRun {key: 'latest'})
SET run.computedAt = $now, run.members = $members, run.degreeCutoffs = $cutoffs
"""


def _graph(tx):
    ids = tx.run(MATCH_MEMBER_IDS).single()["ids"]
    edges = [(record["a"], record["b"]) for record in tx.run(MATCH_FRIENDSHIPS)]
    return ids, edges


def _write_rows(tx, rows):
    tx.run(WRITE_INFLUENCE, rows=rows).consume()


def _write_run(tx, params):
    tx.run(MERGE_RUN, params).consume()


class InfluenceRepository(Repository):
    """The friendship graph in, influence levels out."""

    def friendship_graph(self) -> tuple[list[str], list[tuple[str, str]]]:
        """Every member id and every friendship as a pair of ids (one read)."""
        return self._read(_graph)

    def store(self, influence: Influence, now: str | None = None) -> dict[int, int]:
        """Write scores and levels in batches, then the run's cutoffs. Returns how many
        members are at each level."""
        rows = [{"id": member, "score": score, "level": influence.levels[member]}
                for member, score in influence.scores.items()]
        for start in range(0, len(rows), BATCH):
            self._write(_write_rows, rows[start:start + BATCH])
        self._write(_write_run, {"now": now or utc_now(), "members": len(rows),
                                 "cutoffs": influence.degree_cutoffs})
        per_level = Counter(influence.levels.values())
        logger.info("influence stored: %s", dict(sorted(per_level.items())))
        return dict(sorted(per_level.items()))
