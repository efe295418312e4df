"""Building a snapshot (``FriendGraph``, ``JobTable``, ``Affiliations``) from Neo4j in bulk,
streamed.

Reads in one read transaction: every member (internal node number, public id, name), each
member's friendships as a list of internal node numbers, then their current employers, the
open jobs, and the companies ever worked at, schools and skills (``Affiliations``). Internal numbers are
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

from graph.index.affiliations import Affiliations
from graph.index.changelog import MATCH_OPEN_JOB_STATES
from graph.index.friend_graph import FriendGraph
from graph.index.jobs import JobTable
from graph.index.snapshot import Snapshot

logger = logging.getLogger(__name__)

MATCH_MEMBERS = "MATCH (p:Person) RETURN id(p) AS node, p.id AS id, coalesce(p.name, '') AS name"

# Each friendship once: from the endpoint with the lower internal number.
MATCH_FRIENDSHIPS = """
MATCH (a:Person)
WITH a, [(a)-[:FRIENDS_WITH]-(b:Person) WHERE id(b) > id(a) | id(b)] AS others
WHERE size(others) > 0
RETURN id(a) AS node, others
"""


MATCH_EMPLOYMENTS = """
MATCH (p:Person)-[:WORKS_AT {current: true}]->(c:Company)
RETURN DISTINCT id(p) AS node, c.id AS company
"""


# What people you may know scores on (any position, current or past; schools) and what
# who-fits matches (skills). Schools and skills are keyed by their unique ``key``.
AFFILIATION_QUERIES = {
    "companies": "MATCH (p:Person)-[:WORKS_AT]->(c:Company) RETURN DISTINCT id(p), c.id",
    "schools": "MATCH (p:Person)-[:STUDIED_AT]->(s:School) RETURN DISTINCT id(p), s.key",
    "skills": "MATCH (p:Person)-[:HAS_SKILL]->(s:Skill) RETURN DISTINCT id(p), s.key",
}


def _read_affiliations(tx, query: str, dense_of, member_count: int) -> Affiliations:
    nodes, groups = [], []
    for record in tx.run(query):
        if record[1] is not None:
            nodes.append(record[0])
            groups.append(record[1])
    dense, known = dense_of(np.array(nodes, dtype=np.int64))
    return Affiliations.from_pairs(dense[known], [g for g, k in zip(groups, known) if k],
                                   member_count)


def _read_all(tx) -> tuple[list[str], list[str], np.ndarray, np.ndarray, JobTable, dict]:
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

    company_ids: list[str] = []
    company_dense: dict[str, int] = {}
    members, companies = [], []
    for record in tx.run(MATCH_EMPLOYMENTS):
        members.append(record[0])
        companies.append(company_dense.setdefault(record[1], len(company_dense)))
    company_ids = list(company_dense)
    member_dense, member_known = dense_of(np.array(members, dtype=np.int64))
    member_dense = member_dense[member_known]
    company_array = np.array(companies, dtype=np.int32)[member_known]
    order_by_member = np.lexsort((company_array, member_dense))
    member_dense, company_array = member_dense[order_by_member], company_array[order_by_member]
    indptr = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum(np.bincount(member_dense, minlength=len(ids)), out=indptr[1:])
    table = JobTable(company_ids, indptr, company_array, [])
    for record in tx.run(MATCH_OPEN_JOB_STATES):
        table.set_job(record.data())
    affiliations = {name: _read_affiliations(tx, query, dense_of, len(ids))
                    for name, query in AFFILIATION_QUERIES.items()}
    return ids, names, a[both], b[both], table, affiliations


def build_snapshot(driver: Driver, database: str) -> Snapshot:
    """A snapshot of every member, friendship, current employment, open job, and the
    companies, schools and skills of every member."""
    started = time.perf_counter()
    # id() is deprecated in Cypher 5 but still the fast path; don't log that on every build.
    with driver.session(database=database, fetch_size=10_000,
                        notifications_disabled_classifications=["DEPRECATION"]) as session:
        ids, names, sources, targets, table, affiliations = session.execute_read(_read_all)
    graph = FriendGraph.from_edges(ids, names, sources, targets)
    logger.info("network index built: %d members, %d friendships, %d open jobs in %.1f s",
                len(graph), graph.edge_count(), len(table.jobs), time.perf_counter() - started)
    return Snapshot(graph=graph, jobs=table, **affiliations)
