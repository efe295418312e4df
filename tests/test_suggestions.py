"""People you may know: the ranking equals an independent networkx computation on seeded
random graphs; reasons, exclusions, dismissing, and the pages."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import networkx as nx
import pytest

from graph.keys import pair_key
from graph.network.suggestions import WEIGHTS
from tests.contact_helpers import confirm_phone, upload_book

NAMES = ["Li Wei", "Wang Fang", "Emily Carter", "Zhang Min", "Chen Jing", "王芳", "李伟",
         "Ava Kim", "Ryan Patel", "Nina Rossi"]


@dataclass
class World:
    """A seeded random network, kept both as networkx graphs and as Cypher rows."""

    people: dict[str, str] = field(default_factory=dict)   # id -> name
    friends: nx.Graph = field(default_factory=nx.Graph)
    companies: nx.Graph = field(default_factory=nx.Graph)  # person - ("company", key)
    schools: nx.Graph = field(default_factory=nx.Graph)    # person - ("school", key)
    book: nx.DiGraph = field(default_factory=nx.DiGraph)   # importer -> matched member
    follows: nx.DiGraph = field(default_factory=nx.DiGraph)
    requests: nx.DiGraph = field(default_factory=nx.DiGraph)
    dismissed: nx.DiGraph = field(default_factory=nx.DiGraph)
    positions: list[dict] = field(default_factory=list)
    studies: list[dict] = field(default_factory=list)


def random_world(seed: int, size: int = 45) -> World:
    rng = random.Random(seed)
    world = World()
    ids = [f"p{seed}-{i:03d}" for i in range(size)]
    for person in ids:
        world.people[person] = rng.choice(NAMES)  # repeated names: ties go by id
        world.friends.add_node(person)
    gnp = nx.gnp_random_graph(size, 0.09, seed=seed)
    world.friends.add_edges_from((ids[a], ids[b]) for a, b in gnp.edges)
    for person in ids:
        for _ in range(rng.choice([0, 1, 1, 2, 3])):  # a repeat company = two positions
            key = f"company {rng.randrange(7)}"
            world.companies.add_edge(person, ("company", key))
            world.positions.append({"person": person, "key": key, "current": rng.random() < .5})
        if rng.random() < .7:
            key = f"school {rng.randrange(5)}"
            world.schools.add_edge(person, ("school", key))
            world.studies.append({"person": person, "key": key})
    for graph, share in ((world.book, .12), (world.follows, .05)):
        for a in ids:
            for b in ids:
                if a != b and rng.random() < share:
                    graph.add_edge(a, b)
    for a in ids:
        for b in ids:
            pair_free = not world.friends.has_edge(a, b) and not world.requests.has_edge(b, a)
            if a != b and pair_free and rng.random() < .02:
                world.requests.add_edge(a, b)
            if a != b and rng.random() < .02:
                world.dismissed.add_edge(a, b)
    return world


def load(driver, database, world: World) -> None:
    """Write the world with the data model's own labels and relationships."""
    run = lambda query, **params: driver.execute_query(query, database_=database, **params)  # noqa: E731
    run("UNWIND $rows AS r CREATE (:Person {id: r.id, name: r.name, nameLower: toLower(r.name),"
        " email: r.id + '@example.com', headline: '', jobStatus: 'not_looking'})",
        rows=[{"id": i, "name": n} for i, n in world.people.items()])
    run("UNWIND $rows AS r MATCH (p:Person {id: r.person}) MERGE (c:Company {key: r.key}) "
        "ON CREATE SET c.id = r.key, c.name = toUpper(r.key) "
        "CREATE (p)-[:WORKS_AT {id: randomUUID(), title: 'Engineer', start: '2020-01', "
        "current: r.current}]->(c)", rows=world.positions)
    run("UNWIND $rows AS r MATCH (p:Person {id: r.person}) MERGE (s:School {key: r.key}) "
        "ON CREATE SET s.name = toUpper(r.key) "
        "CREATE (p)-[:STUDIED_AT {id: randomUUID(), startYear: 2010}]->(s)", rows=world.studies)
    run("UNWIND $rows AS r MATCH (a:Person {id: r[0]}), (b:Person {id: r[1]}) "
        "CREATE (a)-[:FRIENDS_WITH {pairKey: r[2]}]->(b)",
        rows=[[a, b, pair_key(a, b)] for a, b in world.friends.edges])
    run("UNWIND $rows AS r MATCH (a:Person {id: r[0]}), (b:Person {id: r[1]}) "
        "CREATE (a)-[:FRIEND_REQUEST {pairKey: r[2]}]->(b)",
        rows=[[a, b, pair_key(a, b)] for a, b in world.requests.edges])
    run("UNWIND $rows AS r MATCH (a:Person {id: r[0]}), (b:Person {id: r[1]}) "
        "CREATE (a)-[:DISMISSED_SUGGESTION]->(b)", rows=[list(e) for e in world.dismissed.edges])
    for kind, graph in (("address_book", world.book), ("follow_list", world.follows)):
        run("UNWIND $rows AS r MATCH (me:Person {id: r.me}) "
            "CREATE (me)-[:IMPORTED]->(imp:ContactImport {id: randomUUID(), kind: $kind}) "
            "WITH imp, r UNWIND r.matched AS other MATCH (o:Person {id: other}) "
            "CREATE (imp)-[:MATCHED {via: ['phone']}]->(o)",
            kind=kind, rows=[{"me": a, "matched": sorted(graph.successors(a))}
                             for a in graph.nodes if graph.out_degree(a)])


def _shared(graph: nx.Graph, a: str, b: str) -> list[str]:
    left = set(graph.neighbors(a)) if a in graph else set()
    right = set(graph.neighbors(b)) if b in graph else set()
    return sorted(key.upper() for _, key in left & right)


def expected_ranking(world: World, viewer: str) -> list[tuple]:
    """The documented score, computed with networkx from the world's graphs."""
    rows = []
    for other, name in world.people.items():
        if other == viewer or world.friends.has_edge(viewer, other) \
                or world.requests.has_edge(viewer, other) \
                or world.requests.has_edge(other, viewer) \
                or world.dismissed.has_edge(viewer, other):
            continue
        mutual = len(list(nx.common_neighbors(world.friends, viewer, other)))
        companies = _shared(world.companies, viewer, other)
        schools = _shared(world.schools, viewer, other)
        in_contacts = world.book.has_edge(viewer, other)
        each_other = in_contacts and world.book.has_edge(other, viewer)
        follows = world.follows.has_edge(viewer, other)
        score = (WEIGHTS["mutual"] * mutual + WEIGHTS["company"] * len(companies)
                 + WEIGHTS["school"] * len(schools) + WEIGHTS["contact"] * in_contacts
                 + WEIGHTS["eachOther"] * each_other + WEIGHTS["follow"] * follows)
        if score > 0:
            rows.append((score, name, other, mutual, companies, schools, in_contacts,
                         each_other, follows))
    rows.sort(key=lambda row: (-row[0], row[1], row[2]))
    return [(other, score, mutual, companies, schools, in_contacts, each_other, follows)
            for score, _, other, mutual, companies, schools, in_contacts, each_other, follows
            in rows]


def all_pages(repository, viewer: str, size: int = 7) -> tuple[list[tuple], int]:
    found, skip = [], 0
    while True:
        rows, total = repository.page(viewer, skip, size)
        found += [(r["person"]["id"], r["score"], r["mutualCount"], r["companies"],
                   r["schools"], r["inContacts"], r["eachOther"], r["follows"]) for r in rows]
        if len(rows) < size:
            return found, total
        skip += size


@pytest.mark.parametrize("seed", [11, 23, 2026])
def test_ranking_equals_networkx_on_seeded_random_graphs(app, driver, database, seed):
    world = random_world(seed)
    load(driver, database, world)
    repository = app.extensions["graph"].suggestions
    viewers = random.Random(seed).sample(sorted(world.people), 6)
    for viewer in viewers:
        expected = expected_ranking(world, viewer)
        found, total = all_pages(repository, viewer)
        assert total == len(expected)
        assert found == expected
    assert any(expected_ranking(world, v) for v in viewers)


@pytest.fixture
def trio(app, members):
    """Ann imported an address book holding Bo and Cy; Cy's address book holds Ann."""
    ann, ann_id = members.signup("Ann", "ann@example.com")
    bo, bo_id = members.signup("Bo", "wang.fang@example.cn")
    cy, cy_id = members.signup("Cy", "cy@example.com")
    confirm_phone(app, cy, "+86 139 1234 5678")
    app.config["CONTACT_IMPORTS_PER_DAY"] = 10
    upload_book(ann, "google_contacts.csv")  # holds Bo's e-mail and Cy's number
    upload_book(cy, "phone.csv", b"name,email\nAnn,ANN@example.com\n")
    return {"ann": ann, "ann_id": ann_id, "bo_id": bo_id, "cy": cy, "cy_id": cy_id}


def test_each_others_contacts_ranks_above_in_your_contacts(app, trio):
    rows, total = app.extensions["graph"].suggestions.page(trio["ann_id"], 0, 10)
    assert [(r["person"]["id"], r["score"], r["reasons"]) for r in rows] == [
        (trio["cy_id"], 10, ["You are in each other's contacts"]),
        (trio["bo_id"], 6, ["In your contacts"]),
    ]
    page = trio["ann"].get("/suggestions").get_data(as_text=True)
    # By member id: a bare "Bo" also matches the avatars' SVG viewBox.
    assert page.index(trio["cy_id"]) < page.index(trio["bo_id"])
    assert "You are in each other&#39;s contacts" in page and "In your contacts" in page


def test_being_in_someone_elses_contacts_alone_is_not_revealed(app, trio):
    # Bo is in Ann's book but Bo imported nothing; Bo is not told Ann keeps his address.
    rows, _ = app.extensions["graph"].suggestions.page(trio["bo_id"], 0, 10)
    assert rows == []


def test_dismissed_requested_and_befriended_members_leave_the_list(app, trio):
    ann = trio["ann"]
    response = ann.post(f"/suggestions/{trio['bo_id']}/dismiss", token_from="/suggestions")
    assert response.status_code == 302
    assert trio["bo_id"] not in ann.get("/suggestions").get_data(as_text=True)
    ann.post(f"/people/{trio['cy_id']}/friend-request", token_from="/suggestions")
    repository = app.extensions["graph"].suggestions
    assert repository.page(trio["ann_id"], 0, 10) == ([], 0)
    assert repository.page(trio["cy_id"], 0, 10) == ([], 0)  # pending either way
    trio["cy"].post(f"/people/{trio['ann_id']}/accept", token_from="/home")
    assert repository.page(trio["ann_id"], 0, 10) == ([], 0)
    ann.post("/suggestions/restore", token_from="/suggestions")
    assert [r["person"]["id"] for r in repository.page(trio["ann_id"], 0, 10)[0]] == [trio["bo_id"]]


def test_dismissing_yourself_or_nobody_is_an_error(app, trio):
    ann = trio["ann"]
    assert ann.post(f"/suggestions/{trio['ann_id']}/dismiss",
                    token_from="/suggestions").status_code == 400
    assert ann.post("/suggestions/nobody/dismiss", token_from="/suggestions").status_code == 404
    assert ann.get(f"/suggestions/{trio['bo_id']}/dismiss").status_code == 405


def test_shared_companies_schools_and_mutual_friends_are_reasons(app, members):
    me, me_id = members.signup("Me", "me@example.com")
    other, other_id = members.signup("Other", "other@example.com")
    friend, friend_id = members.signup("Friend", "friend@example.com")
    for client in (me, other):
        client.post("/me/positions", {"company": "Acme Cloud", "title": "Engineer",
                                      "start": "2020-01", "current": "y"}, token_from="/me")
        client.post("/me/education", {"school": "Fudan University", "degree": "BSc",
                                      "start_year": "2010", "end_year": "2014"}, token_from="/me")
    for client, target in ((friend, me_id), (friend, other_id)):
        client.post(f"/people/{target}/friend-request", token_from="/home")
    me.post(f"/people/{friend_id}/accept", token_from="/home")
    other.post(f"/people/{friend_id}/accept", token_from="/home")
    rows, _ = app.extensions["graph"].suggestions.page(me_id, 0, 10)
    assert rows[0]["person"]["id"] == other_id
    assert rows[0]["score"] == 3 + 2 + 1
    assert rows[0]["reasons"] == ["1 mutual friend", "Both worked at Acme Cloud",
                                  "Both studied at Fudan University"]
    home = me.get("/home").get_data(as_text=True)
    assert "People you may know" in home and "Both worked at Acme Cloud" in home


def test_suggestions_page_needs_login_and_paginates(app, members, client):
    assert client.get("/suggestions").status_code == 302
    me, _ = members.signup("Me", "me@example.com")
    assert "No suggestions yet" in me.get("/suggestions").get_data(as_text=True)
    assert me.get("/suggestions?page=abc").status_code == 200
