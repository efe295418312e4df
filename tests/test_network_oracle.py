"""Degrees, mutual friends and the 1st/2nd-degree sets from Neo4j equal networkx's answers
on seeded random graphs of several shapes and densities."""
from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.network.degrees import NetworkRepository
from tests.conftest import wipe
from tests.graph_loading import load_friend_graph, person_id

GRAPHS = {
    "sparse-gnp": lambda: nx.gnp_random_graph(300, 0.008, seed=11),
    "dense-gnp": lambda: nx.gnp_random_graph(200, 0.06, seed=12),
    "clustered-powerlaw": lambda: nx.powerlaw_cluster_graph(400, 4, 0.3, seed=13),
    "small-world": lambda: nx.connected_watts_strogatz_graph(300, 8, 0.1, seed=14),
}


def expected_degree(g: nx.Graph, v: int, t: int) -> int:
    if v == t:
        return 0
    if g.has_edge(v, t):
        return 1
    if set(g[v]) & set(g[t]):
        return 2
    return 3


def closeness(g: nx.Graph, v: int, m: int) -> int:
    return len(set(g[v]) & set(g[m]))


@pytest.fixture(params=list(GRAPHS), scope="module")
def loaded(request, driver, database):
    g = GRAPHS[request.param]()
    wipe(driver, database)
    load_friend_graph(driver, database, g)
    yield g, NetworkRepository(driver, database)
    wipe(driver, database)


def viewers(g: nx.Graph, count: int = 12) -> list[int]:
    """A spread of viewers: the best connected, an isolated one if any, and random ones."""
    rng = random.Random(len(g))
    by_degree = sorted(g.nodes, key=lambda n: (-g.degree(n), n))
    chosen = by_degree[:3] + by_degree[-2:] + rng.sample(list(g.nodes), count - 5)
    return list(dict.fromkeys(chosen))


def test_badges_match_networkx(loaded):
    g, network = loaded
    rng = random.Random(99)
    for v in viewers(g):
        # Targets: some friends, some friends of friends, some strangers, and the viewer.
        targets = set(rng.sample(list(g.nodes), 40)) | set(list(g[v])[:5]) | {v}
        second = {t for f in g[v] for t in g[f]} - set(g[v]) - {v}
        targets |= set(sorted(second)[:5])
        badges = network.badges(person_id(v), [person_id(t) for t in targets], shown=10_000)
        assert set(badges) == {person_id(t) for t in targets}
        for t in targets:
            badge = badges[person_id(t)]
            mutual = set(nx.common_neighbors(g, v, t)) if v != t else set()
            assert badge["degree"] == expected_degree(g, v, t), (v, t)
            assert badge["mutualCount"] == len(mutual), (v, t)
            assert {m["id"] for m in badge["mutuals"]} == {person_id(m) for m in mutual}
            expected_order = sorted(mutual, key=lambda m: (-closeness(g, v, m), f"Person {m}",
                                                           person_id(m)))
            assert [m["id"] for m in badge["mutuals"]] == [person_id(m) for m in expected_order]
            assert [m["closeness"] for m in badge["mutuals"]] == \
                [closeness(g, v, m) for m in expected_order]


def test_badges_show_only_the_closest_few(loaded):
    g, network = loaded
    v = max(g.nodes, key=g.degree)
    targets = [t for t in g.nodes if len(list(nx.common_neighbors(g, v, t))) > 3 and t != v][:10]
    badges = network.badges(person_id(v), [person_id(t) for t in targets], shown=3)
    for t in targets:
        assert len(badges[person_id(t)]["mutuals"]) == 3
        assert badges[person_id(t)]["mutualCount"] == len(list(nx.common_neighbors(g, v, t)))


def _all_pages(fetch, size=37):
    rows, total, skip = [], None, 0
    while True:
        page, total = fetch(skip, size)
        rows.extend(page)
        skip += size
        if len(page) < size:
            return rows, total


def test_first_and_second_degree_sets_match_networkx(loaded):
    g, network = loaded
    for v in viewers(g, 8):
        lengths = nx.single_source_shortest_path_length(g, v, cutoff=2)
        first = {n for n, d in lengths.items() if d == 1}
        second = {n for n, d in lengths.items() if d == 2}

        rows, total = _all_pages(lambda s, l: network.first_degree(person_id(v), s, l))
        assert total == len(first) == network.friend_count(person_id(v)) == g.degree(v)
        assert [r["person"]["id"] for r in rows] == \
            [person_id(n) for n in sorted(first, key=lambda n: (f"Person {n}", person_id(n)))]

        rows, total = _all_pages(lambda s, l: network.second_degree(person_id(v), s, l))
        assert total == len(second)
        assert {r["person"]["id"] for r in rows} == {person_id(n) for n in second}
        assert len(rows) == len(second)  # each person once, across all pages
        for row in rows:
            n = int(row["person"]["id"][1:])
            mutual = set(nx.common_neighbors(g, v, n))
            assert row["mutualCount"] == len(mutual)
            assert {m["id"] for m in row["via"]} <= {person_id(m) for m in mutual}
            assert len(row["via"]) == min(3, len(mutual))
        counts = [r["mutualCount"] for r in rows]
        assert counts == sorted(counts, reverse=True)


def test_node_degrees_match_networkx(loaded, driver, database):
    g, _ = loaded
    records, _, _ = driver.execute_query(
        "MATCH (p:Person) RETURN p.id AS id, COUNT { (p)-[:FRIENDS_WITH]-() } AS degree",
        database_=database)
    assert {r["id"]: r["degree"] for r in records} == {person_id(n): d for n, d in g.degree}
