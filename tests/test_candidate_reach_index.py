"""Candidate visibility with the two-degree reach read from the network index
(graph.candidates.search): on seeded random worlds, browsing and the recruiter's search by
fit answer exactly as the Cypher walk does and as networkx says they should, also after
friendships, positions and job statuses change through the repositories (and so the
change log); and an index that has not applied the latest changes yet never shows a
candidate the Cypher rules hide.

Worlds: ``REACH_INDEX_EXAMPLES`` seeds (default 2) from ``REACH_INDEX_SEED``.
"""
from __future__ import annotations

import os
import random

import pytest

from graph.candidates.search import CandidateSearchRepository
from graph.candidates.visibility import MATCH_VIEWER_SCOPE
from graph.hiring.candidate_search import CandidateFitRepository
from graph.index import NetworkIndex
from graph.network.friends import FriendshipRepository
from graph.people.members import PersonRepository
from tests.candidate_fixtures import TEST_SCOPE_KEY
from tests.candidate_reach_world import COMPANIES, build, viewers
from tests.conftest import wipe

EXAMPLES = int(os.environ.get("REACH_INDEX_EXAMPLES", 2))
SEED = int(os.environ.get("REACH_INDEX_SEED", 41))
NOW = "2026-06-01T00:00:00+00:00"
FILTERS = [([], None, None), (["python"], "senior", "east-china")]


@pytest.fixture(params=range(SEED, SEED + EXAMPLES))
def scene(request, driver, database):
    wipe(driver, database)
    truth = build(driver, database, request.param)
    index = NetworkIndex(driver, database)
    index.rebuild()
    yield truth, index, request.param
    wipe(driver, database)


def _system_ids(repository, driver, database, viewer, rows) -> set[str]:
    records, _, _ = driver.execute_query(MATCH_VIEWER_SCOPE, viewerId=viewer,
                                         database_=database)
    scope = records[0]["scope"]
    return {repository.scopes.pseudonym_id(scope, row["pseudonym"]["id"]) for row in rows}


def check_browsing(truth, index, driver, database, seed, *, oracle=True) -> int:
    """Indexed == Cypher (rows, order, totals) for every viewer and filter, and == the
    networkx oracle without filters. How many candidate rows were compared."""
    cypher = CandidateSearchRepository(driver, database, TEST_SCOPE_KEY)
    indexed = CandidateSearchRepository(driver, database, TEST_SCOPE_KEY, index=index)
    compared = 0
    for viewer in viewers(truth, 6, seed) + ["no-such-member"]:
        for skills, seniority, region in FILTERS:
            expected = cypher.browse(viewer, skills, seniority, region, 0, 500)
            assert indexed.browse(viewer, skills, seniority, region, 0, 500) == expected, viewer
            compared += len(expected[0])
        assert indexed.browse(viewer, [], None, None, 2, 3) == \
            cypher.browse(viewer, [], None, None, 2, 3)
        if oracle and viewer in truth.graph:
            rows, total = indexed.browse(viewer, [], None, None, 0, 500)
            seen = _system_ids(indexed, driver, database, viewer, rows)
            assert seen == {truth.pseudonym[m] for m in truth.visible_to(viewer)}, viewer
            assert total == len(seen)
    return compared


def test_browsing_from_the_index_equals_cypher_and_networkx(scene, driver, database):
    truth, index, seed = scene
    assert check_browsing(truth, index, driver, database, seed) > 20  # worlds show enough


def test_the_search_by_fit_from_the_index_equals_cypher(scene, driver, database):
    truth, index, seed = scene
    rng = random.Random(seed)
    w = truth.world
    cypher = CandidateFitRepository(driver, database, TEST_SCOPE_KEY)
    indexed = CandidateFitRepository(driver, database, TEST_SCOPE_KEY, index=index)
    # Some candidates said "not interested" in a company: left out of its searches alike.
    not_interested = set()
    for member in rng.sample(sorted(truth.pseudonym), len(truth.pseudonym) // 4):
        company = rng.choice(COMPANIES)
        not_interested.add((member, company))
        w.run("MATCH (p:Person {id: $p}), (c:Company {id: $c}) "
              "MERGE (p)-[:NOT_INTERESTED_IN]->(c)", p=member, c=truth.company[company])
    searched = 0
    for recruiter, (company, _) in sorted(truth.roles.items()):
        if not truth.active_recruiter(recruiter):
            continue
        job = w.job(recruiter, truth.company[company])
        expected = cypher.ranked_for_job(recruiter, job, 0, 500, now=NOW)
        assert indexed.ranked_for_job(recruiter, job, 0, 500, now=NOW) == expected
        assert indexed.ranked_for_job(recruiter, job, 1, 2, now=NOW) == \
            cypher.ranked_for_job(recruiter, job, 1, 2, now=NOW)
        assert expected["total"] == len({m for m in truth.visible_to(recruiter)
                                         if (m, company) not in not_interested})
        searched += expected["total"]
    assert searched > 0


def _random_friendship_changes(truth, friends, rng, count):
    """End and make friendships through the repository (each change logged); the ground
    truth follows."""
    g = truth.graph
    for _ in range(count):
        if rng.random() < 0.5 and g.number_of_edges():
            a, b = rng.choice(sorted(g.edges))
            friends.remove(a, b)
            g.remove_edge(a, b)
        else:
            a, b = rng.sample(sorted(g.nodes), 2)
            if g.has_edge(a, b):
                continue
            friends.send_request(a, b)
            friends.accept(b, a)
            g.add_edge(a, b)


def _random_position_changes(truth, people, rng, count):
    """Join and leave companies through the repository (positions log their employers)."""
    for _ in range(count):
        member = rng.choice(sorted(truth.graph.nodes))
        held = truth.positions.setdefault(member, {})
        if held and rng.random() < 0.5:
            position = rng.choice(sorted(held))
            people.remove_position(member, position)
            del held[position]
        else:
            company = rng.choice(COMPANIES)
            held[people.add_position(member, company, "Analyst", "2024-01", None)] = \
                (company, True)


def test_after_changes_through_the_log_the_answers_stay_equal(scene, driver, database):
    truth, index, seed = scene
    rng = random.Random(seed + 1)
    friends = FriendshipRepository(driver, database, index)
    people = PersonRepository(driver, database)
    for _ in range(2):
        _random_friendship_changes(truth, friends, rng, 25)
        _random_position_changes(truth, people, rng, 10)
        # Job statuses change too; the index holds none (Cypher reads them every time).
        for member in rng.sample(sorted(truth.pseudonym), 4):
            status = rng.choice(["looking", "not_looking"])
            truth.status[member] = status
            truth.world.run("MATCH (p:Person {id: $p}) SET p.jobStatus = $s", p=member, s=status)
        index.catch_up()
        check_browsing(truth, index, driver, database, seed)


def test_a_lagging_index_never_shows_what_cypher_hides(scene, driver, database):
    truth, index, seed = scene
    rng = random.Random(seed + 2)
    # Written by "another process": logged, but this index has not applied them yet.
    elsewhere = FriendshipRepository(driver, database)
    cypher = CandidateSearchRepository(driver, database, TEST_SCOPE_KEY)
    indexed = CandidateSearchRepository(driver, database, TEST_SCOPE_KEY, index=index)
    ended = rng.sample(sorted(truth.graph.edges), 30)
    for a, b in ended:
        elsewhere.remove(a, b)
        truth.graph.remove_edge(a, b)
    # Ended friendships shrink the reach: the stale index holds a superset of it, and the
    # degree checked in Cypher gives exactly the Cypher answer, before any catch-up.
    assert index.status()["lag"] == len(ended)
    check_browsing(truth, index, driver, database, seed)
    _random_friendship_changes(truth, elsewhere, rng, 30)
    for viewer in viewers(truth, 8, seed):
        rows, total = indexed.browse(viewer, [], None, None, 0, 500)
        expected, expected_total = cypher.browse(viewer, [], None, None, 0, 500)
        # New friendships not applied yet can only leave candidates out, never add one.
        assert {r["pseudonym"]["id"] for r in rows} <= {r["pseudonym"]["id"] for r in expected}
        assert total <= expected_total
    index.catch_up()
    assert index.status()["lag"] == 0
    check_browsing(truth, index, driver, database, seed)
