"""Configuration comes from the environment; a routed neo4j:// URI works like bolt://."""
from config import Config
from graph.driver import make_driver
from graph.people.members import PersonRepository


def test_neo4j_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://cluster.example:7687")
    monkeypatch.setenv("NEO4J_USER", "app")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret")
    monkeypatch.setenv("NEO4J_DATABASE", "recruiting")
    config = Config()
    assert (config.NEO4J_URI, config.NEO4J_USER, config.NEO4J_PASSWORD,
            config.NEO4J_DATABASE) == ("neo4j+s://cluster.example:7687", "app", "secret",
                                       "recruiting")


def test_cookies_are_httponly_and_samesite_by_default():
    config = Config()
    assert config.SESSION_COOKIE_HTTPONLY and config.REMEMBER_COOKIE_HTTPONLY
    assert config.SESSION_COOKIE_SAMESITE == config.REMEMBER_COOKIE_SAMESITE == "Lax"


def test_a_routing_uri_reaches_the_same_database(clean_db, database):
    bolt_uri = clean_db.get_server_info().address
    routed = make_driver(f"neo4j://{bolt_uri.host}:{bolt_uri.port}")
    try:
        account = PersonRepository(routed, database).create("Routed", "routed@example.com", "x")
        assert PersonRepository(clean_db, database).account(account.id).email == "routed@example.com"
    finally:
        routed.close()
