"""Trust attacks (docs/trust.md), tried as an adversary would, over HTTP through
the app against the real Neo4j: the attacker fails, a legitimate recruiter succeeds."""
from __future__ import annotations

import pytest

from graph.companies.domains import is_public_mail_domain
from graph.keys import fold_name

from .candidate_fixtures import seen_id, world  # noqa: F401  (fixture)
from .job_support import VALID_JOB, ask_to_recruit, confirm_work_email, create_company


def _browse(client) -> str:
    response = client.get("/candidates")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _sees(client, pseudonym_id: str) -> bool:
    """Whether the candidate is in the viewer's list and their profile URL answers
    (``pseudonym_id``: the system id, looked for under the id the viewer's scope has)."""
    pseudonym_id = seen_id(client, pseudonym_id)
    listed = pseudonym_id in _browse(client)
    status = client.get(f"/candidates/{pseudonym_id}").status_code
    assert status in (200, 404)
    assert listed == (status == 200), "list and profile must agree"
    return listed


def _post_job(client, company_id: str) -> int:
    url = f"/companies/{company_id}/jobs/new"
    return client.post(url, VALID_JOB, token_from=f"/companies/{company_id}").status_code


@pytest.fixture
def xcorp(members, world):  # noqa: F811
    """X Industries (verified on x.example, with a real recruiter), an employee Eve and her
    looking colleague Cara (listing "X Industries, Inc."), and Eve's friend Fay who is
    Cara's friend too."""
    admin, admin_id = members.signup("Xavier Admin")
    company_id = create_company(admin, "X Industries", "x.example")
    assert ask_to_recruit(admin, company_id).status_code == 302
    eve, eve_id = members.signup("Eve Employee")
    world.employ(eve_id, world.company("X Industries Inc."))
    cara_id, cara_ps = world.candidate("Cara Colleague")
    world.employ(cara_id, world.run("MATCH (c:Company {key: 'x industries inc.'}) "
                                    "RETURN c.id AS id")[0]["id"])
    fay = world.person("Fay Friend")
    world.chain(eve_id, fay, cara_id)
    world.befriend(admin_id, cara_id)
    return {"admin": admin, "admin_id": admin_id, "company": company_id, "eve": eve,
            "eve_id": eve_id, "cara": cara_id, "cara_ps": cara_ps, "fay": fay}


def _outside_recruiter(members, world, name="Olga Outside", domain="y.example",  # noqa: F811
                       company="Y Corp"):
    client, person_id = members.signup(name)
    company_id = create_company(client, company, domain)
    assert ask_to_recruit(client, company_id).status_code == 302
    return client, person_id, company_id


def test_sock_puppet_talent_page_gets_no_rights(members, world, xcorp):  # noqa: F811
    puppet, puppet_id = members.signup("Puppet Account")
    world.befriend(puppet_id, xcorp["fay"])  # a friend of the colleague who is looking
    # Typing X's domain without a confirmed mailbox there is refused.
    response = puppet.post("/companies/new", {"name": "X Talent", "domain": "x.example"},
                           token_from="/companies/new")
    assert response.status_code == 400
    assert "first confirm your work e-mail at x.example" in response.get_data(as_text=True)
    # Without a domain the page exists but is unverified: no recruiter rights at all.
    puppet_page = create_company(puppet, "X Talent", "")
    html = puppet.get(f"/companies/{puppet_page}").get_data(as_text=True)
    assert "Unverified page" in html and "verified recruiter here" not in html
    assert ask_to_recruit(puppet, puppet_page).status_code == 403
    assert _post_job(puppet, puppet_page) in (403, 404)
    assert not _sees(puppet, xcorp["cara_ps"])
    # A legitimate recruiter of another verified company, equally close, sees her.
    olga, olga_id, _ = _outside_recruiter(members, world)
    world.befriend(olga_id, xcorp["fay"])
    assert _sees(olga, xcorp["cara_ps"])


def test_domain_squatting_needs_proof_and_proof_takes_over(app, members, world):  # noqa: F811
    worker_id = world.person("Wen Worker")
    world.employ(worker_id, world.company("Jade Logistics"))
    squatter, squatter_id = members.signup("Sam Squatter")
    # Members already list Jade Logistics: claiming it needs proof of its domain.
    response = squatter.post("/companies/new", {"name": "jade logistics"},
                             token_from="/companies/new")
    assert response.status_code == 400
    assert "needs proof of its domain" in response.get_data(as_text=True)
    # A brand-new name can be claimed unverified ...
    page = create_company(squatter, "Nimbus Labs", "")
    assert _post_job(squatter, page) in (403, 404)
    # ... until someone proves its domain, who takes it over; the decision is shown.
    owner, owner_id = members.signup("Nina Nimbus")
    confirm_work_email(owner, "nina@nimbus.example")
    response = owner.post(f"/companies/{page}/prove-domain", token_from=f"/companies/{page}")
    assert response.status_code == 302
    html = owner.get(f"/companies/{page}/manage").get_data(as_text=True)
    assert "admin-removed" in html and "Sam Squatter" in html
    assert squatter.get(f"/companies/{page}/manage").status_code == 403
    assert "Verified company" in owner.get(f"/companies/{page}").get_data(as_text=True)
    assert ask_to_recruit(owner, page).status_code == 302
    assert _post_job(owner, page) == 302
    # The squatter cannot prove the same domain for another page: one company per domain.
    confirm_work_email(squatter, "sam@nimbus.example")
    other = create_company(squatter, "Nimbus Two", "")
    response = squatter.post(f"/companies/{other}/prove-domain", token_from=f"/companies/{other}")
    assert response.status_code == 409


@pytest.mark.parametrize("domain", ["gmail.com", "qq.com", "163.com", "126.com", "yeah.net",
                                    "sina.com", "sohu.com", "foxmail.com", "aliyun.com",
                                    "139.com", "hotmail.com", "live.com", "icloud.com",
                                    "me.com", "outlook.com", "vip.qq.com"])
def test_public_mail_domains_prove_nothing(members, domain):
    assert is_public_mail_domain(domain)
    client, _ = members.signup()
    response = client.post("/me/work-email", {"email": f"someone@{domain}"},
                           token_from="/me/work-email")
    assert response.status_code == 400
    assert "public e-mail provider" in response.get_data(as_text=True)
    response = client.post("/companies/new", {"name": "Mine", "domain": domain},
                           token_from="/companies/new")
    assert response.status_code == 400


def test_work_email_spy_is_tied_to_the_domain(members, world, xcorp):  # noqa: F811
    # Spy: a confirmed work e-mail on x.example, no position at X, a verified recruiter of Y.
    spy, spy_id, _ = _outside_recruiter(members, world, "Sid Spy")
    world.befriend(spy_id, xcorp["cara"])
    assert _sees(spy, xcorp["cara_ps"])  # before: an outside recruiter sees her
    world.confirm_work_email(spy_id, "x.example")
    assert not _sees(spy, xcorp["cara_ps"])
    # A candidate without any position is hidden from her own e-mail domain's company.
    dana_id, dana_ps = world.candidate("Dana Domain")
    world.confirm_work_email(dana_id, "x.example")
    world.befriend(xcorp["admin_id"], dana_id)
    olga, olga_id, _ = _outside_recruiter(members, world, "Olga", "olga.example", "Olga Co")
    world.befriend(olga_id, dana_id)
    assert not _sees(xcorp["admin"], dana_ps)
    assert _sees(olga, dana_ps)


def test_aliases_and_folded_names_hide_from_every_spelling(members, world):  # noqa: F811
    admin, admin_id = members.signup("Ali Admin")
    page = create_company(admin, "Alibaba Group", "alibaba.example")
    assert ask_to_recruit(admin, page).status_code == 302
    response = admin.post(f"/companies/{page}/aliases", {"alias": "阿里巴巴"},
                          token_from=f"/companies/{page}/manage")
    assert response.status_code == 302
    zh_id, zh_ps = world.candidate("Zhou Zh")
    world.employ(zh_id, world.company("阿里巴巴（中国）有限公司"))
    en_id, en_ps = world.candidate("Ed En")
    world.employ(en_id, world.company("ALIBABA GROUP LTD."))
    olga, olga_id, _ = _outside_recruiter(members, world)
    for person in (zh_id, en_id):
        world.befriend(admin_id, person)
        world.befriend(olga_id, person)
    assert not _sees(admin, zh_ps) and not _sees(admin, en_ps)
    assert _sees(olga, zh_ps) and _sees(olga, en_ps)
    # An unverified page cannot declare aliases.
    puppet, _ = members.signup()
    puppet_page = create_company(puppet, "Puppet Co", "")
    assert puppet.post(f"/companies/{puppet_page}/aliases", {"alias": "Y Corp"},
                       token_from=f"/companies/{puppet_page}/manage").status_code == 403


@pytest.mark.parametrize("name", ["X Industries Inc.", "X Industries, Inc.", "XIndustries",
                                  "ＸＩｎｄｕｓｔｒｉｅｓ", "x industries llc", "X Industries Group"])
def test_spellings_fold_to_one_key(name):
    assert fold_name(name) == "xindustries"


@pytest.mark.parametrize("name", ["阿里巴巴", "阿里巴巴集团", "阿里巴巴（中国）有限公司",
                                  "阿里巴巴股份有限公司"])
def test_chinese_legal_forms_fold(name):
    assert fold_name(name) == "阿里巴巴"


def test_block_list_and_preview(members, world):  # noqa: F811
    cand, cand_id = members.signup("Bea Blocker")
    world.status(cand_id, "looking")
    cand_ps = world.pseudonym_of(cand_id)
    olga, olga_id, _ = _outside_recruiter(members, world, domain="competitor.example",
                                          company="Competitor Ltd")
    world.befriend(olga_id, cand_id)
    assert _sees(olga, cand_ps)
    response = cand.post("/me/candidate/blocks", {"company": "competitor"},
                         token_from="/me/candidate/blocks")
    assert response.status_code == 302
    assert not _sees(olga, cand_ps)
    html = cand.get("/me/candidate/blocks?company=Competitor%20Ltd.").get_data(as_text=True)
    assert "Hidden from" in html and "on your block list" in html
    html = cand.get("/me/candidate/blocks?company=Friendly%20Co").get_data(as_text=True)
    assert "would see your" in html
    assert cand.post("/me/candidate/blocks", {"company": ""},
                     token_from="/me/candidate/blocks").status_code == 400


def test_recruiter_rights_lapse(app, members, world):  # noqa: F811
    rec, rec_id, company_id = _outside_recruiter(members, world)
    cand_id, cand_ps = world.candidate("Lana Lapse")
    world.befriend(rec_id, cand_id)
    assert _sees(rec, cand_ps) and _post_job(rec, company_id) == 302
    # The confirmation grows older than the configured period: rights lapse.
    world.run("MATCH (p:Person {id: $p}) SET p.workEmailValidUntil = 0", p=rec_id)
    assert not _sees(rec, cand_ps) and _post_job(rec, company_id) in (403, 404)
    # Renewing the confirmation restores them.
    confirm_work_email(rec, f"renewed@{'y.example'}")
    assert _sees(rec, cand_ps) and _post_job(rec, company_id) == 302
    # Revoked by an admin (here the recruiter is the page's admin: use a second one).
    second, second_id = members.signup("Sue Second")
    confirm_work_email(second, "sue@y.example")
    assert ask_to_recruit(second, company_id).status_code == 302
    assert _post_job(second, company_id) == 302
    response = rec.post(f"/companies/{company_id}/recruiters/{second_id}/revoke",
                        token_from=f"/companies/{company_id}/manage")
    assert response.status_code == 302
    assert _post_job(second, company_id) in (403, 404)
    assert "recruiter-revoked" in rec.get(f"/companies/{company_id}/manage").get_data(as_text=True)


def test_ending_the_position_lapses_the_recruiter(app, members, world):  # noqa: F811
    rec, rec_id, company_id = _outside_recruiter(members, world)
    position = app.extensions["graph"].people.add_position(rec_id, "Y Corp", "Recruiter",
                                                           "2020-01", None)
    assert _post_job(rec, company_id) == 302
    app.extensions["graph"].people.remove_position(rec_id, position)
    assert _post_job(rec, company_id) in (403, 404)


def test_pseudonym_shows_skill_families_and_the_candidate_may_hide_more(members, world):  # noqa: F811
    cand, cand_id = members.signup("Gia Generalised")
    world.status(cand_id, "looking")
    world.skills(cand_id, "Python", "Neo4j", "Figma")
    cand_ps = world.pseudonym_of(cand_id)
    olga, olga_id, _ = _outside_recruiter(members, world)
    world.befriend(olga_id, cand_id)
    families = ("Backend &amp; systems programming", "Databases &amp; graphs", "Product &amp; design")
    olga_ps, cand_own_ps = seen_id(olga, cand_ps), seen_id(cand, cand_ps)
    seen = olga.get(f"/candidates/{olga_ps}").get_data(as_text=True)
    assert all(f in seen for f in families)
    assert not any(skill in seen for skill in ("Python", "Neo4j", "Figma"))
    mine = cand.get("/me/candidate").get_data(as_text=True)
    assert all(f in mine for f in families)
    # A filter on an exact skill matches the family, so it cannot probe the exact list.
    assert olga_ps in olga.get("/candidates?skills=rust").get_data(as_text=True)
    # The candidate hides a family: gone from the profile and from the filters.
    response = cand.post("/me/candidate/families", {"hidden": ["product"]},
                         token_from="/me/candidate")
    assert response.status_code == 302
    seen = olga.get(f"/candidates/{olga_ps}").get_data(as_text=True)
    assert "Product &amp; design" not in seen and families[0] in seen
    assert "Product &amp; design" not in cand.get(f"/candidates/{cand_own_ps}").get_data(as_text=True)
    assert olga_ps not in olga.get("/candidates?skills=figma").get_data(as_text=True)
    assert cand.post("/me/candidate/families", {"hidden": ["finance-secrets"]},
                     token_from="/me/candidate").status_code == 400


def test_member_page_query_withholds_the_job_status(app, members, world):  # noqa: F811
    alice, alice_id = members.signup("Alice Private")
    world.status(alice_id, "looking")
    bob, bob_id = members.signup("Bob Viewer")
    people = app.extensions["graph"].people
    assert people.profile(alice_id, alice_id)["person"]["jobStatus"] == "looking"
    assert people.profile(alice_id, bob_id)["person"]["jobStatus"] is None
    assert "looking" not in bob.get(f"/people/{alice_id}").get_data(as_text=True).lower()


def test_a_look_alike_domain_cannot_verify_a_page(members, world):  # noqa: F811
    """Proving control of *some* domain is not enough for the first proof: the domain must
    fit the company's name, else staff decide."""
    squatter, _ = members.signup("Sly Squatter")
    confirm_work_email(squatter, "sly@cheap-domain.example")
    response = squatter.post("/companies/new", {"name": "Huge Bank", "domain": "cheap-domain.example"},
                             token_from="/companies/new")
    assert response.status_code == 400
    assert "does not look like Huge Bank" in response.get_data(as_text=True)
    page = create_company(squatter, "Huge Bank", "")
    response = squatter.post(f"/companies/{page}/prove-domain", token_from=f"/companies/{page}")
    assert response.status_code == 400
    assert "Unverified page" in squatter.get(f"/companies/{page}").get_data(as_text=True)
    # A fitting domain (a label part of the name) works.
    owner, _ = members.signup("Hu Owner")
    confirm_work_email(owner, "hu@hugebank-careers.example")
    response = owner.post(f"/companies/{page}/prove-domain", token_from=f"/companies/{page}")
    assert response.status_code == 302
