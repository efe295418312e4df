"""Demo trust data: verified companies with proven domains and aliases, one
unverified page without recruiter rights, recruiters in force, and a candidate whose
block list hides them from the blocked company's recruiters."""
from __future__ import annotations

from demo.trust import ALIASES, UNVERIFIED_COMPANY

from .candidate_fixtures import scoped_for


def _one(app, query, **params):
    records, _, _ = app.extensions["graph"].driver.execute_query(
        query, params, database_=app.config["NEO4J_DATABASE"])
    return records[0].data()


def test_demo_has_verified_companies_an_unverified_page_and_a_block_list(app, runner):
    result = runner.invoke(args=["load-demo"])
    assert result.exit_code == 0, result.output
    row = _one(app, "MATCH (c:Company {name: 'Acme Cloud'}) RETURN c.verified AS verified, "
                    "c.aliases AS aliases, COLLECT { MATCH (c)-[:HAS_DOMAIN]->(d) "
                    "RETURN d.name } AS domains")
    assert row == {"verified": True, "aliases": ALIASES["Acme Cloud"],
                   "domains": ["acmecloud.example"]}
    row = _one(app, "MATCH (c:Company {name: $n}) RETURN coalesce(c.verified, false) AS v, "
                    "COUNT { (c)-[:HAS_DOMAIN]->() } AS domains", n=UNVERIFIED_COMPANY)
    assert row == {"v": False, "domains": 0}
    # Recruiters of verified companies are in force; none of the unverified page is.
    search = app.extensions["graph"]
    row = _one(app, "MATCH (p:Person)-[:RECRUITS_FOR {status: 'verified'}]->(c:Company) "
                    "WHERE c.verified AND p.workEmailDomain = c.domain "
                    "RETURN count(DISTINCT p) AS active")
    assert row["active"] >= 15
    records, _, _ = app.extensions["graph"].driver.execute_query(
        "MATCH (p:Person)-[:RECRUITS_FOR|ADMIN_OF]->(:Company {name: $n}) RETURN p.id AS id",
        n=UNVERIFIED_COMPANY, database_=app.config["NEO4J_DATABASE"])
    for record in records:
        names = [c["name"] for c in search.companies.recruiting_for(record["id"])]
        assert UNVERIFIED_COMPANY not in names
    blocker = _one(app, "MATCH (p:Person)-[:BLOCKS]->(c:Company) "
                        "RETURN p.id AS id, collect(c.id) AS blocked")
    assert len(blocker["blocked"]) == 2
    # The blocked companies' recruiters never see the blocker.
    pseudonym = _one(app, "MATCH (:Person {id: $p})-[:HAS_PSEUDONYM]->(ps:Pseudonym "
                          "{active: true}) RETURN ps.id AS id", p=blocker["id"])["id"]
    records, _, _ = app.extensions["graph"].driver.execute_query(
        "MATCH (r:Person)-[:RECRUITS_FOR]->(c:Company) WHERE c.id IN $blocked "
        "RETURN DISTINCT r.id AS id", blocked=blocker["blocked"],
        database_=app.config["NEO4J_DATABASE"])
    assert records
    for record in records:
        # The id the recruiter's own scope would have: well-formed, and still hidden.
        assert search.candidate_search.profile(
            record["id"], scoped_for(app, record["id"], pseudonym)) is None
