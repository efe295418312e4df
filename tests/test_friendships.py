"""Friend requests through the web, and uniqueness under concurrent writers."""
from concurrent.futures import ThreadPoolExecutor

from graph.errors import Duplicate, Invalid
from graph.network.friends import FriendshipRepository
from graph.people.members import PersonRepository


def rel_count(driver, database, rel_type):
    records, _, _ = driver.execute_query(
        "MATCH ()-[r]->() WHERE type(r) = $t RETURN count(r) AS n", t=rel_type,
        database_=database)
    return records[0]["n"]


def test_request_accept_and_remove(members, driver, database):
    alice, alice_id = members.signup("Alice")
    bob, bob_id = members.signup("Bob")
    assert alice.post(f"/people/{bob_id}/friend-request", token_from="/home").status_code == 302
    assert "Alice" in bob.get("/network/requests").get_data(as_text=True)
    assert "Withdraw" in alice.get(f"/people/{bob_id}").get_data(as_text=True)
    assert bob.post(f"/people/{alice_id}/accept", token_from="/home").status_code == 302
    assert rel_count(driver, database, "FRIENDS_WITH") == 1
    assert rel_count(driver, database, "FRIEND_REQUEST") == 0
    assert "1st" in alice.get(f"/people/{bob_id}").get_data(as_text=True)
    assert bob.post(f"/people/{alice_id}/unfriend", token_from="/home").status_code == 302
    assert rel_count(driver, database, "FRIENDS_WITH") == 0


def test_decline_and_cancel(members, driver, database):
    alice, alice_id = members.signup("Alice")
    bob, bob_id = members.signup("Bob")
    alice.post(f"/people/{bob_id}/friend-request", token_from="/home")
    assert bob.post(f"/people/{alice_id}/decline", token_from="/home").status_code == 302
    assert rel_count(driver, database, "FRIEND_REQUEST") == 0
    alice.post(f"/people/{bob_id}/friend-request", token_from="/home")
    assert alice.post(f"/people/{bob_id}/cancel", token_from="/home").status_code == 302
    assert rel_count(driver, database, "FRIEND_REQUEST") == 0
    assert rel_count(driver, database, "FRIENDS_WITH") == 0


def test_only_the_recipient_can_accept(members, driver, database):
    alice, alice_id = members.signup("Alice")
    bob, bob_id = members.signup("Bob")
    carol, _ = members.signup("Carol")
    alice.post(f"/people/{bob_id}/friend-request", token_from="/home")
    assert alice.post(f"/people/{bob_id}/accept", token_from="/home").status_code == 404
    assert carol.post(f"/people/{alice_id}/accept", token_from="/home").status_code == 404
    assert carol.post(f"/people/{alice_id}/unfriend", token_from="/home").status_code == 404
    assert rel_count(driver, database, "FRIENDS_WITH") == 0


def test_errors_are_clear(members):
    alice, alice_id = members.signup("Alice")
    _, bob_id = members.signup("Bob")
    response = alice.post(f"/people/{alice_id}/friend-request", token_from="/home")
    assert response.status_code == 400 and "yourself" in response.get_data(as_text=True)
    alice.post(f"/people/{bob_id}/friend-request", token_from="/home")
    again = alice.post(f"/people/{bob_id}/friend-request", token_from="/home")
    assert again.status_code == 409 and "already sent" in again.get_data(as_text=True)
    missing = alice.post("/people/nobody/friend-request", token_from="/home")
    assert missing.status_code == 404


def test_asking_back_accepts(members, driver, database):
    alice, alice_id = members.signup("Alice")
    bob, bob_id = members.signup("Bob")
    alice.post(f"/people/{bob_id}/friend-request", token_from="/home")
    bob.post(f"/people/{alice_id}/friend-request", token_from="/home")
    assert rel_count(driver, database, "FRIENDS_WITH") == 1
    assert rel_count(driver, database, "FRIEND_REQUEST") == 0
    again = alice.post(f"/people/{bob_id}/friend-request", token_from="/home")
    assert again.status_code == 409 and "already friends" in again.get_data(as_text=True)


def _make_people(driver, database, n):
    people = PersonRepository(driver, database)
    return [people.create(f"P{i}", f"p{i}@example.com", "x").id for i in range(n)]


def test_concurrent_mutual_requests_make_one_friendship(clean_db, driver, database):
    ids = _make_people(driver, database, 40)
    friends = FriendshipRepository(driver, database)
    pairs = [(ids[i], ids[i + 1]) for i in range(0, 40, 2)]
    # Both members of every pair ask each other at the same moment.
    jobs = [(a, b) for a, b in pairs] + [(b, a) for a, b in pairs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(lambda ab: friends.send_request(*ab), jobs))
    assert sorted(set(outcomes)) <= ["accepted", "sent"]
    assert rel_count(driver, database, "FRIENDS_WITH") == len(pairs)
    assert rel_count(driver, database, "FRIEND_REQUEST") == 0
    records, _, _ = driver.execute_query(
        "MATCH (a:Person)-[r:FRIENDS_WITH]-(b:Person) WITH a, b, count(r) AS n WHERE n > 1 "
        "RETURN count(*) AS duplicated", database_=database)
    assert records[0]["duplicated"] == 0


def test_concurrent_identical_requests_make_one_request(clean_db, driver, database):
    a, b = _make_people(driver, database, 2)
    friends = FriendshipRepository(driver, database)

    def send(_):
        try:
            return friends.send_request(a, b)
        except Duplicate:
            return "duplicate"

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(send, range(12)))
    assert outcomes.count("sent") == 1 and outcomes.count("duplicate") == 11
    assert rel_count(driver, database, "FRIEND_REQUEST") == 1


def test_self_friendship_is_refused_by_the_repository(clean_db, driver, database):
    [a] = _make_people(driver, database, 1)
    try:
        FriendshipRepository(driver, database).send_request(a, a)
    except Invalid as error:
        assert "yourself" in error.message
    else:
        raise AssertionError("self friendship was accepted")
    assert rel_count(driver, database, "FRIEND_REQUEST") == 0


def test_duplicate_email_raises_duplicate_even_concurrently(clean_db, driver, database):
    people = PersonRepository(driver, database)

    def create(i):
        try:
            people.create(f"Same {i}", "same@example.com", "x")
            return "created"
        except Duplicate:
            return "duplicate"

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(create, range(10)))
    assert outcomes.count("created") == 1
    records, _, _ = driver.execute_query("MATCH (p:Person) RETURN count(p) AS n",
                                         database_=database)
    assert records[0]["n"] == 1


def test_concurrent_positions_at_one_company_make_one_company(clean_db, driver, database):
    ids = _make_people(driver, database, 10)
    people = PersonRepository(driver, database)
    names = ["Acme", " acme ", "ACME", "AcMe", "acme"]
    with ThreadPoolExecutor(max_workers=5) as pool:
        list(pool.map(lambda i: people.add_position(ids[i], names[i % 5], "Eng", "2020-01", None),
                      range(10)))
    records, _, _ = driver.execute_query(
        "MATCH (c:Company) RETURN count(c) AS n, COUNT { ()-[:WORKS_AT]->() } AS positions",
        database_=database)
    assert records[0]["n"] == 1 and records[0]["positions"] == 10
