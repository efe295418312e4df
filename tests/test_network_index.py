"""The in-memory network index (graph/index) gives the Cypher answers exactly, stays equal to
Neo4j while friendships change (also concurrently, with two processes' indexes applying the
log), and resumes after a crash with nothing missed and nothing applied twice.

The index == Cypher == networkx on seeded random graphs; networkx is the oracle for sets
and counts, the Cypher queries for orders and the page shapes.
"""
from __future__ import annotations

import dataclasses
import os
import random
import re
import threading

import networkx as nx
import pytest

from graph.base import utc_now
from graph.index import NetworkIndex
from graph.index import reads as index_reads
from graph.index.changelog import REBUILD, change, log_changes
from graph.network.degrees import NetworkRepository
from graph.network.friends import FriendshipRepository
from graph.people.members import PersonRepository
from tests.conftest import wipe
from tests.graph_loading import load_friend_graph, person_id

# Per-render values: CSRF tokens (signed with the time) and forms' random request ids.
CSRF_VALUE = re.compile(r'name="(?:csrf_token|request_id)"[^>]*value="[^"]+"')

GRAPHS = {
    "sparse-gnp": lambda: nx.gnp_random_graph(250, 0.01, seed=21),
    "clustered-powerlaw": lambda: nx.powerlaw_cluster_graph(300, 4, 0.3, seed=22),
    "hub-and-spokes": lambda: nx.barabasi_albert_graph(250, 2, seed=23),
}


def neo4j_edges(driver, database) -> set[frozenset[str]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Person)-[:FRIENDS_WITH]->(b:Person) RETURN a.id AS a, b.id AS b",
        database_=database)
    return {frozenset((r["a"], r["b"])) for r in records}


def index_edges(index: NetworkIndex) -> set[frozenset[str]]:
    with index.read() as graph:
        assert graph is not None, "index is not warm"
        return {frozenset((graph.person_id(a), graph.person_id(b)))
                for a in graph.members() for b in graph.friends(a).tolist()}


@pytest.fixture(params=list(GRAPHS), scope="module")
def loaded(request, driver, database):
    g = GRAPHS[request.param]()
    wipe(driver, database)
    load_friend_graph(driver, database, g)
    index = NetworkIndex(driver, database)
    index.rebuild()
    yield g, index, NetworkRepository(driver, database)
    wipe(driver, database)


def viewers(g: nx.Graph, count: int = 10) -> list[int]:
    rng = random.Random(len(g))
    by_degree = sorted(g.nodes, key=lambda n: (-g.degree(n), n))
    return list(dict.fromkeys(by_degree[:3] + by_degree[-2:] + rng.sample(list(g.nodes), count - 5)))


def test_the_build_holds_every_member_and_friendship(loaded, driver, database):
    g, index, _ = loaded
    status = index.status()
    assert status["state"] == "warm" and status["lag"] == 0
    assert status["members"] == g.number_of_nodes()
    assert status["friendships"] == g.number_of_edges()
    assert index_edges(index) == neo4j_edges(driver, database) == \
        {frozenset((person_id(a), person_id(b))) for a, b in g.edges}


def test_badges_equal_cypher_and_networkx(loaded):
    g, index, cypher = loaded
    rng = random.Random(5)
    for v in viewers(g):
        second = sorted({t for f in g[v] for t in g[f]} - set(g[v]) - {v})
        targets = set(rng.sample(list(g.nodes), 30)) | set(list(g[v])[:5]) | set(second[:5]) | {v}
        ids = [person_id(t) for t in targets] + ["no-such-member"]
        with index.read() as graph:
            from_index = index_reads.badges(graph, person_id(v), ids, shown=4)
        assert from_index == cypher.badges(person_id(v), ids, shown=4)
        for t in targets:
            badge = from_index[person_id(t)]
            assert badge["mutualCount"] == (len(set(g[v]) & set(g[t])) if t != v else 0)
            assert badge["degree"] == (0 if t == v else 1 if g.has_edge(v, t)
                                       else 2 if set(g[v]) & set(g[t]) else 3)


def test_second_degree_pages_equal_cypher_and_networkx(loaded):
    g, index, cypher = loaded
    for v in viewers(g, 6):
        lengths = nx.single_source_shortest_path_length(g, v, cutoff=2)
        second = {person_id(n) for n, d in lengths.items() if d == 2}
        for skip, limit in ((0, 20), (20, 20), (7, 50)):
            with index.read() as graph:
                rows, total = index_reads.second_degree(graph, person_id(v), skip, limit)
            expected_rows, expected_total = cypher.second_degree(person_id(v), skip, limit)
            assert total == expected_total == len(second)
            assert [(r["id"], r["mutualCount"], r["via"]) for r in rows] == \
                [(r["person"]["id"], r["mutualCount"], r["via"]) for r in expected_rows]


def test_two_degree_reach_equals_networkx(loaded):
    g, index, _ = loaded
    for v in viewers(g, 6):
        lengths = nx.single_source_shortest_path_length(g, v, cutoff=2)
        with index.read() as graph:
            first, second = index_reads.two_degree_reach(graph, person_id(v))
        assert first == {person_id(n) for n, d in lengths.items() if d == 1}
        assert second == {person_id(n) for n, d in lengths.items() if d == 2}


def test_the_repository_uses_the_warm_index_and_answers_alike(loaded, driver, database):
    g, index, cypher = loaded
    indexed = NetworkRepository(driver, database, index)
    v = person_id(max(g.nodes, key=g.degree))
    ids = [person_id(n) for n in list(g.nodes)[:40]]
    assert indexed.badges(v, ids) == cypher.badges(v, ids)
    assert indexed.second_degree(v, 5, 15) == cypher.second_degree(v, 5, 15)
    assert indexed.connection(v, ids[3]) == cypher.connection(v, ids[3])


def test_people_search_ranks_by_closeness_as_cypher_and_networkx(loaded, driver, database):
    g, index, cypher = loaded
    indexed = NetworkRepository(driver, database, index)
    for v in viewers(g, 5):
        lengths = nx.single_source_shortest_path_length(g, v, cutoff=2)
        for query in ("person 1", "Person 2", "7", "person 12"):
            expected = sorted((n for n in g.nodes if query.casefold() in f"person {n}"),
                              key=lambda n: (min(lengths.get(n, 3), 3), f"Person {n}", n))
            shuffled = [{"id": person_id(n), "name": f"Person {n}"} for n in expected]
            random.Random(len(query)).shuffle(shuffled)
            with index.read() as graph:
                ranked = index_reads.rank_by_closeness(graph, person_id(v), shuffled)
            assert [r["id"] for r in ranked] == [person_id(n) for n in expected]
            for skip, limit in ((0, 20), (20, 20), (3, 100)):
                rows, total = indexed.search_people(person_id(v), query, skip, limit)
                assert (rows, total) == cypher.search_people(person_id(v), query, skip, limit)
                assert total == len(expected)
                assert [r["id"] for r in rows] == \
                    [person_id(n) for n in expected[skip:skip + limit]]


# ----- keeping current --------------------------------------------------------------------

def _members(driver, database, count: int) -> list[str]:
    people = PersonRepository(driver, database)
    return [people.create(f"Member {i}", f"m{i}@example.com", "x").id for i in range(count)]


def test_a_writers_own_index_reflects_the_write_before_the_call_returns(clean_db, database):
    index = NetworkIndex(clean_db, database)
    index.rebuild()
    a, b, c = _members(clean_db, database, 3)
    friends = FriendshipRepository(clean_db, database, index)
    network = NetworkRepository(clean_db, database, index)
    friends.send_request(a, b)
    friends.accept(b, a)
    assert network.badges(a, [b])[b]["degree"] == 1
    friends.send_request(b, c)
    assert friends.send_request(c, b) == "accepted"  # asking back accepts
    # b is the one mutual friend; b shares no friend with a, so closeness 0.
    assert network.badges(a, [c])[c] == {"id": c, "degree": 2, "mutualCount": 1,
                                         "mutuals": [{"id": b, "name": "Member 1",
                                                      "closeness": 0}]}
    friends.remove(a, b)
    assert network.badges(a, [b, c]) == NetworkRepository(clean_db, database).badges(a, [b, c])
    assert network.badges(a, [b])[b]["degree"] == 3


def test_a_new_member_is_known_to_the_index(clean_db, database):
    index = NetworkIndex(clean_db, database)
    index.rebuild()
    a = PersonRepository(clean_db, database).create("Li Wei", "l@example.com", "x").id
    b = PersonRepository(clean_db, database).create("Zhang Min", "z@example.com", "x").id
    index.catch_up()
    network = NetworkRepository(clean_db, database, index)
    assert network.badges(a, [b]) == NetworkRepository(clean_db, database).badges(a, [b])
    assert network.badges(a, [b])[b]["degree"] == 3


# Refusals a writer may meet when others change the same pair, position or job first;
# anything else (a ConstraintError, say) is a bug the concurrency test must report.
REFUSALS = ("Duplicate", "NotFound")
# Writes per writer thread in the concurrency test (raise it for a longer soak).
CONCURRENCY_ROUNDS = int(os.environ.get("INDEX_CONCURRENCY_ROUNDS", 25))


def _friendship_write(friends: FriendshipRepository, rng: random.Random, people: list[str]):
    a, b = rng.sample(people, 2)
    if rng.random() < 0.6:
        friends.send_request(a, b)
        if rng.random() < 0.7:
            friends.accept(b, a)
    else:
        friends.remove(a, b)


def _random_writes(driver, database, people: list[str], index, rounds: int, seed: int):
    """Friend requests, accepts and removals in random order through the repository."""
    rng = random.Random(seed)
    friends = FriendshipRepository(driver, database, index)
    for _ in range(rounds):
        try:
            _friendship_write(friends, rng, people)
        except Exception as exc:
            if type(exc).__name__ not in REFUSALS:
                raise


@dataclasses.dataclass
class Hiring:
    """A verified company, its two active recruiters and their jobs (ids)."""

    company: str
    recruiters: list[str]
    jobs: list[str]


def _hiring(driver, database, people: list[str]) -> Hiring:
    from graph.jobs.postings import JobRepository

    company = "acme"
    driver.execute_query(
        "CREATE (:Company {id: $c, key: 'acme', name: 'Acme', verified: true})"
        "-[:HAS_DOMAIN]->(:CompanyDomain {name: 'acme.example'}) "
        "WITH 1 AS one UNWIND $recruiters AS r MATCH (p:Person {id: r}) "
        "MATCH (c:Company {id: $c}) SET p.workEmail = r + '@acme.example', "
        "p.workEmailDomain = 'acme.example', p.workEmailConfirmedAt = toString(datetime()), "
        "p.workEmailValidUntil = datetime().epochSeconds + 86400 "
        "CREATE (p)-[:RECRUITS_FOR {status: 'verified', key: r + '|acme'}]->(c)",
        c=company, recruiters=people[:2], database_=database)
    jobs = JobRepository(driver, database)
    return Hiring(company, people[:2], [jobs.create(people[i % 2], company, _job_fields(f"Role {i}"))
                                        for i in range(4)])


def _job_fields(title: str, city: str = "Shanghai"):
    from graph.jobs.postings import JobFields

    return JobFields(title=title, description="Pipelines", city=city, remote="hybrid",
                     salary_min=300_000, salary_max=450_000, currency="CNY",
                     seniority="senior", skills=["Python", "SQL"])


def _mixed_writes(driver, database, people: list[str], hiring: Hiring, index, rounds: int,
                  seed: int):
    """Friendships made and ended, positions added and removed, jobs posted, edited,
    closed and reopened, in random order through the repositories (each logs its change)."""
    from graph.jobs.postings import JobRepository

    rng = random.Random(seed)
    friends = FriendshipRepository(driver, database, index)
    members, jobs = PersonRepository(driver, database), JobRepository(driver, database)
    for step in range(rounds):
        roll = rng.random()
        try:
            if roll < 0.5:
                _friendship_write(friends, rng, people)
            elif roll < 0.75:
                # Not the recruiters: a position ended at Acme would end their rights.
                member = rng.choice(people[len(hiring.recruiters):])
                held, _, _ = driver.execute_query(
                    "MATCH (:Person {id: $p})-[w:WORKS_AT]->() RETURN w.id AS id ORDER BY id",
                    p=member, database_=database)
                if held and rng.random() < 0.5:
                    members.remove_position(member, rng.choice(held)["id"])
                else:
                    members.add_position(member, rng.choice(["Acme", "Borealis", "Cobalt"]),
                                         "Analyst", "2024-01",
                                         rng.choice([None, None, "2025-01"]))
            else:
                recruiter, job = rng.choice(hiring.recruiters), rng.choice(hiring.jobs)
                if roll < 0.8:
                    hiring.jobs.append(jobs.create(recruiter, hiring.company,
                                                   _job_fields(f"Role {seed}-{step}")))
                elif roll < 0.9:
                    jobs.set_status(recruiter, job, rng.choice(["open", "closed"]))
                else:
                    jobs.update(recruiter, job, _job_fields(f"Role {seed}-{step}",
                                                            rng.choice(["Beijing", "Shenzhen"])))
        except Exception as exc:
            if type(exc).__name__ not in REFUSALS:
                raise
        if index is not None:
            index.catch_up()  # as the writer's process does after a POST


def neo4j_employers(driver, database) -> set[tuple[str, str]]:
    records, _, _ = driver.execute_query(
        "MATCH (p:Person)-[:WORKS_AT {current: true}]->(c:Company) RETURN p.id AS p, c.id AS c",
        database_=database)
    return {(r["p"], r["c"]) for r in records}


def index_employers(index: NetworkIndex) -> set[tuple[str, str]]:
    with index.read_snapshot() as snapshot:
        graph, table = snapshot.graph, snapshot.jobs
        return {(graph.person_id(m), table.company_id(c)) for m in graph.members()
                for c in table.employers(m).tolist()}


def _job_facts(job, company_id: str) -> tuple:
    return (job.id, company_id, job.poster, job.city_key, job.remote, job.salary_max,
            job.currency, job.created_at, job.skills)


def neo4j_open_jobs(driver, database) -> set[tuple]:
    from graph.index.changelog import MATCH_OPEN_JOB_STATES
    from graph.index.jobs import job_from_row

    records, _, _ = driver.execute_query(MATCH_OPEN_JOB_STATES, database_=database)
    return {_job_facts(job_from_row(r.data(), 0), r["companyId"]) for r in records}


def index_open_jobs(index: NetworkIndex) -> set[tuple]:
    with index.read_snapshot() as snapshot:
        table = snapshot.jobs
        return {_job_facts(job, table.company_id(job.company)) for job in table.jobs.values()}


def _collecting(errors: list, work, *args):
    """Run ``work`` in a thread, keeping any exception for the test to report (an exception
    in a thread would otherwise only warn)."""
    def run():
        try:
            work(*args)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
    return threading.Thread(target=run)


def test_concurrent_writers_and_two_indexes_end_equal_to_neo4j(clean_db, database):
    people = _members(clean_db, database, 24)
    hiring = _hiring(clean_db, database, people)
    first, second = NetworkIndex(clean_db, database, poll_seconds=0.05), \
        NetworkIndex(clean_db, database, poll_seconds=0.05)
    applied = {id(first): [], id(second): []}
    first.on_apply = applied[id(first)].append
    second.on_apply = applied[id(second)].append
    errors: list[BaseException] = []
    writers = [_collecting(errors, _mixed_writes, clean_db, database, people, hiring, index,
                           CONCURRENCY_ROUNDS, seed)
               for seed, index in enumerate([first, second, None, None])]
    try:
        first.start()
        second.start()
        for thread in writers:
            thread.start()
        for thread in writers:
            thread.join()
    finally:
        first.stop()
        second.stop()
    assert errors == [], errors  # every writer finished; refusals were Duplicate/NotFound
    for index in (first, second):
        index.catch_up()  # quiescence: nothing left in the log
        assert index_edges(index) == neo4j_edges(clean_db, database)
        assert index_employers(index) == neo4j_employers(clean_db, database)
        assert index_open_jobs(index) == neo4j_open_jobs(clean_db, database)
    assert neo4j_employers(clean_db, database) and neo4j_open_jobs(clean_db, database)
    # Every change applied exactly once, in order, by each index (its build took the
    # changes before its cursor from the snapshot).
    records, _, _ = clean_db.execute_query(
        "MATCH (c:IndexCounter {key: 'changes'}) RETURN c.seq AS seq", database_=database)
    for index in (first, second):
        seqs = applied[id(index)]
        assert seqs, "the writes came after the build, so the index applied them"
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
        assert index.cursor == seqs[-1] == records[0]["seq"]


def test_concurrent_friend_requests_between_one_pair_answer_duplicate(clean_db, database):
    """Both members ask at once, twice each: every call ends in "sent", "accepted" or
    Duplicate (a 409), never a ConstraintError, and the pair ends up friends."""
    from graph.errors import Duplicate

    people = PersonRepository(clean_db, database)
    for round_ in range(max(3, CONCURRENCY_ROUNDS // 5)):
        a, b = (people.create(f"Pair {round_}{n}", f"pair{round_}{n}@example.com", "x").id
                for n in "ab")
        friends = FriendshipRepository(clean_db, database)
        outcomes, errors = [], []
        start = threading.Barrier(4)

        def ask(me, other):
            start.wait()
            try:
                outcomes.append(friends.send_request(me, other))
            except Duplicate:
                outcomes.append("duplicate")

        threads = [_collecting(errors, ask, me, other)
                   for me, other in ((a, b), (b, a), (a, b), (b, a))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [], errors
        assert len(outcomes) == 4 and "sent" in outcomes, outcomes
        assert friends.relationship(a, b) in ("friends", "sent", "received")
        if "accepted" in outcomes:
            assert friends.relationship(a, b) == "friends"


def test_concurrent_friend_requests_through_the_app_answer_409_never_500(app, members):
    """The same race through the pages: each post is answered 302 (sent / now friends) or
    409 (already asked, already friends), never a 500."""
    (ann, ann_id), (bo, bo_id) = members.signup("Ann"), members.signup("Bo")
    posts = [(client, f"/people/{other}/friend-request", client.token("/home"))
             for client, other in ((ann, bo_id), (bo, ann_id), (ann, bo_id), (bo, ann_id))]
    start, statuses, errors = threading.Barrier(len(posts)), [], []

    def post(client, url, token):
        start.wait()
        statuses.append(client.client.post(url, data={"csrf_token": token}).status_code)

    threads = [_collecting(errors, post, *args) for args in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [], errors
    assert sorted(set(statuses)) <= [302, 409] and 302 in statuses, statuses
    assert app.extensions["graph"].friends.relationship(ann_id, bo_id) in ("friends", "sent",
                                                                            "received")


def test_an_applier_that_dies_mid_batch_resumes_without_loss_or_repeat(clean_db, database):
    people = _members(clean_db, database, 12)
    index = NetworkIndex(clean_db, database, batch=50)
    index.rebuild()
    start = index.cursor
    _random_writes(clean_db, database, people, None, 60, seed=7)
    seen: list[int] = []

    def crash_on_the_fifth(seq: int) -> None:
        seen.append(seq)
        if len(seen) == 5:
            raise RuntimeError("killed mid-batch")

    index.on_apply = crash_on_the_fifth
    with pytest.raises(RuntimeError):
        index.catch_up()
    assert index.cursor == start + 5  # the fifth change was applied, then the crash
    index.on_apply = seen.append
    index.catch_up()
    end = index.cursor
    assert end > start + 5
    assert seen == list(range(start + 1, end + 1))  # each once, none missed
    assert index_edges(index) == neo4j_edges(clean_db, database)


def test_a_rebuild_request_in_the_log_rebuilds_a_running_index(clean_db, database):
    people = _members(clean_db, database, 4)
    index = NetworkIndex(clean_db, database, poll_seconds=0.05)
    index.rebuild()
    # A bulk load that bypasses the log, then the request `flask index rebuild` writes.
    clean_db.execute_query(
        "MATCH (a:Person {id: $a}), (b:Person {id: $b}) CREATE (a)-[:FRIENDS_WITH]->(b)",
        a=people[0], b=people[1], database_=database)
    with clean_db.session(database=database) as session:
        session.execute_write(log_changes, [change(REBUILD, "all")])
    index.catch_up()
    assert index_edges(index) == set()  # not rebuilt yet: applying only flags it
    index.start()
    deadline = threading.Event()
    for _ in range(100):
        if index_edges(index) == neo4j_edges(clean_db, database) != set():
            break
        deadline.wait(0.05)
    index.stop()
    assert index_edges(index) == neo4j_edges(clean_db, database) == {frozenset(people[:2])}


# ----- through the app ------------------------------------------------------------------------

def test_network_pages_read_the_same_with_the_index_on(app, members):
    from config import TestConfig
    from recruit import create_app

    clients = {}
    ids = {}
    for name in ("Ann", "Bo", "Cy", "Di"):
        clients[name], ids[name] = members.signup(name, f"{name.lower()}@example.com")
    graph = app.extensions["graph"]
    for a, b in (("Ann", "Bo"), ("Bo", "Cy"), ("Cy", "Di"), ("Bo", "Di")):
        graph.friends.send_request(ids[a], ids[b])
        graph.friends.accept(ids[b], ids[a])
    pages = ["/network?tab=second", f"/people/{ids['Di']}", f"/people/{ids['Cy']}",
             "/search?q=di"]

    def page(client, path):
        response = client.get(path)
        assert response.status_code == 200, path
        # Tokens and request ids differ per render; everything else must be identical.
        return CSRF_VALUE.sub("", response.get_data(as_text=True))

    clients["Ann"].get("/home")  # shows (and so clears) the sign-up's welcome message
    without = [page(clients["Ann"], p) for p in pages]

    config = TestConfig()
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        setattr(config, key, app.config[key])
    config.NETWORK_INDEX = True
    indexed_app = create_app(config)
    try:
        index = indexed_app.extensions["graph"].index
        index.rebuild()
        assert index.warm
        ann = indexed_app.test_client()
        ann.set_cookie("session", clients["Ann"].client.get_cookie("session").value)
        with_index = [page(ann, p) for p in pages]
        assert with_index == without
        assert "Cy" in with_index[0] and "Di" in with_index[0]
    finally:
        indexed_app.extensions["graph"].close()


# ----- the job feed ---------------------------------------------------------------------------

FEED_WORLDS = [(11, 220, 0.015), (37, 180, 0.04)]


@pytest.mark.parametrize("seed, members, density", FEED_WORLDS)
def test_the_job_feed_from_the_index_equals_the_cypher_feed(clean_db, database, seed, members,
                                                           density):
    from graph.jobs.feed import JobFeedRepository, JobFilters
    from tests.test_job_feed_property import NOW, build_world, load, oracle

    world = build_world(seed, members, density)
    load(clean_db, database, world)
    index = NetworkIndex(clean_db, database)
    index.rebuild()
    cypher, indexed = JobFeedRepository(clean_db, database), \
        JobFeedRepository(clean_db, database, index)
    filters = [JobFilters(), JobFilters(remote="remote"), JobFilters(city="shang"),
               JobFilters(skills=("python", "SQL")),
               JobFilters(min_salary=400_000, currency="CNY")]
    rng = random.Random(seed)
    checked = 0
    for viewer in rng.sample(sorted(world.graph.nodes), 15) + ["no-such-member"]:
        for f in filters:
            for skip, limit in ((0, 20), (20, 20), (3, 500)):
                expected = cypher.feed(viewer, f, skip, limit, now=NOW)
                assert indexed.feed(viewer, f, skip, limit, now=NOW) == expected, (viewer, f)
                checked += len(expected[0])
        if viewer in world.graph:
            rows, _ = indexed.feed(viewer, JobFilters(), 0, 1000, now=NOW)
            assert {r["job"]["id"] for r in rows} == set(oracle(world, viewer))
    assert checked > 100  # the worlds reach enough jobs for the comparison to mean something


def test_the_feed_follows_new_jobs_closed_jobs_and_changed_positions(clean_db, database):
    from graph.jobs.feed import JobFeedRepository, JobFilters
    from graph.jobs.postings import JobFields, JobRepository

    people = PersonRepository(clean_db, database)
    seeker, friend, recruiter = (people.create(n, f"{n}@example.com", "x").id
                                 for n in ("seeker", "friend", "recruiter"))
    # A verified company and a recruiter whose rights are in force (docs/trust.md).
    clean_db.execute_query(
        "CREATE (c:Company {id: 'acme', key: 'acme', name: 'Acme', verified: true})"
        "-[:HAS_DOMAIN]->(:CompanyDomain {name: 'acme.example'}) WITH c "
        "MATCH (r:Person {id: $r}) SET r.workEmail = 'r@acme.example', "
        "r.workEmailDomain = 'acme.example', r.workEmailConfirmedAt = toString(datetime()), "
        "r.workEmailValidUntil = datetime().epochSeconds + 86400 "
        "CREATE (r)-[:RECRUITS_FOR {status: 'verified', key: $r + '|acme'}]->(c)",
        r=recruiter, database_=database)
    index = NetworkIndex(clean_db, database)
    index.rebuild()
    friends = FriendshipRepository(clean_db, database, index)
    friends.send_request(seeker, friend)
    friends.accept(friend, seeker)
    cypher, indexed = JobFeedRepository(clean_db, database), \
        JobFeedRepository(clean_db, database, index)
    jobs = JobRepository(clean_db, database)
    fields = JobFields(title="Data Engineer", description="Pipelines", city="Shanghai",
                       remote="hybrid", salary_min=300_000, salary_max=450_000,
                       currency="CNY", seniority="senior", skills=("Python", "SQL"))
    job_id = jobs.create(recruiter, "acme", fields)

    def both():
        index.catch_up()
        # One clock for both: the recency term decays by the second, so two reads a second
        # apart score the same job differently.
        now = utc_now()
        expected = cypher.feed(seeker, JobFilters(), 0, 20, now=now)
        assert indexed.feed(seeker, JobFilters(), 0, 20, now=now) == expected
        return [row["job"]["id"] for row in expected[0]]

    assert both() == []                      # nobody the seeker knows is tied to Acme
    position = people.add_position(friend, "Acme", "Analyst", "2024-01", None)
    assert both() == [job_id]                # the friend works there now
    jobs.set_status(recruiter, job_id, "closed")
    assert both() == []
    jobs.set_status(recruiter, job_id, "open")
    assert both() == [job_id]
    jobs.update(recruiter, job_id, dataclasses.replace(fields, city="Beijing"))
    index.catch_up()  # (the web app does this after every POST)
    assert indexed.feed(seeker, JobFilters(city="shanghai"), 0, 20) == \
        cypher.feed(seeker, JobFilters(city="shanghai"), 0, 20) == ([], 0)
    assert both() == [job_id]
    # A member who joined after the build has no name rank; as the closest employee they
    # are ordered by name against the others ("a newcomer" < "friend").
    newcomer = people.create("a newcomer", "new@example.com", "x").id
    friends.send_request(seeker, newcomer)
    friends.accept(newcomer, seeker)
    people.add_position(newcomer, "Acme", "Engineer", "2025-01", None)
    assert both() == [job_id]
    rows, _ = indexed.feed(seeker, JobFilters(), 0, 20)
    assert rows[0]["path"]["target"]["id"] == newcomer and rows[0]["firstCount"] == 2
    people.remove_position(friend, position)
    assert both() == [job_id]
