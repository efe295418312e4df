"""Demo workplace data: two lively channels whose company label shows (k = 10), a quiet
company below k that shows only its industry, and the insight a job seeker reads."""
from __future__ import annotations

from demo.network import DEMO_PASSWORD
from demo.workplace import LIVELY, QUIET


def _rows(app, query, **params):
    records, _, _ = app.extensions["graph"].driver.execute_query(
        query, params, database_=app.config["NEO4J_DATABASE"])
    return [record.data() for record in records]


def test_demo_has_lively_channels_and_a_quiet_one(app, runner, client):
    assert app.config["WORKPLACE_K"] == 10
    result = runner.invoke(args=["load-demo"])
    assert result.exit_code == 0, result.output
    assert "Workplace channel at Acme Cloud" in result.output
    insight = app.extensions["graph"].workplace_insight
    ids = {row["name"]: row["id"] for row in _rows(
        app, "MATCH (c:Company) WHERE c.name IN $names RETURN c.name AS name, c.id AS id",
        names=[*LIVELY, *QUIET])}
    for name in LIVELY:
        lively = insight.company(ids[name])
        assert lively["shown"] and lively["posters"] >= 10, (name, lively["posters"])
        assert lively["topics"] and lively["poll"] is not None
    quiet = insight.company(ids[next(iter(QUIET))])
    assert not quiet["shown"] and 0 < quiet["posters"] < 10
    # A demo login reads the public channel: company labels for the lively companies,
    # never for the quiet one.
    email = _rows(app, "MATCH (p:Person) RETURN p.email AS e ORDER BY p.email LIMIT 1")[0]["e"]
    response = client.post("/login", {"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    html = client.get("/workplace/public").get_data(as_text=True)
    assert any(name in html for name in LIVELY)
    assert next(iter(QUIET)) not in html
