"""The candidate journey on the demo data, through the web only: a verified recruiter sees
pseudonymous candidates within two degrees, messages one, both consent, and only then sees
the real name; a colleague of the candidate never sees the candidate."""
from __future__ import annotations

import re

from markupsafe import escape

from demo.network import DEMO_PASSWORD
from tests.candidate_fixtures import scoped_for, system_for
from tests.conftest import CsrfClient

PSEUDONYM_LINK = re.compile(r'href="/candidates/([A-Za-z0-9_-]{20,})"')
THREAD_LINK = re.compile(r"/messages/([A-Za-z0-9_-]{16,})")


def log_in(app, email):
    client = CsrfClient(app.test_client())
    response = client.post("/login", {"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, email
    return client


def query(driver, database, cypher, **params):
    records, _, _ = driver.execute_query(cypher, params, database_=database)
    return [r.data() for r in records]


def test_recruiter_meets_a_candidate_and_sees_the_name_only_after_both_consent(
        app, runner, driver, database):
    result = runner.invoke(args=["load-demo"])
    assert result.exit_code == 0, result.output
    [recruiter] = query(driver, database, """
        MATCH (r:Person)-[:RECRUITS_FOR {status: 'verified'}]->(:Company)
        WHERE r.email = 'junjie.ma@demo.example' RETURN r.email AS email, r.id AS id""")
    recruiter_client = log_in(app, recruiter["email"])

    browse = recruiter_client.get("/candidates").get_data(as_text=True)
    seen_ids = list(dict.fromkeys(PSEUDONYM_LINK.findall(browse)))
    assert seen_ids, "the demo recruiter sees no candidate"
    # The page shows the ids of the recruiter's company scope; the system ids behind them:
    pseudonym_ids = [system_for(app, recruiter["id"], seen) for seen in seen_ids]
    assert None not in pseudonym_ids
    # The journey needs a candidate with a colleague (to check the colleague never sees
    # them); list order is not identity-related, so pick by that property, not position.
    employed = query(driver, database, """
        UNWIND $ids AS id
        MATCH (p:Person)-[:HAS_PSEUDONYM]->(:Pseudonym {id: id})
        MATCH (p)-[:WORKS_AT {current: true}]->(c:Company)<-[:WORKS_AT {current: true}]-(o)
        WHERE o <> p
        RETURN id, p.name AS name, p.email AS email, p.id AS personId, c.key AS company
        ORDER BY id LIMIT 1""", ids=pseudonym_ids)
    assert employed, "no listed candidate has a colleague in the demo data"
    pseudonym_id = scoped_for(app, recruiter["id"], employed[0]["id"])
    # As the page prints it: Jinja escapes names such as "Hannah O'Brien" (O&#39;Brien).
    candidate = {"name": str(escape(employed[0]["name"])), "email": employed[0]["email"],
                 "id": employed[0]["personId"], "company": employed[0]["company"]}
    assert candidate["name"] not in browse

    sent = recruiter_client.post(f"/candidates/{pseudonym_id}/message",
                                 {"body": "Hello, we have a role you may like.", "job": ""},
                                 token_from=f"/candidates/{pseudonym_id}")
    assert sent.status_code == 302
    conversation_id = THREAD_LINK.search(sent.headers["Location"]).group(1)
    thread_url = f"/messages/{conversation_id}"

    candidate_client = log_in(app, candidate["email"])
    assert "we have a role" in candidate_client.get(thread_url).get_data(as_text=True)
    assert candidate_client.post(thread_url, {"body": "Happy to hear more."},
                                 token_from=thread_url).status_code == 302

    # The recruiter says yes first: the name is still hidden.
    assert recruiter_client.post(f"{thread_url}/interest",
                                 token_from=thread_url).status_code == 302
    before = recruiter_client.get(thread_url).get_data(as_text=True)
    assert "Happy to hear more." in before
    assert candidate["name"] not in before and candidate["email"] not in before

    # The candidate says yes too: the first stage (industry and level) is reached; the
    # name comes only at the third stage, each one agreed by both.
    assert candidate_client.post(f"{thread_url}/interest",
                                 token_from=thread_url).status_code == 302
    for _ in range(2):
        assert candidate["name"] not in recruiter_client.get(thread_url).get_data(as_text=True)
        for client in (recruiter_client, candidate_client):
            assert client.post(f"{thread_url}/interest", token_from=thread_url).status_code == 302
    after = recruiter_client.get(thread_url).get_data(as_text=True)
    assert candidate["name"] in after and f"/people/{candidate['id']}" in after
    assert query(driver, database, "MATCH (r:Reveal) RETURN count(r) AS n") == [{"n": 1}]

    # A colleague at the candidate's current employer never sees the candidate.
    colleagues = query(driver, database, """
        MATCH (p:Person {id: $id})-[:WORKS_AT {current: true}]->(c:Company)
              <-[:WORKS_AT {current: true}]-(colleague:Person)
        WHERE colleague <> p RETURN colleague.email AS email, colleague.id AS id LIMIT 3""",
        id=candidate["id"])
    assert candidate["company"] is not None and colleagues
    for colleague in colleagues:
        client = log_in(app, colleague["email"])
        # The id the colleague's own scope would have: well-formed, and still hidden.
        colleague_id = scoped_for(app, colleague["id"], employed[0]["id"])
        assert colleague_id not in client.get("/candidates").get_data(as_text=True)
        assert client.get(f"/candidates/{colleague_id}").status_code == 404
