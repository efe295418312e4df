"""Influence levels: the pure analysis, and the batch command checked against networkx on
seeded random graphs stored in the real Neo4j."""
from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.network import analysis
from tests.candidate_fixtures import World


def random_graph(seed: int, members: int = 60, p: float = 0.08) -> nx.Graph:
    graph = nx.gnp_random_graph(members, p, seed=seed)
    return nx.relabel_nodes(graph, {n: f"m{n:03d}" for n in graph.nodes})


def oracle_scores(graph: nx.Graph) -> dict[str, float]:
    """The documented formula, written out independently of ``analysis``."""
    pagerank = nx.pagerank(graph, alpha=0.85)
    top_rank = max(pagerank.values())
    top_degree = max(d for _, d in graph.degree()) or 1
    return {n: 0.7 * pagerank[n] / top_rank + 0.3 * graph.degree(n) / top_degree
            for n in graph.nodes}


def test_empty_graph_has_no_levels():
    result = analysis.compute_influence([], [])
    assert result.scores == {} and result.levels == {}
    assert analysis.provisional_level(3, result.degree_cutoffs) >= 1


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_scores_follow_the_documented_formula(seed):
    graph = random_graph(seed)
    result = analysis.compute_influence(graph.nodes, graph.edges)
    expected = oracle_scores(graph)
    assert result.scores.keys() == expected.keys()
    for member, score in expected.items():
        assert result.scores[member] == pytest.approx(score, abs=1e-9)


@pytest.mark.parametrize("seed", [3, 11])
def test_levels_follow_percentiles(seed):
    graph = random_graph(seed, members=200, p=0.04)
    result = analysis.compute_influence(graph.nodes, graph.edges)
    scores, levels = result.scores, result.levels
    assert set(levels.values()) <= set(range(1, analysis.LEVEL_COUNT + 1))
    assert analysis.LEVEL_COUNT >= 5
    ordered = sorted(scores.values())
    for member, level in levels.items():
        if graph.degree(member) == 0:
            assert level == 1
            continue
        share_below = sum(1 for s in ordered if s < scores[member]) / len(ordered)
        assert level == analysis.level_for_percentile(share_below)
    # A higher score never gets a lower level (friendless members aside).
    connected = sorted((m for m in levels if graph.degree(m)), key=scores.get)
    assert all(levels[a] <= levels[b] for a, b in zip(connected, connected[1:]))
    # The top few percent reach the top level; the bottom stays at level 1.
    assert max(levels.values()) == analysis.LEVEL_COUNT
    assert levels[connected[0]] == 1


def test_equal_positions_share_a_level_and_a_star_centre_leads():
    star = nx.star_graph(40)  # the centre beats 40 of 41 members: above the 97th percentile
    star = nx.relabel_nodes(star, {n: f"s{n}" for n in star.nodes})
    result = analysis.compute_influence(star.nodes, star.edges)
    assert result.levels["s0"] == analysis.LEVEL_COUNT
    assert {result.levels[f"s{n}"] for n in range(1, 41)} == {1}  # all leaves alike
    assert len({result.scores[f"s{n}"] for n in range(1, 41)}) == 1


def test_provisional_level_for_newcomers():
    degrees = {f"m{i}": i for i in range(100)}  # friend counts 0..99
    cutoffs = analysis.degree_cutoffs(degrees)
    assert cutoffs == sorted(cutoffs) and len(cutoffs) == analysis.LEVEL_COUNT - 1
    assert analysis.provisional_level(0, cutoffs) == 1
    assert analysis.provisional_level(1, cutoffs) == 1
    assert analysis.provisional_level(99, cutoffs) == analysis.LEVEL_COUNT
    assert analysis.provisional_level(50, cutoffs) == 2
    assert analysis.provisional_level(12, None) == 1  # no run yet


def store_graph(world: World, graph: nx.Graph, seed: int) -> dict[str, str]:
    """Members named after the graph's nodes; returns node -> member id."""
    ids = {node: world.person(f"Member {node}") for node in graph.nodes}
    rng = random.Random(seed)
    for a, b in graph.edges:  # the stored direction is arbitrary, as in the app
        world.befriend(*((ids[a], ids[b]) if rng.random() < 0.5 else (ids[b], ids[a])))
    return ids


@pytest.mark.parametrize("seed", [5, 19])
def test_compute_influence_command_matches_networkx(runner, clean_db, database, seed):
    world = World(clean_db, database)
    graph = random_graph(seed, members=40, p=0.1)
    graph.add_node("lonely")
    ids = store_graph(world, graph, seed)
    seekers = [ids["m000"], ids["m001"], ids["lonely"]]
    for member in seekers:
        world.run("MATCH (p:Person {id: $p}) SET p.jobStatus = 'open'", p=member)

    result = runner.invoke(args=["compute-influence"])
    assert result.exit_code == 0, result.output
    assert "Influence computed for 41 members" in result.output
    assert "Pseudonyms created for 3 members" in result.output

    stored = {row["id"]: row for row in world.run(
        "MATCH (p:Person) RETURN p.id AS id, p.influence AS score, p.influenceLevel AS level")}
    expected = oracle_scores(graph)
    levels = analysis.percentile_levels(expected, dict(graph.degree()))
    for node, member in ids.items():
        assert stored[member]["score"] == pytest.approx(expected[node], abs=1e-9)
        assert stored[member]["level"] == levels[node]
    assert stored[ids["lonely"]]["level"] == 1
    ranks = {row["p"]: row["rank"] for row in world.run(
        "MATCH (p:Person)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true}) "
        "RETURN p.id AS p, ps.rank AS rank")}
    assert ranks == {member: stored[member]["level"] for member in seekers}
    run = world.run("MATCH (r:InfluenceRun) RETURN r.degreeCutoffs AS cutoffs, r.members AS n")
    assert run == [{"cutoffs": analysis.degree_cutoffs(dict(graph.degree())), "n": 41}]

    again = runner.invoke(args=["compute-influence"])  # idempotent: nobody gets a second one
    assert "Pseudonyms created for 0 members" in again.output


def test_an_active_pseudonyms_rank_follows_the_nightly_level(runner, clean_db, database):
    """Seekers who joined with no friends got level-1 pseudonyms; once their networks have
    grown, the nightly run gives each one whose level moved a name of the new rank, under
    the same id (links and conversations keep working), and tells them. A pseudonym whose
    level held keeps its name, and a second run changes nothing."""
    from graph.candidates import pseudonym_names as names
    world = World(clean_db, database)
    hub, hub_pseudonym = world.candidate("Hub Seeker")
    quiet, quiet_pseudonym = world.candidate("Quiet Seeker")
    spokes = [world.person(f"Spoke {i}") for i in range(12)]
    for spoke in spokes:
        world.befriend(hub, spoke)
    world.befriend(quiet, spokes[0])
    before = {row["p"]: row for row in world.run(
        "MATCH (p:Person)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true}) "
        "RETURN p.id AS p, ps.id AS id, ps.rank AS rank, ps.hanzi AS hanzi, "
        "ps.generation AS generation")}
    assert before[hub]["rank"] == before[quiet]["rank"] == 1

    result = runner.invoke(args=["compute-influence"])
    assert result.exit_code == 0, result.output

    after = {row["p"]: row for row in world.run(
        "MATCH (p:Person)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true}) "
        "RETURN p.id AS p, ps.id AS id, ps.rank AS rank, ps.hanzi AS hanzi, "
        "ps.generation AS generation, p.influenceLevel AS level")}
    assert after[hub]["level"] > 1  # the star's centre leads
    moved = set()
    for member in (hub, quiet):
        assert after[member]["id"] == before[member]["id"]
        rank = names.rank(after[member]["level"]).level
        assert after[member]["rank"] == rank
        assert after[member]["hanzi"] in {c.hanzi for c in names.characters(rank)}
        if rank != before[member]["rank"]:
            moved.add(member)
        else:
            assert (after[member]["hanzi"], after[member]["generation"]) == \
                (before[member]["hanzi"], before[member]["generation"])
    assert hub in moved
    told = {row["p"]: row["text"] for row in world.run(
        "MATCH (p:Person)-[:NOTIFIED]->(n:Notification {kind: 'candidate.rank'}) "
        "RETURN p.id AS p, n.text AS text")}
    assert set(told) == moved
    assert names.rank(after[hub]["level"]).hanzi in told[hub]
    assert hub_pseudonym == after[hub]["id"] and quiet_pseudonym == after[quiet]["id"]

    again = runner.invoke(args=["compute-influence"])  # levels unchanged: nothing moves
    assert again.exit_code == 0, again.output
    assert len(world.run("MATCH (n:Notification {kind: 'candidate.rank'}) RETURN n")) == \
        len(moved)
    assert {row["p"]: row for row in world.run(
        "MATCH (p:Person)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true}) "
        "RETURN p.id AS p, ps.id AS id, ps.rank AS rank, ps.hanzi AS hanzi, "
        "ps.generation AS generation, p.influenceLevel AS level")} == after
