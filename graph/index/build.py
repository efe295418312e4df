"""Building a ``FriendGraph`` from Neo4j in bulk, streamed.

Two reads in one read transaction: every member (internal node number, public id, name),
then each member's friendships as a list of internal node numbers. Internal numbers are
integers, which the driver decodes far faster than id strings; they never leave this
module (the index maps them to dense numbers and public ids at once). A friendship whose
other end was created after the first read is skipped: its change is in the log after the
cursor read before the build, so it is replayed on top of the snapshot.
"""
from __future__ import annotations

import logging
import time

import numpy as np
from neo4j import Driver

from graph.index.friend_graph import FriendGraph

logger = logging.getLogger(__name__)

MATCH_MEMBERS = "MATCH (p:Person) RETURN id(p) AS node, p.id AS id, coalesce(p.name, '') AS name"

# Each friendship once: from the endpoint with the lower internal number.
MATCH_FRIENDSHIPS = """
MATCH (a:Person)
WITH a, [(a)-[:FRIENDS_WITH]-(b:Person) WHERE id(b) > id(a) | id(b)] AS others
WHERE size(others) > 0
RETURN id(a) AS node, others
"""


def _read_all(tx) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    nodes, ids, names = [], [], []
    for record in tx.run(MATCH_MEMBERS):
        nodes.append(record[0])
        ids.append(record[1])
        names.append(record[2])
    node_array = np.array(nodes, dtype=np.int64)
    order = np.argsort(node_array)
    sorted_nodes = node_array[order]

    def dense_of(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if not len(sorted_nodes):
            return np.zeros(len(values), dtype=np.int32), np.zeros(len(values), dtype=bool)
        pos = np.searchsorted(sorted_nodes, values)
        pos = np.minimum(pos, len(sorted_nodes) - 1)
        known = sorted_nodes[pos] == values
        return order[pos].astype(np.int32), known

    firsts, counts, others = [], [], []
    for record in tx.run(MATCH_FRIENDSHIPS):
        firsts.append(record[0])
        counts.append(len(record[1]))
        others.extend(record[1])
    a_nodes = np.repeat(np.array(firsts, dtype=np.int64), counts)
    a, a_known = dense_of(a_nodes)
    b, b_known = dense_of(np.array(others, dtype=np.int64))
    both = a_known & b_known
    return ids, names, a[both], b[both]


def build_friend_graph(driver: Driver, database: str) -> FriendGraph:
    """A snapshot of every member and friendship."""
    started = time.perf_counter()
    # id() is deprecated in Cypher 5 but still the fast path; don't log that on every build.
    with driver.session(database=database, fetch_size=10_000,
                        notifications_disabled_classifications=["DEPRECATION"]) as session:
        ids, names, sources, targets = session.execute_read(_read_all)
    graph = FriendGraph.from_edges(ids, names, sources, targets)
    logger.info("network index built: %d members, %d friendships in %.1f s",
                len(graph), graph.edge_count(), time.perf_counter() - started)
    return graph
