"""Company pages, admins and recruiter requests, through the web app."""
from __future__ import annotations

import pytest

from .job_support import ask_to_recruit, create_company


def _recruiter_status(app, person_id: str, company_id: str):
    records, _, _ = app.extensions["graph"].driver.execute_query(
        "MATCH (:Person {id: $p})-[r:RECRUITS_FOR]->(:Company {id: $c}) "
        "RETURN r.status AS status", p=person_id, c=company_id,
        database_=app.config["NEO4J_DATABASE"])
    return records[0]["status"] if records else None


def _is_admin(app, person_id: str, company_id: str) -> bool:
    records, _, _ = app.extensions["graph"].driver.execute_query(
        "RETURN EXISTS { (:Person {id: $p})-[:ADMIN_OF]->(:Company {id: $c}) } AS admin",
        p=person_id, c=company_id, database_=app.config["NEO4J_DATABASE"])
    return records[0]["admin"]


def test_creator_becomes_admin_and_page_shows_it(app, members):
    client, me = members.signup("Ada Admin")
    company_id = create_company(client, "Acme Cloud", "acmecloud.example")
    assert _is_admin(app, me, company_id)
    html = client.get(f"/companies/{company_id}").get_data(as_text=True)
    assert "Acme Cloud" in html and "Manage page" in html and "Ada Admin" in html
    assert "Acme Cloud" in client.get("/companies?q=acme").get_data(as_text=True)


def test_admin_asking_to_recruit_is_verified_at_once(app, members):
    client, me = members.signup()
    company_id = create_company(client)
    response = ask_to_recruit(client, company_id)
    assert response.status_code == 302
    assert _recruiter_status(app, me, company_id) == "verified"
    html = client.get(f"/companies/{company_id}").get_data(as_text=True)
    assert "verified recruiter" in html and "Post a job" in html


def test_second_page_for_same_company_is_a_conflict(members):
    first, _ = members.signup()
    second, _ = members.signup()
    create_company(first, "Acme", "acme.example")
    response = second.post("/companies/new", {"name": "  ACME ", "domain": "other.example"},
                           token_from="/companies/new")
    assert response.status_code == 400
    # The page is verified, so the message says so.
    assert "already has a verified company page" in response.get_data(as_text=True)


def test_domain_belongs_to_one_company(members):
    client, _ = members.signup()
    create_company(client, "Acme", "acme.example")
    response = client.post("/companies/new", {"name": "Acme Two", "domain": "ACME.example"},
                           token_from="/companies/new")
    assert response.status_code == 400
    # A domain is proven (not typed) and then belongs to that company only.
    assert "acme.example already belongs to another company page" in response.get_data(as_text=True)


def test_unclaimed_company_from_positions_can_be_claimed(app, members):
    client, me = members.signup()
    app.extensions["graph"].people.add_position(me, "Jade Logistics", "Driver", "2020-01", None)
    company_id = create_company(client, "jade logistics", "jade.example")
    assert _is_admin(app, me, company_id)
    records, _, _ = app.extensions["graph"].driver.execute_query(
        "MATCH (c:Company) RETURN count(c) AS n", database_=app.config["NEO4J_DATABASE"])
    assert records[0]["n"] == 1  # claimed the existing node, did not make a second one


@pytest.mark.parametrize("data, message", [
    ({"name": ""}, "Enter the company&#39;s name."),
    ({"name": "x" * 101}, "at most 100 characters"),
    ({"name": "Acme", "domain": "not a domain"}, "Enter a domain such as acme.com"),
    ({"name": "Acme", "domain": "gmail.com"}, "public e-mail provider"),
    ({"name": "Acme", "description": "d" * 2001}, "at most 2000 characters"),
    ({"name": "Acme", "industry": "i" * 61}, "at most 60 characters"),
])
def test_company_form_validation(members, data, message):
    client, _ = members.signup()
    response = client.post("/companies/new", data, token_from="/companies/new")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_admin_approves_a_pending_request(app, members):
    admin, _ = members.signup("Ada Admin")
    asker, asker_id = members.signup("Rex Recruiter")
    company_id = create_company(admin)
    ask_to_recruit(asker, company_id)
    assert _recruiter_status(app, asker_id, company_id) == "pending"
    assert "Rex Recruiter" in admin.get(f"/companies/{company_id}/manage").get_data(as_text=True)
    response = admin.post(f"/companies/{company_id}/recruiters/{asker_id}/approve")
    assert response.status_code == 302
    assert _recruiter_status(app, asker_id, company_id) == "verified"


def test_admin_declines_and_member_may_ask_again(app, members):
    admin, _ = members.signup()
    asker, asker_id = members.signup()
    company_id = create_company(admin)
    ask_to_recruit(asker, company_id)
    assert admin.post(f"/companies/{company_id}/recruiters/{asker_id}/decline").status_code == 302
    assert _recruiter_status(app, asker_id, company_id) == "declined"
    ask_to_recruit(asker, company_id)
    assert _recruiter_status(app, asker_id, company_id) == "pending"


def test_asking_twice_is_a_conflict(members):
    admin, _ = members.signup()
    asker, _ = members.signup()
    company_id = create_company(admin)
    ask_to_recruit(asker, company_id)
    response = ask_to_recruit(asker, company_id)
    assert response.status_code == 409
    assert "already asked" in response.get_data(as_text=True)


def test_non_admin_cannot_approve_or_manage(app, members):
    admin, _ = members.signup()
    asker, asker_id = members.signup()
    outsider, _ = members.signup()
    company_id = create_company(admin, "Acme")
    ask_to_recruit(asker, company_id)
    response = outsider.post(f"/companies/{company_id}/recruiters/{asker_id}/approve")
    assert response.status_code == 403
    assert "Only admins of Acme can approve or decline recruiters" in response.get_data(as_text=True)
    assert _recruiter_status(app, asker_id, company_id) == "pending"
    # Nor can the asker approve themselves, nor anyone see the admins' page.
    assert asker.post(f"/companies/{company_id}/recruiters/{asker_id}/approve").status_code == 403
    assert outsider.get(f"/companies/{company_id}/manage").status_code == 403


def test_approve_without_request_or_company_is_not_found(members):
    admin, _ = members.signup()
    _, other_id = members.signup()
    company_id = create_company(admin)
    assert admin.post(f"/companies/{company_id}/recruiters/{other_id}/approve").status_code == 404
    assert admin.post(f"/companies/{'0' * 32}/recruiters/{other_id}/approve").status_code == 404


def test_approve_needs_csrf_token(members):
    admin, _ = members.signup()
    asker, asker_id = members.signup()
    company_id = create_company(admin)
    ask_to_recruit(asker, company_id)
    response = admin.raw_post(f"/companies/{company_id}/recruiters/{asker_id}/approve")
    assert response.status_code == 400


def test_admins_add_admins_among_employees_and_recruiters(app, members):
    admin, _ = members.signup()
    colleague, colleague_id = members.signup("Cole League")
    stranger, stranger_id = members.signup()
    company_id = create_company(admin, "Acme")
    app.extensions["graph"].people.add_position(colleague_id, "Acme", "Engineer", "2021-01", None)
    assert "Cole League" in admin.get(f"/companies/{company_id}/manage").get_data(as_text=True)
    # Someone with no tie to the company is not offered, and is refused.
    response = admin.post(f"/companies/{company_id}/admins", {"person_id": stranger_id})
    assert response.status_code == 400
    assert not _is_admin(app, stranger_id, company_id)
    # A non-admin cannot add anyone.
    response = stranger.post(f"/companies/{company_id}/admins", {"person_id": colleague_id})
    assert response.status_code == 403
    assert admin.post(f"/companies/{company_id}/admins",
                      {"person_id": colleague_id}).status_code == 302
    assert _is_admin(app, colleague_id, company_id)
    # The new admin can now approve requests.
    ask_to_recruit(stranger, company_id)
    assert colleague.post(f"/companies/{company_id}/recruiters/{stranger_id}/approve").status_code == 302
    assert _recruiter_status(app, stranger_id, company_id) == "verified"


def test_unknown_company_is_404(members):
    client, _ = members.signup()
    assert client.get(f"/companies/{'0' * 32}").status_code == 404
    assert ask_to_recruit(client, "0" * 32).status_code == 404


def test_concurrent_creators_make_one_page_with_one_admin(app, members):
    from concurrent.futures import ThreadPoolExecutor

    from graph.errors import Duplicate

    ids = [members.signup()[1] for _ in range(6)]
    # The company exists already (from a position), so MERGE alone would not serialise
    # the claims: the page's lock must. Claiming a listed company needs domain
    # proof, so every claimant has a confirmed work e-mail there.
    app.extensions["graph"].people.add_position(ids[0], "Race Corp", "Driver", "2020-01", None)
    for person_id in ids:
        address = app.extensions["graph"].work_emails.set_pending(person_id,
                                                                   f"{person_id}@race.example")
        app.extensions["graph"].work_emails.confirm(person_id, address)
    companies = app.extensions["graph"].companies

    def attempt(person_id):
        try:
            return companies.create(person_id, "Race Corp", "race.example")
        except Duplicate:
            return "duplicate"

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(attempt, ids * 3))
    assert outcomes.count("duplicate") == 17
    records, _, _ = app.extensions["graph"].driver.execute_query(
        "MATCH (c:Company {key: 'race corp'}) "
        "RETURN count(c) AS companies, COUNT { (:Person)-[:ADMIN_OF]->(c) } AS admins",
        database_=app.config["NEO4J_DATABASE"])
    assert (records[0]["companies"], records[0]["admins"]) == (1, 1)
