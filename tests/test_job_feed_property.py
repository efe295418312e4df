"""The network job feed checked against networkx on seeded random graphs.

Each seed builds members, friendships (G(n, p)), companies, current and past positions
(some members hold two current positions, some at the same company twice), recruiters
who may or may not work where they recruit, and open and closed jobs. networkx computes
the 1st/2nd-degree sets from the same friendships; the feed must list exactly the jobs
the definition gives, with the same connection counts and the same best-path degree.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import networkx as nx
import pytest

from graph.jobs.feed import (RECENCY_HALF_LIFE_DAYS, WEIGHT_CLOSENESS, WEIGHT_RECENCY,
                             WEIGHT_SKILLS, JobFeedRepository, JobFilters)
from graph.keys import pair_key

NOW = "2026-12-01T00:00:00+00:00"
SKILLS = ["Python", "Go", "SQL", "React", "Kubernetes", "Figma", "Excel", "Spark", "Rust",
          "Neo4j", "Sales", "Statistics"]
CITIES = ["Shanghai", "Beijing", "Shenzhen", "Hangzhou"]


@dataclass
class World:
    """A random world as rows for the database and facts for the oracle."""

    graph: nx.Graph
    people: list[dict] = field(default_factory=list)
    companies: list[dict] = field(default_factory=list)
    positions: list[dict] = field(default_factory=list)
    recruiters: list[dict] = field(default_factory=list)
    jobs: list[dict] = field(default_factory=list)
    skills: dict[str, set[str]] = field(default_factory=dict)


def build_world(seed: int, members: int, density: float, companies: int = 14) -> World:
    rng = random.Random(seed)
    g = nx.gnp_random_graph(members, density, seed=seed)
    world = World(graph=nx.relabel_nodes(g, {i: f"p{seed}x{i:04d}" for i in g.nodes}))
    ids = sorted(world.graph.nodes)
    for pid in ids:
        world.people.append({"id": pid, "name": f"Member {pid}"})
        world.skills[pid] = {s.casefold() for s in rng.sample(SKILLS, rng.randint(0, 4))}
    world.companies = [{"id": f"c{seed}x{i:02d}", "key": f"company {seed} {i}",
                        "name": f"Company {i}"} for i in range(companies)]
    company_ids = [c["id"] for c in world.companies]
    for n, pid in enumerate(ids):
        roll = rng.random()
        current = [] if roll < 0.15 else rng.sample(company_ids, 2) if roll > 0.92 else [rng.choice(company_ids)]
        if current and rng.random() < 0.03:
            current.append(current[0])  # two current positions at one company: counted once
        for cid in current:
            world.positions.append({"personId": pid, "companyId": cid, "current": True,
                                    "id": f"w{len(world.positions)}"})
        if rng.random() < 0.4:  # past positions never count
            world.positions.append({"personId": pid, "companyId": rng.choice(company_ids),
                                    "current": False, "id": f"w{len(world.positions)}"})
    for cid in company_ids:
        for pid in rng.sample(ids, rng.randint(1, 3)):
            world.recruiters.append({"personId": pid, "companyId": cid})
    for n in range(rng.randint(50, 80)):
        rec = rng.choice(world.recruiters)
        low = rng.randrange(100, 500) * 1000
        world.jobs.append({
            "id": f"j{seed}x{n:03d}", "recruiterId": rec["personId"], "companyId": rec["companyId"],
            "status": "closed" if rng.random() < 0.2 else "open",
            "remote": rng.choice(["onsite", "hybrid", "remote"]),
            "city": rng.choice(CITIES), "currency": rng.choice(["CNY", "CNY", "USD"]),
            "salaryMin": low, "salaryMax": low + rng.randrange(0, 300) * 1000,
            "createdAt": f"2026-{rng.randint(9, 11):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00+00:00",
            "skills": rng.sample(SKILLS, rng.randint(0, 4))})
    return world


LOAD = [
    ("UNWIND $rows AS r CREATE (:Person {id: r.id, name: r.name, nameLower: toLower(r.name), "
     "email: r.id + '@t.example'})", "people"),
    ("UNWIND $rows AS r CREATE (:Company {id: r.id, key: r.key, name: r.name})", "companies"),
    ("UNWIND $rows AS r MATCH (p:Person {id: r.personId}), (c:Company {id: r.companyId}) "
     "CREATE (p)-[:WORKS_AT {id: r.id, current: r.current, start: '2020-01'}]->(c)", "positions"),
    ("UNWIND $rows AS r MATCH (p:Person {id: r.personId}), (c:Company {id: r.companyId}) "
     "MERGE (p)-[:RECRUITS_FOR {key: r.personId + '|' + r.companyId, status: 'verified'}]->(c)",
     "recruiters"),
    ("UNWIND $rows AS r MATCH (p:Person {id: r.personId}) UNWIND r.skills AS s "
     "MERGE (k:Skill {key: toLower(s)}) ON CREATE SET k.name = s MERGE (p)-[:HAS_SKILL]->(k)",
     "person_skills"),
    ("UNWIND $rows AS r MATCH (a:Person {id: r.a}), (b:Person {id: r.b}) "
     "CREATE (a)-[:FRIENDS_WITH {pairKey: r.key}]->(b)", "friendships"),
    ("UNWIND $rows AS r MATCH (p:Person {id: r.recruiterId}), (c:Company {id: r.companyId}) "
     "CREATE (p)-[:POSTED]->(j:Job {id: r.id, title: 'Job ' + r.id, titleKey: 'job ' + r.id, "
     "status: r.status, remote: r.remote, city: r.city, cityKey: toLower(r.city), "
     "currency: r.currency, salaryMin: r.salaryMin, salaryMax: r.salaryMax, "
     "seniority: 'mid', createdAt: r.createdAt})-[:AT]->(c) SET p:JobPoster "
     "WITH j, r UNWIND r.skills AS s MERGE (k:Skill {key: toLower(s)}) ON CREATE SET k.name = s "
     "MERGE (j)-[:REQUIRES]->(k)", "jobs"),
]


def load(driver, database, world: World) -> None:
    rows = {"people": world.people, "companies": world.companies, "positions": world.positions,
            "recruiters": world.recruiters, "jobs": world.jobs,
            "person_skills": [{"personId": p, "skills": sorted(s)} for p, s in world.skills.items()],
            "friendships": [{"a": a, "b": b, "key": pair_key(a, b)} for a, b in world.graph.edges]}
    for query, name in LOAD:
        driver.execute_query(query, rows=rows[name], database_=database)


def oracle(world: World, viewer: str, filters=lambda job: True) -> dict[str, dict]:
    """job id -> {first, second, degree} by the feed's definition, from networkx."""
    reach = {p: d for p, d in nx.single_source_shortest_path_length(world.graph, viewer, cutoff=2).items()
             if d in (1, 2)}
    employees: dict[str, set[str]] = {}
    for pos in world.positions:
        if pos["current"]:
            employees.setdefault(pos["companyId"], set()).add(pos["personId"])
    expected = {}
    for job in world.jobs:
        staff = employees.get(job["companyId"], set())
        if job["status"] != "open" or viewer in staff or job["recruiterId"] == viewer \
                or not filters(job):
            continue
        degrees = [reach[e] for e in staff if e in reach]
        if job["recruiterId"] in reach:
            degrees.append(reach[job["recruiterId"]])
        if degrees:
            expected[job["id"]] = {"first": sum(1 for e in staff if reach.get(e) == 1),
                                   "second": sum(1 for e in staff if reach.get(e) == 2),
                                   "degree": min(degrees)}
    return expected


def expected_score(world: World, viewer: str, job: dict, degree: int) -> float:
    from datetime import datetime
    required = {s.casefold() for s in job["skills"]}
    skill = len(required & world.skills[viewer]) / len(required) if required else 0.0
    age = (datetime.fromisoformat(NOW) - datetime.fromisoformat(job["createdAt"])).total_seconds()
    return (WEIGHT_CLOSENESS * (1.0 if degree == 1 else 0.5) + WEIGHT_SKILLS * skill
            + WEIGHT_RECENCY * 0.5 ** (age / 86400 / RECENCY_HALF_LIFE_DAYS))


def full_feed(repo, viewer, filters=JobFilters(), page_size=1000):
    rows, total = repo.feed(viewer, filters, 0, page_size, now=NOW)
    assert total == len(rows)
    return rows


def check_paths(world: World, viewer: str, rows: list[dict]) -> None:
    """Each shown path is real: its target is at the stated degree and tied to the job."""
    reach = nx.single_source_shortest_path_length(world.graph, viewer, cutoff=2)
    jobs = {j["id"]: j for j in world.jobs}
    current = {(p["personId"], p["companyId"]) for p in world.positions if p["current"]}
    for row in rows:
        path, job = row["path"], jobs[row["job"]["id"]]
        target = path["target"]["id"]
        assert reach[target] == path["degree"]
        if path["kind"] == "recruiter":
            assert target == job["recruiterId"]
        else:
            assert (target, job["companyId"]) in current
        if path["degree"] == 2:
            via = path["via"]["id"]
            assert world.graph.has_edge(viewer, via) and world.graph.has_edge(via, target)
        else:
            assert path["via"] is None


WORLDS = [(11, 220, 0.015), (23, 300, 0.008), (37, 180, 0.04), (51, 260, 0.025)]


@pytest.mark.parametrize("seed, members, density", WORLDS)
def test_feed_matches_networkx(clean_db, database, seed, members, density):
    world = build_world(seed, members, density)
    load(clean_db, database, world)
    repo = JobFeedRepository(clean_db, database)
    rng = random.Random(seed)
    viewers = rng.sample(sorted(world.graph.nodes), 30)
    non_empty = 0
    for viewer in viewers:
        rows = full_feed(repo, viewer)
        expected = oracle(world, viewer)
        assert {r["job"]["id"] for r in rows} == set(expected), viewer
        for row in rows:
            want = expected[row["job"]["id"]]
            assert (row["firstCount"], row["secondCount"], row["path"]["degree"]) == \
                (want["first"], want["second"], want["degree"])
        check_paths(world, viewer, rows)
        non_empty += bool(rows)
    assert non_empty >= 5  # the worlds are dense enough that the check means something


@pytest.mark.parametrize("seed, members, density", WORLDS[:2])
def test_ranking_and_pagination(clean_db, database, seed, members, density):
    world = build_world(seed, members, density)
    load(clean_db, database, world)
    repo = JobFeedRepository(clean_db, database)
    jobs = {j["id"]: j for j in world.jobs}
    viewer = max(world.graph.nodes, key=lambda p: len(oracle(world, p)))
    rows = full_feed(repo, viewer)
    assert len(rows) >= 10
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    for row in rows:
        want = expected_score(world, viewer, jobs[row["job"]["id"]], row["path"]["degree"])
        assert row["score"] == pytest.approx(want, rel=1e-9)
    paged, skip = [], 0
    while True:
        page, total = repo.feed(viewer, JobFilters(), skip, 7, now=NOW)
        assert total == len(rows)
        if not page:
            break
        paged += page
        skip += 7
    assert [r["job"]["id"] for r in paged] == [r["job"]["id"] for r in rows]


FILTERS = [
    (JobFilters(remote="remote"), lambda j: j["remote"] == "remote"),
    (JobFilters(city="shang"), lambda j: "shang" in j["city"].lower()),
    (JobFilters(skills=("python", "SQL")),
     lambda j: {"python", "sql"} <= {s.casefold() for s in j["skills"]}),
    (JobFilters(min_salary=400_000, currency="CNY"),
     lambda j: j["currency"] == "CNY" and j["salaryMax"] >= 400_000),
]


@pytest.mark.parametrize("filters, keep", FILTERS)
def test_filters_match_networkx(clean_db, database, filters, keep):
    seed, members, density = WORLDS[2]
    world = build_world(seed, members, density)
    load(clean_db, database, world)
    repo = JobFeedRepository(clean_db, database)
    for viewer in random.Random(seed).sample(sorted(world.graph.nodes), 12):
        rows = full_feed(repo, viewer, filters)
        assert {r["job"]["id"] for r in rows} == set(oracle(world, viewer, keep))


def test_viewer_without_friends_or_unknown_sees_nothing(clean_db, database):
    world = build_world(5, 60, 0.05)
    world.graph.add_node("loner")
    world.people.append({"id": "loner", "name": "Loner"})
    world.skills["loner"] = set()
    load(clean_db, database, world)
    repo = JobFeedRepository(clean_db, database)
    assert repo.feed("loner", JobFilters(), 0, 20, now=NOW) == ([], 0)
    assert repo.feed("no-such-member", JobFilters(), 0, 20, now=NOW) == ([], 0)
