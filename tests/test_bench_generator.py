"""The benchmark generator at a tiny size: its graph has the promised shape (simple,
heavy-tailed, clustered), its companies, recruiters and jobs follow the data model, and the
badge answers of the CSR and networkx baselines equal the app's Neo4j query on it.
Benchmarks themselves are never run here and nothing asserts on time."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from bench import loader
from bench.baselines import CsrBadges, NetworkxBadges, comparable
from bench.dataset import BENCH_PASSWORD, generate
from bench.viewers import sample_requests, strata
from graph.network.degrees import NetworkRepository

MEMBERS = 500
# An average of 50 friends among 500 members would be a 10% dense graph with no room for
# a tail; the generator is the same at any size, so the small test uses a smaller average.
MEAN_DEGREE = 12


@pytest.fixture(scope="module")
def data():
    return generate(MEMBERS, seed=7, mean_degree=MEAN_DEGREE)


@pytest.fixture(scope="module")
def friend_graph(data):
    g = nx.Graph()
    g.add_nodes_from(range(data.n))
    g.add_edges_from(data.friends.edges.tolist())
    return g


@pytest.fixture(scope="module")
def random_graph(data):
    """A uniform random graph with as many members and friendships."""
    return nx.gnm_random_graph(data.n, len(data.friends.edges), seed=1)


def test_same_seed_same_data_and_another_seed_other_data(data):
    again = generate(MEMBERS, seed=7, mean_degree=MEAN_DEGREE)
    other = generate(MEMBERS, seed=8, mean_degree=MEAN_DEGREE)
    assert np.array_equal(again.friends.edges, data.friends.edges)
    assert again.ids == data.ids and again.names == data.names
    assert again.fingerprint == data.fingerprint != other.fingerprint
    assert not np.array_equal(other.friends.edges, data.friends.edges)


def test_friendships_are_simple_and_the_csr_is_symmetric(data, friend_graph):
    edges, f = data.friends.edges, data.friends
    assert (edges[:, 0] < edges[:, 1]).all()                     # no self-loops, one order
    assert len({tuple(e) for e in edges.tolist()}) == len(edges)   # no repeated pair
    assert f.indptr[-1] == 2 * len(edges)
    for v in range(data.n):
        friends = f.neighbours(v)
        assert (np.diff(friends) > 0).all()
        assert set(friends.tolist()) == set(friend_graph[v])
    assert len(set(data.ids)) == data.n


def test_average_degree_is_the_one_asked_for(data):
    assert abs(data.friends.degrees.mean() - MEAN_DEGREE) < 0.05 * MEAN_DEGREE


def test_degrees_have_a_heavy_tail_with_celebrities_on_top(data, random_graph):
    degrees = data.friends.degrees
    random_degrees = np.array([d for _, d in random_graph.degree])
    assert degrees.max() >= 2.5 * random_degrees.max()
    assert degrees.std() >= 2.5 * random_degrees.std()
    assert degrees.max() >= 5 * np.median(degrees)
    ordinary = np.delete(degrees, data.friends.celebrities)
    assert degrees[data.friends.celebrities].min() > np.percentile(ordinary, 99)


def test_clustering_is_far_above_a_random_graph(friend_graph, random_graph):
    ours, uniform = nx.average_clustering(friend_graph), nx.average_clustering(random_graph)
    assert ours >= 4 * uniform
    assert ours >= 0.08


def test_companies_recruiters_and_jobs_follow_the_model(data):
    w = data.work
    assert len(w.company_names) == MEMBERS // 100
    assert len({name.casefold() for name in w.company_names}) == len(w.company_names)
    assert int(w.job_open.sum()) == MEMBERS // 10
    current = {(p, c) for p, c, cur in zip(w.position_person.tolist(),
                                           w.position_company.tolist(),
                                           w.position_current.tolist()) if cur}
    holders = [p for p, _ in current]
    assert len(holders) == len(set(holders))                        # one current job each
    past = ~w.position_current
    assert (w.position_end[past] > w.position_start[past]).all()
    verified = {(p, c) for p, c, ok in zip(w.recruiter_person.tolist(),
                                           w.recruiter_company.tolist(),
                                           w.recruiter_verified.tolist()) if ok}
    assert verified and verified <= current                         # recruiters work there
    for poster, company in zip(w.job_poster.tolist(), w.job_company.tolist()):
        assert (poster, company) in verified                        # only verified post
    assert {(p, c) for p, c in zip(w.admin_person.tolist(), w.admin_company.tolist())} <= current


def _count(driver, database, query):
    records, _, _ = driver.execute_query(query, database_=database)
    return records[0]["n"]


def test_loaded_graph_and_every_badge_variant_agree(app, client, driver, database, data):
    # The suite's database is not a bench database: the bench refuses to wipe it...
    with pytest.raises(loader.ForeignDatabase):
        loader.prepare(driver, database, data)
    # ...but loads into it when asked directly.
    steps = loader.load(driver, database, data)
    assert sum(s["relationships"] for s in steps) > len(data.friends.edges)
    assert _count(driver, database, "MATCH (p:Person) RETURN count(p) AS n") == MEMBERS
    assert _count(driver, database, "MATCH ()-[f:FRIENDS_WITH]->() RETURN count(f) AS n") == \
        len(data.friends.edges)
    assert _count(driver, database, "MATCH (r:Person)-[:RECRUITS_FOR {status: 'verified'}]->(c)"
                  "<-[:AT]-(j:Job {status: 'open'})<-[:POSTED]-(r) RETURN count(j) AS n") == \
        MEMBERS // 10

    network = NetworkRepository(driver, database)
    csr, nxb = CsrBadges(data), NetworkxBadges(data)
    rng = np.random.default_rng(3)
    degrees_seen = set()
    for stratum in strata(data):
        for viewer, targets in sample_requests(data, rng, stratum, 4, 30) + [(0, [0, 1, 2])]:
            for shown in (3, 10_000):
                neo = network.badges(data.ids[viewer], [data.ids[t] for t in targets], shown)
                by_id = {data.ids[k]: b for k, b in csr.badges(viewer, targets, shown).items()}
                assert comparable(neo) == comparable(by_id)
                by_id = {data.ids[k]: b for k, b in nxb.badges(viewer, targets, shown).items()}
                assert comparable(neo) == comparable(by_id)
                degrees_seen |= {b["degree"] for b in neo.values()}
    assert degrees_seen == {0, 1, 2, 3}

    # Bench members log in through the real form with the bench password.
    response = client.post("/login", {"email": data.email(0), "password": BENCH_PASSWORD})
    assert response.status_code == 302
