"""Pseudonyms: the curated catalogue, random unlinkable ids, ranks matching levels,
uniqueness among active pseudonyms (constraint, concurrency), status changes and rotation."""
from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest
from neo4j.exceptions import ConstraintError

from graph.candidates import pseudonym_names as names
from graph.candidates.pseudonyms import CandidateRepository
from graph.network.analysis import LEVEL_COUNT
from tests.candidate_fixtures import World, seen_id, world  # noqa: F401  (fixture)
from tests.candidate_scene import set_status


def test_catalogue_has_at_least_200_distinct_characters_across_every_rank():
    every = names.characters()
    assert len(every) >= 200
    assert len({c.hanzi for c in every}) == len(every)
    assert len({c.pinyin.casefold() for c in every}) == len(every)
    assert set(names.ranks()) == set(range(1, LEVEL_COUNT + 1))
    for level in names.ranks():
        assert len(names.characters(level)) >= 30
    for c in every:
        assert all(unicodedata.name(ch).startswith("CJK UNIFIED IDEOGRAPH") for ch in c.hanzi)
        assert re.fullmatch(r"[A-Z][a-zü']*( [A-Z][a-zü']*)*", c.pinyin), c.pinyin
        assert c.author in {"Jin Yong", "Gu Long", "Liang Yusheng"} and c.novel


def test_choose_takes_a_free_name_of_the_rank_then_a_second_generation():
    pool = names.characters(5)
    rng = random.Random(1)
    taken = {names.active_key(c.hanzi, 1) for c in pool[1:]}
    character, generation = names.choose(5, taken, rng)
    assert (character, generation) == (pool[0], 1)
    taken.add(names.active_key(pool[0].hanzi, 1))
    character, generation = names.choose(5, taken, rng)
    assert character.rank == 5 and generation == 2
    assert names.display_name(character.hanzi, character.pinyin, 2).endswith(" II")
    assert names.choose(99, set(), rng)[0].rank == max(names.ranks())  # clamped


def test_public_ids_are_random_and_long_enough():
    ids = {names.new_public_id() for _ in range(2000)}
    assert len(ids) == 2000
    for public_id in list(ids)[:50]:
        assert re.fullmatch(r"[A-Za-z0-9_-]+", public_id)
        assert len(public_id) * 6 >= 128  # URL-safe base64: 6 bits a character


def test_pseudonym_id_is_not_derivable_from_the_member(world):  # noqa: F811
    member, first = world.candidate("Dana Derive")
    element = world.run("MATCH (p:Person {id: $p}) RETURN elementId(p) AS e", p=member)[0]["e"]
    derived = {member, element, member[:22], hashlib.sha256(member.encode()).hexdigest()[:32],
               hashlib.md5(member.encode()).hexdigest(), hashlib.sha1(member.encode()).hexdigest()}
    assert first not in derived and member not in first and element not in first
    world.status(member, "not_looking")
    world.status(member, "looking")
    second = world.pseudonym_of(member)
    third = CandidateRepository(world.driver, world.database).rotate(member)["id"]
    assert len({first, second, third}) == 3


def test_rank_matches_the_members_level(world):  # noqa: F811
    for level in range(1, LEVEL_COUNT + 1):
        member = world.person(f"Level {level}")
        world.run("MATCH (p:Person {id: $p}) SET p.influenceLevel = $level", p=member,
                  level=level)
        world.status(member, "open")
        rank = world.run("MATCH (:Person {id: $p})-[:HAS_PSEUDONYM]->(ps:Pseudonym) "
                         "RETURN ps.rank AS rank, ps.hanzi AS hanzi", p=member)[0]
        assert rank["rank"] == level
        assert rank["hanzi"] in {c.hanzi for c in names.characters(level)}


def test_newcomer_gets_a_provisional_level_at_once(world):  # noqa: F811
    world.run("CREATE (:InfluenceRun {key: 'latest', degreeCutoffs: [1, 2, 3, 4]})")
    hub = world.person("Hub")
    for index in range(4):
        world.befriend(hub, world.person(f"Friend {index}"))
    world.status(hub, "looking")  # never seen by a batch run: level from 4 friends
    rank = world.run("MATCH (:Person {id: $p})-[:HAS_PSEUDONYM]->(ps) RETURN ps.rank AS r",
                     p=hub)[0]["r"]
    assert rank == LEVEL_COUNT
    loner = world.person("Loner")
    world.status(loner, "looking")
    assert world.run("MATCH (:Person {id: $p})-[:HAS_PSEUDONYM]->(ps) RETURN ps.rank AS r",
                     p=loner)[0]["r"] == 1


def test_active_names_are_unique_by_constraint(world):  # noqa: F811
    member, pseudonym = world.candidate("Uma Unique")
    key = world.run("MATCH (ps:Pseudonym {id: $id}) RETURN ps.activeKey AS k", id=pseudonym)[0]["k"]
    with pytest.raises(ConstraintError):
        world.run("CREATE (:Pseudonym {id: 'other', activeKey: $k, active: true})", k=key)
    with pytest.raises(ConstraintError):  # one active pseudonym per member
        world.run("CREATE (:Pseudonym {id: 'other2', activeKey: 'x#1', activeOwner: $m})",
                  m=member)
    world.status(member, "not_looking")  # retired: the name is free again
    world.run("CREATE (:Pseudonym {id: 'other3', activeKey: $k, active: true})", k=key)


def test_concurrent_seekers_of_one_rank_all_get_distinct_names(clean_db, database):
    world = World(clean_db, database)
    pool = len(names.characters(5))
    members = [world.person(f"Top {i}") for i in range(pool + 5)]
    world.run("MATCH (p:Person) SET p.influenceLevel = 5, p.jobStatus = 'looking'")
    repository = CandidateRepository(clean_db, database)
    with ThreadPoolExecutor(max_workers=8) as pool_executor:
        list(pool_executor.map(repository.sync, members))
    rows = world.run("MATCH (p:Person)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true}) "
                     "RETURN p.id AS p, ps.activeKey AS key, ps.generation AS g, ps.rank AS r")
    assert len(rows) == len(members) == len({r["p"] for r in rows})
    assert len({r["key"] for r in rows}) == len(rows)
    assert {r["r"] for r in rows} == {5}
    assert sum(1 for r in rows if r["g"] == 1) == pool  # first generation used up first


def test_status_change_on_the_profile_page_creates_and_retires(members, world):  # noqa: F811
    client, member = members.signup("Stan Status", "stan@example.com")
    response = set_status(client, "open")
    assert response.status_code == 302
    assert "never by name" in client.get("/me").get_data(as_text=True)
    first = world.pseudonym_of(member)
    assert first
    set_status(client, "looking")  # looking <-> open keeps the pseudonym
    assert world.pseudonym_of(member) == first
    set_status(client, "not_looking")
    assert world.pseudonym_of(member) is None
    page = client.get("/me/candidate").get_data(as_text=True)
    assert "Not looking" in page and "Get my pseudonym" not in page
    retired = world.run("MATCH (ps:Pseudonym {id: $id}) RETURN ps.active AS a, "
                        "ps.activeKey AS k", id=first)[0]
    assert retired == {"a": False, "k": None}


def test_rotation_through_the_page(members, world):  # noqa: F811
    client, member = members.signup("Rose Rotate", "rose@example.com")
    set_status(client, "looking")
    old = world.pseudonym_of(member)
    client.post("/me/candidate/settings", {"headline": "Data person", "seniority": "mid",
                                           "industry": "tech", "region": "europe",
                                           "member_reach": "2"}, token_from="/me/candidate")
    response = client.post("/me/candidate/rotate", token_from="/me/candidate")
    assert response.status_code == 302
    new = world.pseudonym_of(member)
    assert new and new != old
    settings = world.run("MATCH (ps:Pseudonym {id: $id}) RETURN ps.headline AS h, "
                         "ps.region AS r, ps.memberReach AS m", id=new)[0]
    assert settings == {"h": "", "r": "europe", "m": 2}  # headline must be written anew
    assert client.get(f"/candidates/{seen_id(client, old)}").status_code == 404
    assert client.get(f"/candidates/{seen_id(client, new)}").status_code == 200


def test_rotation_needs_an_active_pseudonym(members):
    client, _ = members.signup("Nora None", "nora@example.com")
    assert client.post("/me/candidate/rotate", token_from="/me/candidate").status_code == 400


@pytest.mark.parametrize("headline, error", [
    ("Ex-Quill Corp engineer", "Quill Corp"),
    ("I am Yara Whitlock", "name"),
    ("Whitlock the builder", "name"),
    ("write to yw.private77 any time", "e-mail"),
    ("Alumna of Ivy Grove College", "Ivy Grove College"),
])
def test_headline_that_identifies_the_member_is_refused(members, world, headline, error):  # noqa: F811
    client, member = members.signup("Yara Whitlock", "yw.private77@example.com")
    world.employ(member, world.company("Quill Corp"))
    world.school(member, "Ivy Grove College")
    set_status(client, "looking")
    response = client.post("/me/candidate/settings", {
        "headline": headline, "seniority": "mid", "industry": "tech", "region": "europe",
        "member_reach": "0"}, token_from="/me/candidate")
    assert response.status_code == 400
    assert error in response.get_data(as_text=True)
    stored = world.run("MATCH (ps:Pseudonym {active: true}) RETURN ps.headline AS h")
    assert stored == [{"h": ""}]


@pytest.mark.parametrize("field, value", [
    ("seniority", "ceo"), ("industry", "spying"), ("region", "moon"), ("member_reach", "7"),
    ("headline", "x" * 141)])
def test_settings_reject_bad_input(members, field, value):
    client, _ = members.signup("Val Validate", "val@example.com")
    set_status(client, "looking")
    data = {"headline": "ok", "seniority": "mid", "industry": "tech", "region": "europe",
            "member_reach": "0", field: value}
    response = client.post("/me/candidate/settings", data, token_from="/me/candidate")
    assert response.status_code == 400


def test_settings_without_pseudonym_and_without_csrf(members):
    client, _ = members.signup("Ned Nopseudo", "ned@example.com")
    data = {"headline": "", "seniority": "mid", "industry": "tech", "region": "europe",
            "member_reach": "0"}
    assert client.post("/me/candidate/settings", data,
                       token_from="/me/candidate").status_code == 404
    set_status(client, "looking")
    assert client.raw_post("/me/candidate/settings", data).status_code == 400
