import re

"""The flask commands: schema and demo data."""
import networkx as nx


def test_init_db_is_idempotent(runner, driver, database):
    for _ in range(2):
        result = runner.invoke(args=["init-db"])
        assert result.exit_code == 0 and "Schema applied" in result.output
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS n",
                                         database_=database)
    assert {"person_email", "company_key", "friends_pair"} <= set(records[0]["n"])


def test_load_demo_into_an_empty_database_only(runner, driver, database):
    result = runner.invoke(args=["load-demo"])
    assert result.exit_code == 0, result.output
    assert "Demo logins" in result.output and "@demo.example" in result.output
    records, _, _ = driver.execute_query(
        "MATCH (p:Person) RETURN count(p) AS people, "
        "COUNT { MATCH (:Company) } AS companies, COUNT { MATCH ()-[:FRIENDS_WITH]->() } AS edges",
        database_=database)
    people, companies, edges = records[0]["people"], records[0]["companies"], records[0]["edges"]
    assert people >= 300 and companies >= 20 and edges > people
    # Realistic clustering: like real professional networks (0.2 or more), and several
    # times that of a random graph of the same density (whose clustering is the density).
    records, _, _ = driver.execute_query(
        "MATCH (a:Person)-[:FRIENDS_WITH]->(b:Person) RETURN a.id AS a, b.id AS b",
        database_=database)
    g = nx.Graph((r["a"], r["b"]) for r in records)
    density = nx.density(g)
    clustering = nx.average_clustering(g)
    assert clustering >= 0.2 and clustering > 4 * density
    again = runner.invoke(args=["load-demo", "--if-empty"])
    assert again.exit_code == 0 and "not loaded" in again.output
    refused = runner.invoke(args=["load-demo"])
    assert refused.exit_code != 0 and "empty database only" in refused.output


def test_demo_login_works(runner, client):
    result = runner.invoke(args=["load-demo"])
    email = re.search(r"^\s+(\S+@demo\.example)", result.output, re.MULTILINE).group(1)
    response = client.post("/login", {"email": email, "password": "demo-password-2026"})
    assert response.status_code == 302 and response.headers["Location"] == "/home"
