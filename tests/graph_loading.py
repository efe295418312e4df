"""Loads a networkx graph into Neo4j as members and friendships, for oracle tests."""
from __future__ import annotations

import networkx as nx

from graph.keys import pair_key


def person_id(node: int) -> str:
    return f"p{node:05d}"


def load_friend_graph(driver, database: str, graph: nx.Graph) -> None:
    """One Person per node (id ``p00012``, name ``Person 12``), one FRIENDS_WITH per edge."""
    people = [{"id": person_id(n), "name": f"Person {n}"} for n in graph.nodes]
    driver.execute_query(
        "UNWIND $rows AS row CREATE (:Person {id: row.id, name: row.name, "
        "nameLower: toLower(row.name), email: row.id + '@example.com', headline: '', "
        "jobStatus: 'not_looking'})", rows=people, database_=database)
    edges = [{"a": person_id(a), "b": person_id(b), "pairKey": pair_key(person_id(a), person_id(b))}
             for a, b in graph.edges]
    for start in range(0, len(edges), 5000):
        driver.execute_query(
            "UNWIND $rows AS row MATCH (a:Person {id: row.a}) MATCH (b:Person {id: row.b}) "
            "CREATE (a)-[:FRIENDS_WITH {pairKey: row.pairKey}]->(b)",
            rows=edges[start:start + 5000], database_=database)
