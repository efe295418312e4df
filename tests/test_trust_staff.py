"""Staff (``flask staff add``, the review queue, decisions shown to admins) and the daily
limit and audit trail on candidate profiles opened, through the app."""
from __future__ import annotations

from .candidate_fixtures import seen_id, world  # noqa: F401  (fixture)
from .job_support import VALID_JOB, ask_to_recruit, create_company


def _staff(members, runner, name="Stella Staff"):
    email = f"{name.split()[0].lower()}@staff.example"
    client, person_id = members.signup(name, email)
    result = runner.invoke(args=["staff", "add", email.upper()])
    assert result.exit_code == 0, result.output
    assert f"{name} is now site staff" in result.output
    return client, person_id


def test_staff_add_cli_refuses_unknown_email(members, runner):
    result = runner.invoke(args=["staff", "add", "nobody@example.com"])
    assert result.exit_code != 0 and "No member has that e-mail address" in result.output


def test_only_staff_reach_staff_pages(members, runner):
    admin, _ = members.signup()
    company_id = create_company(admin, "Acme", "acme.example")
    member, member_id = members.signup()
    for path in ("/staff", f"/staff/companies/{company_id}", f"/staff/people/{member_id}/browsing"):
        assert member.get(path).status_code == 403
    for path in (f"/staff/companies/{company_id}/unverify",
                 f"/staff/companies/{company_id}/recruiters/{member_id}/revoke"):
        assert member.post(path, {"reason": "x"}, token_from=f"/companies/{company_id}").status_code == 403
    assert "Verified company" in member.get(f"/companies/{company_id}").get_data(as_text=True)
    staff, _ = _staff(members, runner)
    assert staff.get("/staff").status_code == 200
    assert staff.get(f"/staff/companies/{company_id}").status_code == 200


def test_claim_without_email_goes_to_staff_who_verify_and_admins_see_it(members, runner, world):  # noqa: F811
    owner, owner_id = members.signup("Tiny Owner")
    page = create_company(owner, "Tiny Tea Shop", "")
    response = owner.post(f"/companies/{page}/report",
                          {"kind": "claim", "text": "We use a shared mailbox; call our shop."},
                          token_from=f"/companies/{page}/report")
    assert response.status_code == 302
    assert owner.post(f"/companies/{page}/report", {"kind": "claim", "text": ""},
                      token_from=f"/companies/{page}/report").status_code == 400
    staff, _ = _staff(members, runner)
    html = staff.get("/staff").get_data(as_text=True)
    assert "Tiny Tea Shop" in html and "shared mailbox" in html
    response = staff.post(f"/staff/companies/{page}/verify",
                          {"reason": "Phoned the shop.", "domain": "tinytea.example"},
                          token_from=f"/staff/companies/{page}")
    assert response.status_code == 302
    manage = owner.get(f"/companies/{page}/manage").get_data(as_text=True)
    assert "staff-verified" in manage and "Phoned the shop." in manage
    assert "Verified company" in owner.get(f"/companies/{page}").get_data(as_text=True)
    # Unverifying takes every recruiter right away, and is shown too.
    recruiter, recruiter_id = members.signup("Rae Recruiter")
    world.confirm_work_email(recruiter_id, "tinytea.example")
    assert ask_to_recruit(recruiter, page).status_code == 302
    url = f"/companies/{page}/jobs/new"
    assert recruiter.post(url, VALID_JOB, token_from=f"/companies/{page}").status_code == 302
    response = staff.post(f"/staff/companies/{page}/unverify", {"reason": "Fake shop."},
                          token_from=f"/staff/companies/{page}")
    assert response.status_code == 302
    assert recruiter.post(url, VALID_JOB, token_from=f"/companies/{page}").status_code in (403, 404)
    assert "Fake shop." in owner.get(f"/companies/{page}/manage").get_data(as_text=True)


def test_staff_remove_admin_and_recruiter(members, runner):
    admin, admin_id = members.signup("Ada Admin")
    company_id = create_company(admin, "Acme", "acme.example")
    assert ask_to_recruit(admin, company_id).status_code == 302
    other, other_id = members.signup("Oscar Other")
    staff, _ = _staff(members, runner)
    url = f"/staff/companies/{company_id}/recruiters/{admin_id}/revoke"
    assert staff.post(url, {"reason": "Fake recruiter report upheld."},
                      token_from=f"/staff/companies/{company_id}").status_code == 302
    url = f"/companies/{company_id}/jobs/new"
    assert admin.post(url, VALID_JOB, token_from=f"/companies/{company_id}").status_code in (403, 404)
    manage = admin.get(f"/companies/{company_id}/manage").get_data(as_text=True)
    assert "recruiter-revoked" in manage and "Fake recruiter report upheld." in manage
    url = f"/staff/companies/{company_id}/admins/{admin_id}/remove"
    assert staff.post(url, {"reason": "Left the company."},
                      token_from=f"/staff/companies/{company_id}").status_code == 302
    assert admin.get(f"/companies/{company_id}/manage").status_code == 403
    # Removing someone who is not an admin is a 404, not a 500.
    url = f"/staff/companies/{company_id}/admins/{other_id}/remove"
    assert staff.post(url, {}, token_from=f"/staff/companies/{company_id}").status_code == 404


def test_daily_profile_limit_and_audit_visible_to_staff(app, members, runner, world):  # noqa: F811
    app.config["CANDIDATE_PROFILES_PER_DAY"] = 2
    recruiter, recruiter_id = members.signup("Rita Recruiter")
    company_id = create_company(recruiter, "Hirer", "hirer.example")
    assert ask_to_recruit(recruiter, company_id).status_code == 302
    seen = []
    for name in ("Ann One", "Bo Two", "Cy Three"):
        person_id, pseudonym_id = world.candidate(name)
        world.befriend(recruiter_id, person_id)
        seen.append(seen_id(recruiter, pseudonym_id))
    hidden_id, hidden_ps = world.candidate("Hal Hidden")
    hidden_ps = seen_id(recruiter, hidden_ps)
    world.employ(hidden_id, company_id)
    world.befriend(recruiter_id, hidden_id)
    assert recruiter.get(f"/candidates/{seen[0]}").status_code == 200
    assert recruiter.get(f"/candidates/{seen[0]}").status_code == 200  # the same one is free
    assert recruiter.get(f"/candidates/{hidden_ps}").status_code == 404  # not counted
    assert recruiter.get(f"/candidates/{seen[1]}").status_code == 200
    # Past the limit, a new id answers 429 whether visible, hidden or missing.
    for pseudonym_id in (seen[2], hidden_ps, "0" * 32):
        response = recruiter.get(f"/candidates/{pseudonym_id}")
        assert response.status_code == 429
        assert "daily limit" in response.get_data(as_text=True)
    assert recruiter.get(f"/candidates/{seen[1]}").status_code == 200  # opened today: still open
    staff, _ = _staff(members, runner)
    html = staff.get(f"/staff/companies/{company_id}").get_data(as_text=True)
    assert "profiles opened today 2, in all 2" in html
    html = staff.get(f"/staff/people/{recruiter_id}/browsing").get_data(as_text=True)
    assert "2 distinct profiles" in html
