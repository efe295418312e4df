"""Circles: grouping (pure), communities with networkx, the ego network read from Neo4j,
private labels and their authorisation, and the pages."""
from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.keys import pair_key
from graph.network.analysis import dominant_affiliation, ego_communities
from graph.network.circle_groups import build_circles, find_circle, title_family


@pytest.mark.parametrize("title, family", [
    ("Senior Software Engineer", "engineering"), ("Engineering Manager", "engineering"),
    ("Data Analyst", "data"), ("ML Engineer", "data"), ("Financial Analyst", "finance"),
    ("Product Designer", "design"), ("UX Researcher", "design"),
    ("Senior Product Manager", "product"), ("Sales Manager", "sales"),
    ("Marketing Manager", "sales"), ("HR Business Partner", "recruiting"),
    ("Recruiter", "recruiting"), ("Operations Manager", "operations"),
    ("Director", "leadership"), ("后端开发工程师", "engineering"), ("产品经理", "product"),
    ("Chef", "other"),
])
def test_title_families(title, family):
    assert title_family(title)[0] == family


def test_empty_title_has_no_family():
    assert title_family("  ") is None


def planted(seed: int, groups: int = 3, size: int = 8):
    graph = nx.planted_partition_graph(groups, size, 0.85, 0.03, seed=seed)
    ids = {n: f"f{n:03d}" for n in graph.nodes}
    expected = {frozenset(ids[n] for n in range(g * size, (g + 1) * size)) for g in range(groups)}
    return list(ids.values()), [(ids[a], ids[b]) for a, b in graph.edges], expected


@pytest.mark.parametrize("seed", [1, 5, 9])
def test_communities_recover_planted_groups_whatever_the_input_order(seed):
    members, edges, expected = planted(seed)
    found = ego_communities(members, edges)
    assert {frozenset(group) for group in found} == expected
    shuffled = edges[:]
    random.Random(seed).shuffle(shuffled)
    flipped = [(b, a) for a, b in shuffled]
    assert ego_communities(list(reversed(members)), flipped) == found


def test_no_friendships_among_friends_means_no_communities():
    assert ego_communities(["a", "b", "c"], []) == []


def test_dominant_affiliation_needs_two_members_and_breaks_ties_by_name():
    affiliations = {"a": ["Acme", "Fudan"], "b": ["Fudan", "Acme"], "c": ["Bytewave"]}
    assert dominant_affiliation(["a", "b", "c"], affiliations) == ("Acme", 2)
    assert dominant_affiliation(["a", "c"], affiliations) is None


def friend(fid, name, companies=(), schools=(), titles=(), skills=(), labels=()):
    entry = lambda items: [{"key": i.lower(), "name": i} for i in items]  # noqa: E731
    return {"id": fid, "name": name, "headline": "",
            "companies": [{"key": c.lower(), "name": c, "current": now} for c, now in companies],
            "schools": entry(schools), "titles": list(titles), "skills": entry(skills),
            "labels": entry(labels)}


def test_build_circles_groups_by_every_attribute():
    ego = {"friends": [
        friend("a", "Ann", [("Acme", True), ("Bytewave", False)], ["Fudan"],
               ["Data Scientist"], ["Python", "SQL"], ["Former team"]),
        friend("b", "Bo", [("Acme", False), ("Acme", True)], ["Fudan"], ["Backend Engineer"],
               ["Python"]),
        friend("c", "Cy", [("Bytewave", True)], [], ["Staff Engineer"], [], ["Former team"]),
    ], "edges": []}
    circles = build_circles(ego)
    company = {c["name"]: (c["members"], c["note"]) for c in circles["company"]}
    assert company == {"Acme": (["a", "b"], "2 now, 0 before"),
                       "Bytewave": (["a", "c"], "1 now, 1 before")}
    assert [(c["name"], c["members"]) for c in circles["school"]] == [("Fudan", ["a", "b"])]
    assert [(c["key"], c["members"]) for c in circles["title"]] == [
        ("engineering", ["b", "c"]), ("data", ["a"])]
    assert [(c["name"], c["members"]) for c in circles["skill"]] == [
        ("Python", ["a", "b"]), ("SQL", ["a"])]
    assert [(c["name"], c["members"]) for c in circles["label"]] == [("Former team", ["a", "c"])]
    assert circles["community"] == []
    assert find_circle(circles, "skill", "sql")["members"] == ["a"]
    assert find_circle(circles, "skill", "rust") is None


def make_members(driver, database, rows):
    """Create members from ``{id, name, company?, school?}`` rows in one query."""
    driver.execute_query(
        "UNWIND $rows AS r "
        "CREATE (p:Person {id: r.id, name: r.name, nameLower: toLower(r.name), "
        "email: r.id + '@example.com', headline: '', jobStatus: 'not_looking'}) "
        "WITH p, r CALL (p, r) { WITH p, r WHERE r.company IS NOT NULL "
        "  MERGE (c:Company {key: toLower(r.company)}) "
        "    ON CREATE SET c.id = r.company, c.name = r.company "
        "  CREATE (p)-[:WORKS_AT {id: randomUUID(), title: 'Engineer', start: '2020-01', "
        "                         current: true}]->(c) } "
        "CALL (p, r) { WITH p, r WHERE r.school IS NOT NULL "
        "  MERGE (s:School {key: toLower(r.school)}) ON CREATE SET s.name = r.school "
        "  CREATE (p)-[:STUDIED_AT {id: randomUUID(), startYear: 2010}]->(s) }",
        rows=rows, database_=database)


def befriend(driver, database, pairs):
    driver.execute_query(
        "UNWIND $rows AS r MATCH (a:Person {id: r[0]}), (b:Person {id: r[1]}) "
        "CREATE (a)-[:FRIENDS_WITH {pairKey: r[2]}]->(b)",
        rows=[[a, b, pair_key(a, b)] for a, b in pairs], database_=database)


def test_ego_network_equals_networkx_ego_graph(app, driver, database):
    graph = nx.gnp_random_graph(40, 0.15, seed=4)
    ids = {n: f"m{n:02d}" for n in graph.nodes}
    make_members(driver, database, [{"id": ids[n], "name": f"Member {n:02d}"}
                                    for n in graph.nodes])
    befriend(driver, database, [(ids[a], ids[b]) for a, b in graph.edges])
    repository = app.extensions["graph"].circles
    for centre in (0, 7, 21):
        ego = repository.ego_network(ids[centre])
        friends = set(graph.neighbors(centre))
        assert {f["id"] for f in ego["friends"]} == {ids[n] for n in friends}
        expected = {frozenset((ids[a], ids[b])) for a, b in graph.subgraph(friends).edges}
        assert {frozenset(edge) for edge in ego["edges"]} == expected
        assert len(ego["edges"]) == len(expected)


def test_communities_page_names_groups_by_dominant_company_or_school(app, members, driver,
                                                                    database):
    me, me_id = members.signup("Me", "me@example.com")
    members_ids, edges, expected = planted(seed=3, size=6)
    names = {0: ("Acme Cloud", None), 1: ("Bytewave", None), 2: (None, "Fudan University")}
    make_members(driver, database, [
        {"id": fid, "name": f"Friend {index:02d}", "company": names[index // 6][0],
         "school": names[index // 6][1]} for index, fid in enumerate(members_ids)])
    befriend(driver, database, edges + [(me_id, fid) for fid in members_ids])
    circles = build_circles(app.extensions["graph"].circles.ego_network(me_id))
    found = {c["name"]: frozenset(c["members"]) for c in circles["community"]}
    assert set(found.values()) == expected
    assert set(found) == {"Acme Cloud", "Bytewave", "Fudan University"}
    page = me.get("/circles").get_data(as_text=True)
    assert "Communities in your network" in page and "6 of 6 share Acme Cloud" in page
    circle = me.get("/circles/community/1")
    assert circle.status_code == 200 and "Friend" in circle.get_data(as_text=True)


@pytest.fixture
def pals(app, members):
    """Ann and Bo are friends; Cy is a friend of neither."""
    ann, ann_id = members.signup("Ann", "ann@example.com")
    bo, bo_id = members.signup("Bo", "bo@example.com")
    cy, cy_id = members.signup("Cy", "cy@example.com")
    bo.post("/me/positions", {"company": "Acme Cloud", "title": "Data Scientist",
                              "start": "2020-01", "current": "y"}, token_from="/me")
    ann.post(f"/people/{bo_id}/friend-request", token_from="/home")
    bo.post(f"/people/{ann_id}/accept", token_from="/home")
    return {"ann": ann, "ann_id": ann_id, "bo": bo, "bo_id": bo_id, "cy": cy, "cy_id": cy_id}


def test_circle_names_and_notes_read_in_the_readers_language(pals):
    """Role families and the circles' notes come from the catalogue; names members typed
    (companies, schools) stay as typed."""
    ann = pals["ann"]
    page = ann.get("/circles").get_data(as_text=True)
    assert "Data &amp; ML" in page and "1 now, 0 before" in page
    ann.post("/language", {"locale": "zh_CN", "next": "/circles"}, token_from="/circles")
    page = ann.get("/circles").get_data(as_text=True)
    assert "数据与机器学习" in page and "现任 1 人，曾任 0 人" in page and "Acme Cloud" in page
    assert "Data &amp; ML" not in page and "now, 0 before" not in page
    assert "数据与机器学习" in ann.get("/circles/title/data").get_data(as_text=True)


def label(client, friend_id, text):
    return client.post(f"/circles/labels/{friend_id}", {"label": text},
                       token_from="/circles")


def test_labels_make_private_circles(app, pals):
    ann = pals["ann"]
    assert label(ann, pals["bo_id"], "Trusted referrer").status_code == 302
    assert label(ann, pals["bo_id"], "trusted  REFERRER").status_code == 302  # same label
    circles = build_circles(app.extensions["graph"].circles.ego_network(pals["ann_id"]))
    assert [(c["name"], c["members"]) for c in circles["label"]] == [
        ("Trusted referrer", [pals["bo_id"]])]
    page = ann.get("/circles/label/trusted referrer").get_data(as_text=True)
    assert "Trusted referrer" in page and "Bo" in page
    assert "Acme Cloud" in ann.get("/circles").get_data(as_text=True)
    # Bo sees Ann among his contacts but never Ann's label on him.
    assert "Trusted referrer" not in pals["bo"].get("/circles").get_data(as_text=True)
    assert pals["bo"].get("/circles/label/trusted referrer").status_code == 404


def test_labels_only_on_friends_and_only_by_their_owner(app, pals):
    ann, cy = pals["ann"], pals["cy"]
    assert label(ann, pals["cy_id"], "Stranger").status_code == 404
    assert label(cy, pals["bo_id"], "Not mine").status_code == 404
    label(ann, pals["bo_id"], "Trusted referrer")
    response = cy.post(f"/circles/labels/{pals['bo_id']}/trusted referrer/delete",
                       token_from="/circles")
    assert response.status_code == 404
    response = pals["bo"].post(f"/circles/labels/{pals['bo_id']}/trusted referrer/delete",
                               token_from="/circles")
    assert response.status_code == 404
    circles = build_circles(app.extensions["graph"].circles.ego_network(pals["ann_id"]))
    assert len(circles["label"]) == 1
    assert ann.post(f"/circles/labels/{pals['bo_id']}/trusted referrer/delete",
                    token_from="/circles").status_code == 302
    circles = build_circles(app.extensions["graph"].circles.ego_network(pals["ann_id"]))
    assert circles["label"] == []


@pytest.mark.parametrize("text, message", [
    ("", "Type a label."), ("   ", "Type a label."), ("x" * 41, "Use at most 40 characters.")])
def test_bad_labels_are_refused(app, pals, text, message):
    response = label(pals["ann"], pals["bo_id"], text)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_label_caps(app, pals, monkeypatch):
    monkeypatch.setattr("graph.network.circles.MAX_LABELS_PER_CONTACT", 2)
    label(pals["ann"], pals["bo_id"], "one")
    label(pals["ann"], pals["bo_id"], "two")
    response = label(pals["ann"], pals["bo_id"], "three")
    assert response.status_code == 400
    assert "at most 2 labels" in response.get_data(as_text=True)


def test_circle_pages(app, pals, client):
    ann = pals["ann"]
    assert ann.get("/circles/company/acme cloud").status_code == 200
    assert ann.get("/circles/company/nowhere").status_code == 404
    assert ann.get("/circles/planets/mars").status_code == 404
    assert "Bo" in ann.get("/circles/all/all").get_data(as_text=True)
    assert ann.get("/circles/labels/x").status_code == 404
    assert "No contacts yet" in pals["cy"].get("/circles").get_data(as_text=True)
    assert client.get("/circles").status_code == 302
