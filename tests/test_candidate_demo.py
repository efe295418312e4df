"""Demo data: after ``flask load-demo`` (and any later ``flask compute-influence``) the
members who are looking or open have pseudonyms whose rank matches their level."""
from __future__ import annotations

from tests.candidate_fixtures import World


def test_demo_seekers_get_ranked_unique_pseudonyms(runner, clean_db, database):
    result = runner.invoke(args=["load-demo", "--members", "80"])
    assert result.exit_code == 0, result.output
    assert "got a pseudonym" in result.output
    world = World(clean_db, database)
    rows = world.run("""
        MATCH (p:Person) WHERE p.jobStatus IN ['looking', 'open']
        OPTIONAL MATCH (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
        RETURN p.influenceLevel AS level, ps.rank AS rank, ps.activeKey AS key, ps.id AS id""")
    assert len(rows) >= 10
    assert all(row["id"] for row in rows)
    assert all(row["rank"] == row["level"] for row in rows)
    assert len({row["key"] for row in rows}) == len(rows)
    assert world.run("MATCH (p:Person {jobStatus: 'not_looking'})-[:HAS_PSEUDONYM]->"
                     "(:Pseudonym {active: true}) RETURN count(p) AS n") == [{"n": 0}]
    levels = {row["level"] for row in world.run("MATCH (p:Person) RETURN p.influenceLevel AS level")}
    assert levels == {1, 2, 3, 4, 5}
    again = runner.invoke(args=["compute-influence"])
    assert again.exit_code == 0 and "Pseudonyms created for 0 members" in again.output


def test_compute_influence_retires_pseudonyms_of_members_no_longer_looking(runner, clean_db,
                                                                          database):
    world = World(clean_db, database)
    member, pseudonym = world.candidate("Stale Status")
    world.run("MATCH (p:Person {id: $p}) SET p.jobStatus = 'not_looking'", p=member)  # no sync
    assert runner.invoke(args=["compute-influence"]).exit_code == 0
    assert world.pseudonym_of(member) is None
    assert world.run("MATCH (ps:Pseudonym {id: $id}) RETURN ps.active AS a",
                     id=pseudonym) == [{"a": False}]
