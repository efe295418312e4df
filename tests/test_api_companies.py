"""Companies over the API: directory, page, asking to recruit, an admin deciding."""
from __future__ import annotations

from .api_support import api_member, assert_problem
from .job_support import create_company


def test_directory_page_and_recruiter_requests(app, members):
    rita, rita_id, rita_web = api_member(app, members, "Rita Admin")
    company_id = create_company(rita_web, "Acme", "acme.example")
    rob, rob_id, _ = api_member(app, members, "Rob Recruiter")
    found = rob.get("/api/v1/companies?q=acm").json
    assert [c["id"] for c in found["items"]] == [company_id] and found["items"][0]["verified"]
    page = rob.get(f"/api/v1/companies/{company_id}").json
    assert page["company"]["name"] == "Acme" and [a["id"] for a in page["admins"]] == [rita_id]
    assert page["isAdmin"] is False and page["myStatus"] is None
    asked = rob.post(f"/api/v1/companies/{company_id}/recruiter-request")
    assert asked.json["status"] == "pending"
    assert_problem(rob.post(f"/api/v1/companies/{company_id}/recruiter-request"), 409)
    assert_problem(rob.get(f"/api/v1/companies/{company_id}/recruiter-requests"), 403)
    assert_problem(rob.post(
        f"/api/v1/companies/{company_id}/recruiter-requests/{rob_id}/approve"), 403)
    pending = rita.get(f"/api/v1/companies/{company_id}/recruiter-requests").json["pending"]
    assert [p["id"] for p in pending] == [rob_id]
    approved = rita.post(f"/api/v1/companies/{company_id}/recruiter-requests/{rob_id}/approve")
    assert approved.json == {"name": "Rob Recruiter"}
    # Approved; the rights themselves also need a confirmed work e-mail there (trust rule).
    page = rob.get(f"/api/v1/companies/{company_id}").json
    assert page["myStatus"] == "verified" and page["iRecruit"] is False
    assert_problem(rob.get("/api/v1/companies/nope"), 404)


def test_an_unconfirmed_email_cannot_ask_to_recruit(app, members):
    from .api_support import ApiClient, login_token
    _, _, rita_web = api_member(app, members, "Rita Admin")
    company_id = create_company(rita_web, "Acme", "acme.example")
    members.signup("Uma Unverified", "uma@example.com", verify=False)
    uma = ApiClient(app, login_token(app, "uma@example.com"))
    assert_problem(uma.post(f"/api/v1/companies/{company_id}/recruiter-request"), 403)


def test_administering_a_page_names_admins_and_revokes(app, members):
    rita, rita_id, rita_web = api_member(app, members, "Rita Admin")
    company_id = create_company(rita_web, "Acme", "acme.example")
    rob, rob_id, _ = api_member(app, members, "Rob Recruiter")
    sam, sam_id, _ = api_member(app, members, "Sam Stranger")
    rob.post(f"/api/v1/companies/{company_id}/recruiter-request")
    rita.post(f"/api/v1/companies/{company_id}/recruiter-requests/{rob_id}/approve")

    alias = rita.post(f"/api/v1/companies/{company_id}/aliases", json={"alias": "艾克米"})
    assert alias.status_code == 201 and alias.json == {"name": "Acme"}
    assert_problem(rita.post(f"/api/v1/companies/{company_id}/aliases",
                             json={"alias": "艾克米"}), 409)
    for outsider in (rob, sam):  # only admins add names or admins, or revoke
        assert_problem(outsider.post(f"/api/v1/companies/{company_id}/aliases",
                                     json={"alias": "Acme Corp"}), 403)
        assert_problem(outsider.post(f"/api/v1/companies/{company_id}/admins",
                                     json={"personId": sam_id}), 403)
    # Only someone tied to the company can become an admin.
    stranger = rita.post(f"/api/v1/companies/{company_id}/admins", json={"personId": sam_id})
    assert "person_id" in assert_problem(stranger, 400, "validation")["errors"]
    made = rita.post(f"/api/v1/companies/{company_id}/admins", json={"personId": rob_id})
    assert made.status_code == 201 and made.json == {"name": "Rob Recruiter"}
    page = sam.get(f"/api/v1/companies/{company_id}").json
    assert {a["id"] for a in page["admins"]} == {rita_id, rob_id}
    assert_problem(rita.post(f"/api/v1/companies/{company_id}/recruiters/{sam_id}/revoke"), 404)
    # Proving a domain needs a confirmed work e-mail there.
    assert_problem(sam.post(f"/api/v1/companies/{company_id}/prove-domain"), 400)
