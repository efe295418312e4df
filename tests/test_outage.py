"""A database that cannot be reached: clean 503s, liveness still answers,
readiness says why, and nothing touches the database at import or boot.

The app here points at a port where nothing listens, which is what a killed Neo4j looks
like to the driver. The full kill -9 / restart cycle is tests/test_fault_tolerance.py.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j.exceptions import ServiceUnavailable

import config as app_config
from graph.driver import make_driver
from graph.schema import apply_schema_when_reachable, schema_names
from recruit import create_app

ROOT = Path(__file__).resolve().parent.parent
DEAD_URI = "bolt://127.0.0.1:9"  # nothing listens there: connection refused
MESSAGE = "We can&#39;t reach our database; try again in a minute."


@pytest.fixture
def cut_off_app():
    """An app whose Neo4j is away."""
    settings = app_config.TestConfig()
    settings.NEO4J_URI = DEAD_URI
    application = create_app(settings)
    yield application
    application.extensions["graph"].close()


def logged_in_client(source_client, target_app):
    """A client of ``target_app`` carrying the session cookie of ``source_client``. The
    session itself lives in the database, which ``target_app`` cannot reach: even loading
    it must end in the 503 page."""
    name = target_app.config["SESSION_COOKIE_NAME"]
    client = target_app.test_client()
    client.set_cookie(name, source_client.client.get_cookie(name).value)
    return client


@pytest.mark.parametrize("path", ["/home", "/jobs", "/network", "/messages", "/search?q=a"])
def test_member_pages_answer_a_clean_503(members, cut_off_app, path):
    member, _ = members.signup("Mia Member")
    client = logged_in_client(member, cut_off_app)
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert MESSAGE in html and "Traceback" not in html
    assert response.headers["Retry-After"] == "30"


def test_a_write_answers_503_and_writes_nothing(app, members, cut_off_app):
    member, _ = members.signup("Mia Member")
    _, other_id = members.signup("Olaf Other")
    cut_off_app.config["WTF_CSRF_ENABLED"] = False
    client = logged_in_client(member, cut_off_app)
    response = client.post(f"/people/{other_id}/friend-request")
    assert response.status_code == 503
    records, _, _ = app.extensions["graph"].driver.execute_query(
        "MATCH ()-[r:FRIEND_REQUEST]->() RETURN count(r) AS n",
        database_=app.config["NEO4J_DATABASE"])
    assert records[0]["n"] == 0


def test_json_clients_get_a_json_503(members, cut_off_app):
    member, _ = members.signup("Mia Member")
    client = logged_in_client(member, cut_off_app)
    response = client.get("/home", headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert response.get_json() == {"error": "database_unavailable",
                                   "message": "We can't reach our database; try again in a minute."}


def test_liveness_answers_and_readiness_names_the_database(cut_off_app):
    client = cut_off_app.test_client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 503
    body = ready.get_json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"] == {"ok": False, "reachable": False,
                                          "error": "ServiceUnavailable"}
    assert body["checks"]["tasks"] == {"mode": "inline", "ok": True}


def test_readiness_when_all_is_well(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["checks"]["database"] == {"ok": True, "reachable": True,
                                                         "schema": "applied"}


def test_readiness_notices_a_missing_schema_element(app, driver, database):
    driver.execute_query("DROP INDEX write_token_created IF EXISTS", database_=database)
    try:
        response = app.test_client().get("/readyz")
        assert response.status_code == 503
        database_check = response.get_json()["checks"]["database"]
        assert database_check["schema"] == "incomplete"
        assert database_check["missing"] == ["write_token_created"]
    finally:
        driver.execute_query("CREATE INDEX write_token_created IF NOT EXISTS "
                             "FOR (t:WriteToken) ON (t.createdAt)", database_=database)


def test_schema_names_cover_the_schema_file():
    names = schema_names()
    assert {"person_id", "write_token_key", "write_token_created", "person_name_lower"} <= names


def test_importing_wsgi_touches_no_database():
    """A gunicorn worker boots while Neo4j is down (it used to exit with code 3)."""
    env = {**os.environ, "NEO4J_URI": DEAD_URI, "REDIS_URL": ""}
    result = subprocess.run([sys.executable, "-c", "import wsgi; print(wsgi.app.name)"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "recruit"


def test_schema_is_applied_with_back_off_until_the_wait_runs_out():
    pauses: list[float] = []
    now = [0.0]

    def fake_sleep(seconds):
        pauses.append(seconds)
        now[0] += seconds

    driver = make_driver(DEAD_URI, timeouts={"connection_timeout": 1.0,
                                             "max_transaction_retry_time": 0.0})
    try:
        with pytest.raises(ServiceUnavailable):
            apply_schema_when_reachable(driver, "neo4j", wait_seconds=40, sleep=fake_sleep,
                                        clock=lambda: now[0])
    finally:
        driver.close()
    assert pauses == [1.0, 2.0, 4.0, 8.0, 15.0]  # doubling, capped, within the 40 s


def test_init_db_waits_and_applies(runner):
    result = runner.invoke(args=["init-db", "--wait", "5"])
    assert result.exit_code == 0, result.output
    assert "Schema applied" in result.output
