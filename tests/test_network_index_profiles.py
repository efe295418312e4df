"""The network index's members' companies, schools and skills (graph/index/affiliations.py):
people you may know and who-fits from the index equal the Cypher answers (and networkx) on
seeded random worlds, stay equal while positions, schools, skills and friendships change,
and compaction neither blocks readers nor loses a change applied while it runs.
"""
from __future__ import annotations

import random
import threading

import pytest

from graph.index import NetworkIndex
from graph.network.friends import FriendshipRepository
from graph.network.suggestions import SuggestionRepository
from graph.people.members import PersonRepository
from tests.test_suggestions import all_pages, expected_ranking, load, random_world

AFFILIATION_QUERIES = {
    "companies": "MATCH (p:Person)-[:WORKS_AT]->(g:Company) RETURN p.id AS p, g.id AS g",
    "schools": "MATCH (p:Person)-[:STUDIED_AT]->(g:School) RETURN p.id AS p, g.key AS g",
    "skills": "MATCH (p:Person)-[:HAS_SKILL]->(g:Skill) RETURN p.id AS p, g.key AS g",
}


def neo4j_affiliations(driver, database, kind: str) -> set[tuple[str, str]]:
    records, _, _ = driver.execute_query(AFFILIATION_QUERIES[kind], database_=database)
    return {(r["p"], r["g"]) for r in records}


def index_affiliations(index: NetworkIndex, kind: str) -> set[tuple[str, str]]:
    """Every (member, group) pair the index holds, read both ways (the two must agree)."""
    with index.read_snapshot() as snapshot:
        assert snapshot is not None, "index is not warm"
        table, graph = getattr(snapshot, kind), snapshot.graph
        forward = {(graph.person_id(m), table.group_id(g)) for m in graph.members()
                   for g in table.groups_of(m).tolist()}
        groups = {g for _, g in forward}
        backward = {(graph.person_id(m), gid) for gid in groups
                    for m in table.members_of(table.known_group(gid)).tolist()}
    assert forward == backward
    return forward


def neo4j_edges(driver, database) -> set[frozenset[str]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Person)-[:FRIENDS_WITH]->(b:Person) RETURN a.id AS a, b.id AS b",
        database_=database)
    return {frozenset((r["a"], r["b"])) for r in records}


def index_edges(index: NetworkIndex) -> set[frozenset[str]]:
    with index.read() as graph:
        return {frozenset((graph.person_id(a), graph.person_id(b)))
                for a in graph.members() for b in graph.friends(a).tolist()}


def assert_index_equals_neo4j(index: NetworkIndex, driver, database) -> None:
    assert index_edges(index) == neo4j_edges(driver, database)
    for kind in AFFILIATION_QUERIES:
        assert index_affiliations(index, kind) == neo4j_affiliations(driver, database, kind), kind


# ----- people you may know ------------------------------------------------------------------

def full_pages(repository, viewer: str, size: int) -> list[tuple[list[dict], int]]:
    pages, skip = [], 0
    while True:
        rows, total = repository.page(viewer, skip, size)
        pages.append((rows, total))
        if len(rows) < size:
            return pages
        skip += size


@pytest.mark.parametrize("seed, size", [(11, 45), (23, 60), (2026, 90)])
def test_suggestions_from_the_index_equal_cypher_and_networkx(clean_db, database, seed, size):
    world = random_world(seed, size)
    load(clean_db, database, world)
    index = NetworkIndex(clean_db, database)
    index.rebuild()
    assert_index_equals_neo4j(index, clean_db, database)
    cypher, indexed = SuggestionRepository(clean_db, database), \
        SuggestionRepository(clean_db, database, index)
    viewers = random.Random(seed).sample(sorted(world.people), 8) + ["no-such-member"]
    compared = 0
    for viewer in viewers:
        for size_of_page in (7, 25):
            pages = full_pages(indexed, viewer, size_of_page)
            assert pages == full_pages(cypher, viewer, size_of_page), viewer
            compared += sum(len(rows) for rows, _ in pages)
        for skip, limit in ((3, 5), (0, 1000)):
            assert indexed.page(viewer, skip, limit) == cypher.page(viewer, skip, limit)
        if viewer in world.people:
            found, total = all_pages(indexed, viewer)
            expected = expected_ranking(world, viewer)
            assert (found, total) == (expected, len(expected))
    assert compared > 100  # the worlds suggest enough people for the comparison to mean something


def test_suggestions_follow_positions_schools_friendships_and_compaction(clean_db, database):
    world = random_world(7, 40)
    load(clean_db, database, world)
    index = NetworkIndex(clean_db, database)
    index.rebuild()
    people = PersonRepository(clean_db, database)
    friends = FriendshipRepository(clean_db, database, index)
    cypher, indexed = SuggestionRepository(clean_db, database), \
        SuggestionRepository(clean_db, database, index)
    members = sorted(world.people)
    newcomer = people.create("Aaron Newcomer", "aaron@example.com", "x").id
    rng = random.Random(7)
    viewers = rng.sample(members, 4) + [newcomer]

    def compare():
        index.catch_up()
        for viewer in viewers:
            assert full_pages(indexed, viewer, 10) == full_pages(cypher, viewer, 10), viewer

    compare()
    people.add_position(newcomer, "company 1", "Engineer", "2024-01", None)  # logged, not built
    people.add_education(newcomer, "school 2", "BSc", 2016, 2020)
    compare()
    positions = []
    for step in range(30):
        who = rng.choice(members + [newcomer])
        action = rng.randrange(5)
        if action == 0:
            positions.append((who, people.add_position(
                who, f"company {rng.randrange(9)}", "Engineer", "2021-01",
                None if rng.random() < .5 else "2023-01")))
        elif action == 1 and positions:
            person, position = positions.pop(rng.randrange(len(positions)))
            people.remove_position(person, position)
        elif action == 2:
            people.add_education(who, f"school {rng.randrange(6)}", "BSc", 2010, 2014)
        elif action == 3:
            other = rng.choice(members)
            if other != who:
                try:
                    friends.send_request(who, other)
                    friends.accept(other, who)
                except Exception as exc:  # Duplicate / NotFound: the pair was not free
                    assert type(exc).__name__ in ("Duplicate", "NotFound"), exc
        else:
            people.set_skills(who, rng.sample(["Python", "SQL", "Go", "Rust"], 2))
        if step % 10 == 9:
            index.compact()
        compare()
    assert_index_equals_neo4j(index, clean_db, database)
    assert full_pages(indexed, newcomer, 10)[0][1] > 0  # the newcomer was linked to someone


def test_suggestions_page_reads_the_same_with_the_index_on(app, members):
    from config import TestConfig
    from recruit import create_app

    ann, ann_id = members.signup("Ann", "ann@example.com")
    _, bo_id = members.signup("Bo", "bo@example.com")
    _, cy_id = members.signup("Cy", "cy@example.com")
    graph = app.extensions["graph"]
    graph.friends.send_request(ann_id, bo_id)
    graph.friends.accept(bo_id, ann_id)
    graph.friends.send_request(bo_id, cy_id)
    graph.friends.accept(cy_id, bo_id)
    for person in (ann_id, cy_id):
        graph.people.add_position(person, "Acme", "Engineer", "2020-01", "2022-01")
        graph.people.add_education(person, "Fudan University", "BSc", 2012, 2016)
    ann.get("/home")  # shows (and so clears) the sign-up's welcome message
    without = ann.get("/suggestions")
    assert without.status_code == 200
    assert "BOTH WORKED AT ACME" in without.get_data(as_text=True).upper()

    config = TestConfig()
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        setattr(config, key, app.config[key])
    config.NETWORK_INDEX = True
    indexed_app = create_app(config)
    try:
        index = indexed_app.extensions["graph"].index
        index.rebuild()
        assert index.warm
        client = indexed_app.test_client()
        client.set_cookie("session", ann.client.get_cookie("session").value)
        with_index = client.get("/suggestions")
        assert with_index.status_code == 200
        assert _without_tokens(with_index) == _without_tokens(without)
    finally:
        indexed_app.extensions["graph"].close()


def _without_tokens(response) -> str:
    from tests.test_network_index import CSRF_VALUE
    return CSRF_VALUE.sub("", response.get_data(as_text=True))


# ----- compaction -----------------------------------------------------------------------------

def test_compaction_builds_outside_the_lock_and_keeps_changes_applied_meanwhile(clean_db,
                                                                              database):
    world = random_world(5, 30)
    load(clean_db, database, world)
    index = NetworkIndex(clean_db, database)
    index.rebuild()
    people = PersonRepository(clean_db, database)
    friends = FriendshipRepository(clean_db, database, index)
    members = sorted(world.people)
    # Something in the overlays for the compaction to fold in.
    people.add_position(members[0], "company 1", "Engineer", "2020-01", None)
    a, b = next((a, b) for a in members for b in members if a < b
                and not world.friends.has_edge(a, b) and not world.requests.has_edge(a, b)
                and not world.requests.has_edge(b, a))
    friends.send_request(a, b)
    index.catch_up()
    reader_done = threading.Event()
    lock_was_free = []

    def meanwhile():
        # A reader in another thread gets the index while the new arrays are being built,
        # and changes written now are applied to the old snapshot (and journalled).
        def reader():
            lock_was_free.append(index._lock.acquire(blocking=False))
            if lock_was_free[-1]:
                index._lock.release()
            with index.read() as graph:
                graph.friends(0)
            reader_done.set()
        thread = threading.Thread(target=reader)
        thread.start()
        thread.join(timeout=30)
        people.add_position(members[3], "company 2", "Lead", "2019-01", None)
        people.add_education(members[3], "school 9", "MSc", 2015, 2017)
        people.set_skills(members[4], ["Haskell", "SQL"])
        friends.accept(b, a)
        friends.remove(*next(iter(world.friends.edges)))
        new = people.create("Late Joiner", "late@example.com", "x").id
        people.add_position(new, "company 2", "Intern", "2024-01", None)
        index.catch_up()

    index.while_compacting = meanwhile
    before = index._snapshot
    index.compact()
    assert reader_done.is_set() and lock_was_free == [True]
    assert index._snapshot is not before  # swapped
    assert_index_equals_neo4j(index, clean_db, database)
    cypher, indexed = SuggestionRepository(clean_db, database), \
        SuggestionRepository(clean_db, database, index)
    for viewer in members[:6]:
        assert full_pages(indexed, viewer, 10) == full_pages(cypher, viewer, 10)


def test_compacting_while_writers_and_two_indexes_apply_ends_equal_to_neo4j(clean_db, database):
    world = random_world(9, 30)
    load(clean_db, database, world)
    members = sorted(world.people)
    first, second = (NetworkIndex(clean_db, database, poll_seconds=0.02) for _ in range(2))
    for index in (first, second):
        index.rebuild()
        index.start()
    stop = threading.Event()

    def compactor():
        while not stop.is_set():
            first.compact()
            second.compact()
            stop.wait(0.01)

    def writer(seed: int):
        rng = random.Random(seed)
        people = PersonRepository(clean_db, database)
        friends = FriendshipRepository(clean_db, database, first if seed % 2 else None)
        mine = []
        for _ in range(25):
            who = rng.choice(members)
            roll = rng.random()
            try:
                if roll < .3:
                    mine.append((who, people.add_position(
                        who, f"company {rng.randrange(6)}", "Engineer", "2020-01", None)))
                elif roll < .45 and mine:
                    people.remove_position(*mine.pop())
                elif roll < .6:
                    people.add_education(who, f"school {rng.randrange(4)}", "BSc", 2010, 2014)
                elif roll < .7:
                    people.set_skills(who, rng.sample(["Python", "SQL", "Go", "Rust"], 2))
                else:
                    other = rng.choice(members)
                    if rng.random() < .6:
                        friends.send_request(who, other)
                        friends.accept(other, who)
                    else:
                        friends.remove(who, other)
            except Exception as exc:  # Duplicate / NotFound / Invalid are expected refusals
                assert type(exc).__name__ in ("Duplicate", "NotFound", "Invalid"), exc

    threads = [threading.Thread(target=writer, args=(seed,)) for seed in range(3)]
    squeezer = threading.Thread(target=compactor)
    squeezer.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stop.set()
    squeezer.join()
    for index in (first, second):
        index.stop()
        index.catch_up()
        assert_index_equals_neo4j(index, clean_db, database)


# ----- who fits -------------------------------------------------------------------------------

@pytest.mark.parametrize("seed, size, density", [(11, 160, 0.05), (37, 120, 0.09)])
def test_who_fits_from_the_index_equals_cypher_and_networkx(clean_db, database, seed, size,
                                                           density):
    from graph.referrals.fit import WhoFitsRepository
    from tests.test_job_feed_property import build_world
    from tests.test_job_feed_property import load as load_jobs

    world = build_world(seed, size, density)
    load_jobs(clean_db, database, world)
    index = NetworkIndex(clean_db, database)
    index.rebuild()
    assert_index_equals_neo4j(index, clean_db, database)
    cypher, indexed = WhoFitsRepository(clean_db, database), \
        WhoFitsRepository(clean_db, database, index)
    current = {}
    for p in world.positions:
        if p["current"]:
            current.setdefault(p["personId"], set()).add(p["companyId"])
    open_jobs = [j for j in world.jobs if j["status"] == "open"]
    compared = 0
    viewers = random.Random(seed).sample(sorted(current), 15) + ["no-such-member"]
    for viewer in viewers:
        for shown, max_jobs in ((5, 50), (1000, 3), (1000, 1000)):
            expected = cypher.who_fits(viewer, shown, max_jobs, today="2026-12")
            assert indexed.who_fits(viewer, shown, max_jobs, today="2026-12") == expected
        # networkx: the friends who list a required skill and do not work there now.
        answer = indexed.who_fits(viewer, 1000, 1000, today="2026-12")
        assert {r["job"]["id"] for r in answer} == \
            {j["id"] for j in open_jobs if j["companyId"] in current.get(viewer, set())}
        for row in answer:
            job = next(j for j in open_jobs if j["id"] == row["job"]["id"])
            required = {s.casefold() for s in job["skills"]}
            fitting = {f for f in world.graph[viewer] if world.skills[f] & required
                       and job["companyId"] not in current.get(f, set())} \
                if viewer in world.graph else set()
            assert {f["person"]["id"] for f in row["fits"]} == fitting
            assert row["fitCount"] == len(fitting)
            compared += len(fitting)
    assert compared > 20


def test_who_fits_order_from_the_index_never_reveals_a_job_status(app, members, world):
    """Equal friends are ordered by name, whatever their (private) status, on the page."""
    from config import TestConfig
    from recruit import create_app
    from tests.test_who_fits import _friend

    friends = [_friend(app, members, world, name, ["Python", "Neo4j"], "Senior Engineer",
                       "not_looking") for name in ("Cai", "Dee", "Eli")]
    config = TestConfig()
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        setattr(config, key, app.config[key])
    config.NETWORK_INDEX = True
    indexed_app = create_app(config)
    try:
        index = indexed_app.extensions["graph"].index
        index.rebuild()
        client = indexed_app.test_client()
        client.set_cookie("session", world.employee.client.client.get_cookie("session").value)
        client.get("/home")  # shows (and so clears) the friend requests' messages
        pages = []
        for statuses in (("not_looking",) * 3, ("looking", "open", "not_looking"),
                         ("not_looking", "open", "looking")):
            for friend, status in zip(friends, statuses):
                app.extensions["graph"].people.update_basics(friend.id, "", status)
            index.catch_up()
            response = client.get("/referrals/who-fits")
            assert response.status_code == 200
            pages.append(_without_tokens(response))
            rows = indexed_app.extensions["graph"].who_fits.who_fits(world.employee.id)
            names = [f["person"]["name"] for r in rows for f in r["fits"]]
            assert [n for n in names if n in ("Cai", "Dee", "Eli")] == ["Cai", "Dee", "Eli"]
        assert pages[0] == pages[1] == pages[2]
        assert "Cai" in pages[0]
    finally:
        indexed_app.extensions["graph"].close()


# ----- the arrays alone (no database) ----------------------------------------------------------

def test_affiliations_follow_a_model_through_changes_copies_and_compaction():
    from graph.index.affiliations import Affiliations

    rng = random.Random(3)
    groups = [f"g{i}" for i in range(8)]
    model = {m: set(rng.sample(groups, rng.randint(0, 3))) for m in range(30)}
    pairs = [(m, g) for m, gs in model.items() for g in sorted(gs)]
    pairs += pairs[:5]  # repeats in the input count once
    table = Affiliations.from_pairs([m for m, _ in pairs], [g for _, g in pairs], 30)

    def check(table, model):
        for m, gs in model.items():
            assert {table.group_id(g) for g in table.groups_of(m).tolist()} == gs
        for gid in groups + ["new"]:
            g = table.known_group(gid)
            members = set() if g is None else set(table.members_of(g).tolist())
            assert members == {m for m, gs in model.items() if gid in gs}, gid

    check(table, model)
    for step in range(60):
        member = rng.randrange(34)  # 30..33: members the build did not know
        model[member] = set(rng.sample(groups + ["new"], rng.randint(0, 3)))
        table.set_groups(member, sorted(model[member]))
        if step % 15 == 7:
            frozen, frozen_model = table.frozen_copy(), {m: set(g) for m, g in model.items()}
            table.set_groups(0, ["g1"])
            model[0] = {"g1"}
            check(frozen, frozen_model)  # the copy did not see the later change
            table = table.compacted(34)
            assert table.overlay_size == 0
        check(table, model)
