"""Personal referral links (attribution through sign-up, no open redirects) and
invitations of outside candidates by e-mail."""
from __future__ import annotations

import re

from recruit.referrals.tokens import invitation_token

from .conftest import PASSWORD, CsrfClient
from .job_support import outbox_messages
from .referral_support import member, query, referral_id_from


def _personal_link(world) -> str:
    html = world.employee.client.get(f"/jobs/{world.job_id}").get_data(as_text=True)
    match = re.search(r'value="http://localhost(/r/[^"]+)"', html)
    assert match, "no personal link on the job page"
    return match.group(1)


def _signup(app, path: str, name: str, email: str) -> CsrfClient:
    client = CsrfClient(app.test_client())
    return client, client.post(f"/signup?next={path}", {"name": name, "email": email,
                                                        "password": PASSWORD, "confirm": PASSWORD},
                               token_from="/signup")


def test_sign_up_and_apply_through_a_personal_link(app, world):
    link = _personal_link(world)
    anonymous = CsrfClient(app.test_client())
    landing = anonymous.get(link).get_data(as_text=True)
    assert "Eve Employee works at Acme" in landing and "Sign up to apply" in landing
    assert f"/signup?next={link}" in landing.replace("%2F", "/")
    client, response = _signup(app, link, "Nina Newcomer", "nina@example.com")
    assert response.status_code == 302 and response.headers["Location"] == link
    applied = client.post(f"{link}/apply", token_from=link)
    referral_id = referral_id_from(applied)
    rows = query(app, "MATCH (e:Person)-[:REFERRED]->(r:Referral)-[:CANDIDATE]->(c:Person) "
                      "RETURN e.name AS referrer, c.name AS candidate, r.source AS source, "
                      "r.status AS status, r.owner AS owner")
    assert rows == [{"referrer": "Eve Employee", "candidate": "Nina Newcomer", "source": "link",
                     "status": "submitted", "owner": True}]
    page = world.recruiter.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "Nina Newcomer" in page and "applied through their referral link" in page
    assert client.post(f"{link}/apply", token_from=link).status_code == 409  # once only


def test_link_tokens_cannot_be_forged_or_misused(app, members, world):
    link = _personal_link(world)
    token = link.rsplit("/", 1)[1]
    other = member(members, "Mallory")
    forged = "/r/" + token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert other.client.get(forged).status_code == 404
    assert other.client.post(f"{forged}/apply", token_from="/home").status_code == 404
    own = world.employee.client.post(f"{link}/apply", token_from=link)
    assert own.status_code == 400 and "your own referral link" in own.get_data(as_text=True)
    # A token signed for another purpose does not pass for a personal link (own salt).
    with app.test_request_context():
        invitation = invitation_token(world.job_id, "someone@example.com")
    assert other.client.get(f"/r/{invitation}").status_code == 404
    # The employee leaves Acme: the link stops working.
    app.extensions["graph"].driver.execute_query(
        "MATCH (:Person {id: $id})-[w:WORKS_AT]->() SET w.current = false, w.end = '2026-01'",
        id=world.employee.id, database_=app.config["NEO4J_DATABASE"])
    stale = other.client.post(f"{link}/apply", token_from=link)
    assert stale.status_code == 400 and "no longer works" in stale.get_data(as_text=True)
    assert query(app, "MATCH (r:Referral) RETURN count(r) AS n") == [{"n": 0}]


def test_sign_up_next_is_never_an_open_redirect(app):
    for target in ("https://evil.example/r/x", "//evil.example", "/\\evil.example"):
        _, response = _signup(app, target, "Eva Safe", f"eva{abs(hash(target))}@example.com")
        assert response.status_code == 302
        assert response.headers["Location"] == "/me"


def test_outside_candidate_confirms_through_the_invitation(app, world, outbox):
    url = f"/jobs/{world.job_id}/refer"
    referral_id = referral_id_from(world.employee.client.post(
        url, {"kind": "outside", "name": "Olga Outside", "email": "olga@mail.example",
              "note": "Led our data team."}, token_from=url))
    body = outbox_messages(outbox)[0].get_payload(decode=True).decode()
    path = re.search(r"http://localhost(/referrals/invitation/\S+)", body).group(1)
    anonymous = CsrfClient(app.test_client())
    page = anonymous.get(path).get_data(as_text=True)
    assert "Eve Employee would like to refer you" in page and "Sign up to confirm" in page
    client, response = _signup(app, path, "Olga Outside", "olga.personal@example.com")
    assert response.headers["Location"] == path
    assert client.post(f"{path}/confirm", token_from=path).status_code == 302
    rows = query(app, "MATCH (r:Referral)-[:CANDIDATE]->(c:Person) RETURN c.name AS name, "
                      "r.status AS status, r.candidateEmail AS email")
    assert rows == [{"name": "Olga Outside", "status": "submitted", "email": None}]
    assert "Olga Outside" in world.recruiter.client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert client.post(f"{path}/confirm", token_from=path).status_code == 404  # link used up


def test_outside_candidate_declines_without_an_account(app, world, outbox):
    url = f"/jobs/{world.job_id}/refer"
    world.employee.client.post(url, {"kind": "outside", "name": "Dan Decliner",
                                     "email": "dan@mail.example"}, token_from=url)
    body = outbox_messages(outbox)[0].get_payload(decode=True).decode()
    path = re.search(r"http://localhost(/referrals/invitation/\S+)", body).group(1)
    anonymous = CsrfClient(app.test_client())
    assert anonymous.post(f"{path}/decline", token_from=path).status_code == 302
    assert query(app, "MATCH (r:Referral) RETURN r.status AS s, r.candidateEmail AS e") == \
        [{"s": "declined", "e": None}]
    assert anonymous.get(path[:-4] + "abcd").status_code == 404


def test_referrer_cannot_confirm_own_invitation(app, world, outbox):
    url = f"/jobs/{world.job_id}/refer"
    world.employee.client.post(url, {"kind": "outside", "name": "Alter Ego",
                                     "email": "alter@mail.example"}, token_from=url)
    body = outbox_messages(outbox)[0].get_payload(decode=True).decode()
    path = re.search(r"http://localhost(/referrals/invitation/\S+)", body).group(1)
    response = world.employee.client.post(f"{path}/confirm", token_from=path)
    assert response.status_code == 400
    assert query(app, "MATCH (r:Referral) RETURN r.status AS s") == [{"s": "awaiting_candidate"}]


def test_unanswered_invitations_expire_and_lose_the_address(app, world):
    referrals = app.extensions["graph"].referrals
    referrals.refer_outside(world.employee.id, world.job_id, "Old Invite", "old@mail.example", "",
                            now="2026-01-01T09:00:00+00:00")
    referrals.refer_outside(world.employee.id, world.job_id, "New Invite", "new@mail.example", "",
                            now="2026-03-01T09:00:00+00:00")
    rows = query(app, "MATCH (r:Referral) RETURN r.candidateName AS name, r.status AS status, "
                      "r.candidateEmail AS email ORDER BY name")
    assert rows == [{"name": "New Invite", "status": "awaiting_candidate", "email": "new@mail.example"},
                    {"name": "Old Invite", "status": "expired", "email": None}]
