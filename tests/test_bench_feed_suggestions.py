"""The Q2 (job feed) and Q4 (people you may know) bench baselines give the app's own
answers on a small generated network: the CSR and networkx variants (and Q4's `app`,
the repository on the network index) equal the Neo4j repositories' top 20 (ids, counts, paths, scores) and totals. Nothing asserts on time."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from bench import loader
from bench.dataset import generate
from bench.feed_baselines import NOW, CsrFeed, JobIndex, NetworkxFeed
from bench.previous import PreviousJobFeed, PreviousSuggestions
from bench.q2_jobs import neo4j_row
from bench.q4_suggestions import neo4j_answer
from bench.suggest_baselines import Affiliations, CsrSuggestions, NetworkxSuggestions
from bench.viewers import strata
from graph.index import NetworkIndex
from graph.jobs.feed import JobFeedRepository, JobFilters
from graph.network.suggestions import SuggestionRepository

MEMBERS = 500
MEAN_DEGREE = 12  # as in test_bench_generator: room for a tail at this size


@pytest.fixture(scope="module")
def data():
    return generate(MEMBERS, seed=11, mean_degree=MEAN_DEGREE)


def _viewers(data) -> list[int]:
    rng = np.random.default_rng(5)
    return [int(v) for s in strata(data) for v in rng.choice(s.members, size=4)]


def test_feed_and_suggestion_baselines_equal_the_app(app, driver, database, data):
    loader.load(driver, database, data)
    graph = nx.Graph()
    graph.add_nodes_from(range(data.n))
    graph.add_edges_from(data.friends.edges.tolist())
    index, aff = JobIndex(data), Affiliations(data)
    feeds = [CsrFeed(data, index), NetworkxFeed(data, index, graph)]
    suggesters = [CsrSuggestions(data, aff), NetworkxSuggestions(data, aff, graph)]
    jobs, suggestions = JobFeedRepository(driver, database), SuggestionRepository(driver, database)
    network_index = NetworkIndex(driver, database)
    network_index.rebuild()
    indexed = SuggestionRepository(driver, database, network_index)  # the bench's `app`
    seen_degrees, non_empty = set(), 0
    for v in _viewers(data):
        rows, total = jobs.feed(data.ids[v], JobFilters(), 0, 20, now=NOW)
        expected = [neo4j_row(r).key() for r in rows]
        for feed in feeds:
            got, got_total = feed.feed(v, 20)
            assert ([r.key() for r in got], got_total) == (expected, total)
        seen_degrees |= {r["path"]["degree"] for r in rows}
        answer = neo4j_answer(*suggestions.page(data.ids[v], 0, 20))
        for suggester in suggesters:
            assert suggester.top(v, 20) == answer
        assert neo4j_answer(*indexed.page(data.ids[v], 0, 20)) == answer
        non_empty += bool(answer[0]) and bool(expected)
    assert seen_degrees == {1, 2}
    assert non_empty >= len(_viewers(data)) // 2


def test_previous_queries_still_give_the_same_answers(app, driver, database, data):
    """The bench times the queries as they were before the benchmark work
    (``--before-samples``); they must still run against today's data and agree."""
    loader.load(driver, database, data)
    index, aff = JobIndex(data), Affiliations(data)
    feed, suggester = CsrFeed(data, index), CsrSuggestions(data, aff)
    old_jobs = PreviousJobFeed(driver, database)
    old_suggestions = PreviousSuggestions(driver, database)
    for v in _viewers(data)[:8]:
        rows, total = old_jobs.feed(data.ids[v], JobFilters(), 0, 20, now=NOW)
        got, got_total = feed.feed(v, 20)
        assert ([neo4j_row(r).key() for r in rows], total) == ([r.key() for r in got], got_total)
        assert neo4j_answer(*old_suggestions.page(data.ids[v], 0, 20)) == suggester.top(v, 20)
