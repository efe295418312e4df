"""Data rights: "Download my data" prepares an archive of the member's data that only
they can download, and deleting the
account leaves no property anywhere that identifies them, while the records others keep
(a company's pipeline, a reveal) stay, anonymised.

The scene: Zelda (a looking candidate with a pseudonym, see tests/candidate_scene.py)
talks with the recruiter Rita until both reveal; Carl refers Zelda to Rita's job and
Rita moves it on; Zelda refers Carl to a job at her own employer; Zelda has a confirmed
phone, an address-book import that matched Wang Fang, and a pending friend request.
"""
from __future__ import annotations

import json

import pytest

from recruit.contacts.digests import digest, secret_from_config
from tests.candidate_fixtures import world  # noqa: F401  (fixture)
from tests.candidate_scene import (CANDIDATE_EMAIL, CANDIDATE_NAME, EMPLOYER, REAL_HEADLINE,
                                   TITLE, build_scene, conversation_id, without_csrf)

from .account_support import mails_to
from .conftest import PASSWORD, CsrfClient
from .contact_helpers import confirm_phone, everything_stored, upload_book
from .referral_support import confirm, move, refer, referral_id_from
from .test_account_sessions import is_logged_in, query

PHONE = "+86 139 1234 5678"


@pytest.fixture
def scene(app, members, world, outbox):  # noqa: F811
    scene = build_scene(members, world)
    ids, clients = scene.ids, scene.clients
    zelda, rita, carl = clients["zelda"], clients["rita"], clients["carl"]
    # A conversation under the pseudonym, revealed by mutual interest.
    response = rita.post(f"/candidates/{scene.pseudonym_for('rita')}/message",
                         {"body": "Hello, would you talk about the backend role?"},
                         token_from="/candidates")
    thread = conversation_id(response)
    assert zelda.post(f"/messages/{thread}", {"body": "Yes, gladly."},
                      token_from=f"/messages/{thread}").status_code == 302
    # The reveal is staged (industry and level, company and title, name): both agree thrice.
    for _stage in range(3):
        for client in (zelda, rita):
            assert client.post(f"/messages/{thread}/interest",
                               token_from=f"/messages/{thread}").status_code == 302
    assert query(app, "MATCH (r:Reveal) RETURN count(r) AS n") == [{"n": 1}]
    # Carl (at Hirer Inc) refers his friend Zelda to Rita's job; she confirms; Rita moves it.
    hirer = world.run("MATCH (c:Company {name: 'Hirer Inc'}) RETURN c.id AS id")[0]["id"]
    world.employ(ids["carl"], hirer)
    referral = referral_id_from(refer(carl, scene.job, ids["zelda"], "Knows her Python."))
    assert confirm(zelda, referral).status_code == 302
    assert move(rita, referral, "reviewing", "Strong profile").status_code == 302
    # Zelda refers Carl to a job at her own employer.
    employer = world.run("MATCH (c:Company {name: $name}) RETURN c.id AS id", name=EMPLOYER)[0]["id"]
    employer_job = world.job(ids["eve"], employer, title="Data Engineer")
    made = referral_id_from(refer(zelda, employer_job, ids["carl"], "Great colleague."))
    # Contact data, an import that matched someone, a pending friend request.
    confirm_phone(app, zelda, PHONE)
    wang, _ = members.signup("Wang Fang", "Wang.Fang@example.cn")
    assert upload_book(zelda, "google_contacts.csv").status_code == 302
    _, nina_id = members.signup("Nina Newcomer", "nina@example.com")
    assert zelda.post(f"/people/{nina_id}/friend-request", token_from="/home").status_code == 302
    scene.extra = {"thread": thread, "referral": referral, "made": made, "hirer": hirer,
                   "employer": employer, "nina": nina_id}
    return scene


def request_archive(client: CsrfClient):
    return client.post("/account/data/archives", {}, token_from="/account/data")


def archive_ids(app, member_id: str) -> list[str]:
    return [row["id"] for row in query(
        app, "MATCH (:Person {id: $id})-[:REQUESTED_ARCHIVE]->(a:DataArchive) "
             "RETURN a.id AS id ORDER BY a.requestedAt", id=member_id)]


def download(client: CsrfClient, archive_id: str):
    return client.get(f"/account/data/archives/{archive_id}.json")


def test_export_contains_the_members_data(app, scene):
    zelda = scene.clients["zelda"]
    asked = request_archive(zelda)
    assert asked.status_code == 302  # built at once here: the suite runs tasks inline
    [archive_id] = archive_ids(app, scene.ids["zelda"])
    page = zelda.get("/account/data").get_data(as_text=True)
    assert f'id="archive-{archive_id}"' in page and "Download" in page
    notices = zelda.get("/notices").get_data(as_text=True)
    assert "Your data archive is ready" in notices
    response = download(zelda, archive_id)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "no-store" in response.headers["Cache-Control"]
    data = json.loads(response.get_data(as_text=True))
    account = data["account"]
    assert (account["name"], account["email"]) == (CANDIDATE_NAME, CANDIDATE_EMAIL)
    assert account["headline"] == REAL_HEADLINE and account["jobStatus"] == "looking"
    assert [p["title"] for p in data["positions"]] == [TITLE]
    assert set(data["skills"]) == {"Python", "Go"}
    assert {f["name"] for f in data["friends"]} >= {"Fred Friend", "Carl Contact"}
    assert [r["to"] for r in data["requestsSent"]] == ["Nina Newcomer"]
    assert {k["kind"] for k in data["matchKeys"]} == {"email", "phone"}
    [book] = data["imports"]
    assert [m["name"] for m in book["matchedMembers"]] == ["Wang Fang"]
    assert data["pseudonyms"] and data["pseudonyms"][0]["hanzi"]
    [conversation] = data["conversations"]
    assert conversation["with"] == "Rita Recruiter"
    assert [m["body"] for m in conversation["messages"]] == [
        "Hello, would you talk about the backend role?", "Yes, gladly."]
    assert [r["role"] for r in data["reveals"]] == ["you were revealed"]
    assert [r["candidate"] for r in data["referralsMade"]] == ["Carl Contact"]
    [of_me] = data["referralsOfYou"]
    assert (of_me["referrer"], of_me["status"]) == ("Carl Contact", "reviewing")
    assert data["notifications"]
    assert data["sessions"] and all("device" in s and "place" in s for s in data["sessions"])
    # Secrets are ours, not hers: no hash, digest or token leaves in the archive.
    text = response.get_data(as_text=True)
    assert "passwordHash" not in text and "argon2" not in text
    secret = secret_from_config(app.config)
    assert digest(secret, "email", CANDIDATE_EMAIL) not in text


def test_export_needs_login(client):
    for url in ("/account/data", "/account/data/archives/anything.json"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_archive_opens_for_its_owner_only(app, scene):
    zelda, rita = scene.clients["zelda"], scene.clients["rita"]
    assert request_archive(zelda).status_code == 302
    [archive_id] = archive_ids(app, scene.ids["zelda"])
    rita.get("/home")  # shows the flash messages left from setting the scene up
    theirs, missing = download(rita, archive_id), download(rita, "x" * len(archive_id))
    assert theirs.status_code == missing.status_code == 404
    # Someone else's archive looks like no archive at all.
    assert without_csrf(theirs.get_data(as_text=True)) == \
        without_csrf(missing.get_data(as_text=True))
    assert archive_id not in rita.get("/account/data").get_data(as_text=True)


def test_archives_are_capped_per_day_and_need_a_token(app, members):
    client, member_id = members.signup("Ann Archive", "ann.archive@example.com")
    for _ in range(3):
        assert request_archive(client).status_code == 302
    fourth = request_archive(client)
    assert fourth.status_code == 429
    assert "3 archives a day" in fourth.get_data(as_text=True)
    assert len(archive_ids(app, member_id)) == 3
    no_token = client.raw_post("/account/data/archives", {})
    assert no_token.status_code == 400 and len(archive_ids(app, member_id)) == 3


def test_one_archive_is_prepared_at_a_time_and_expired_ones_go(app, members):
    from datetime import datetime, timedelta, timezone

    from graph.errors import Duplicate
    from recruit.extensions import graph
    client, member_id = members.signup("Pat Pending", "pat.pending@example.com")
    now = datetime.now(timezone.utc)
    iso = lambda moment: moment.isoformat(timespec="seconds")  # noqa: E731
    with app.app_context():
        archives = graph().data_archives
        archives.request(member_id, "queued-one", iso(now), iso(now - timedelta(days=1)), 3)
        with pytest.raises(Duplicate):  # the worker has not filled the first one yet
            archives.request(member_id, "queued-two", iso(now), iso(now - timedelta(days=1)), 3)
        assert "Being prepared" in client.get("/account/data").get_data(as_text=True)
        assert download(client, "queued-one").status_code == 404  # not ready yet
        assert archives.fill(member_id, "queued-one", "{}", iso(now - timedelta(hours=49)),
                             iso(now - timedelta(hours=1)))
        assert download(client, "queued-one").status_code == 404  # expired
        assert not archives.fill(member_id, "queued-one", "{}", iso(now), iso(now))  # once
        assert archives.prune(iso(now), iso(now - timedelta(days=1))) == 1
    assert archive_ids(app, member_id) == []


def delete_account(client: CsrfClient, password: str = PASSWORD, confirmed: bool = True):
    data = {"current": password}
    if confirmed:
        data["confirm"] = "y"
    return client.post("/account/delete", data, token_from="/account/delete")


@pytest.mark.parametrize("password, confirmed, message", [
    ("not my password", True, "not your password"),
    (PASSWORD, False, "Tick the box"),
])
def test_deletion_needs_the_password_and_a_yes(app, members, password, confirmed, message):
    member, member_id = members.signup("Zhang Min", "zhang.min@example.com")
    response = delete_account(member, password, confirmed)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert query(app, "MATCH (p:Person {id: $id}) RETURN p.name AS n, p.deletionDueAt AS d",
                 id=member_id) == [{"n": "Zhang Min", "d": None}]
    assert is_logged_in(member)


def test_deletion_leaves_nothing_that_identifies_the_member(app, scene, driver, database):
    app.config["ACCOUNT_DELETION_GRACE_DAYS"] = 0
    zelda_id = scene.ids["zelda"]
    secret = secret_from_config(app.config)
    identity = [CANDIDATE_NAME, "Zelda", "Quixote", CANDIDATE_EMAIL, "zelda.quixote",
                REAL_HEADLINE, TITLE, zelda_id, scene.pseudonym,
                digest(secret, "email", CANDIDATE_EMAIL),
                digest(secret, "phone", "+8613912345678")]
    zelda = scene.clients["zelda"]
    assert request_archive(zelda).status_code == 302  # her archive holds all of it too
    before = " ".join(everything_stored(driver, database))
    assert all(value in before for value in identity)  # the scene did store them all
    response = delete_account(zelda)
    assert response.status_code == 302
    assert not is_logged_in(zelda)
    stored = everything_stored(driver, database)
    leaks = sorted({value for value in stored for item in identity if item in value})
    assert leaks == []
    # Her relationships are gone, and nobody can log in as her.
    assert query(app, "MATCH (p:FormerMember)-[r:FRIENDS_WITH|FRIEND_REQUEST|WORKS_AT|"
                      "HAS_SKILL|HAS_PSEUDONYM|HAS_MATCH_KEY|HAS_SESSION|IMPORTED]-() "
                      "RETURN count(r) AS n") == [{"n": 0}]
    login = CsrfClient(app.test_client()).post("/login", {"email": CANDIDATE_EMAIL,
                                                          "password": PASSWORD})
    assert login.status_code == 400


def test_others_keep_their_records_anonymised(app, scene):
    app.config["ACCOUNT_DELETION_GRACE_DAYS"] = 0
    rita, carl = scene.clients["rita"], scene.clients["carl"]
    assert delete_account(scene.clients["zelda"]).status_code == 302
    # The company's pipeline still has the referral, with a former member in it.
    page = rita.get(f"/referrals/{scene.extra['referral']}").get_data(as_text=True)
    assert "Former member" in page and "Zelda" not in page
    pipeline = rita.get(f"/companies/{scene.extra['hirer']}/referrals")
    assert pipeline.status_code == 200 and "Former member" in pipeline.get_data(as_text=True)
    # Carl keeps the referral Zelda made of him.
    page = carl.get(f"/referrals/{scene.extra['made']}")
    assert page.status_code == 200 and "Former member" in page.get_data(as_text=True)
    # The reveal keeps only the fact.
    [reveal] = query(app, "MATCH (r:Reveal) RETURN properties(r) AS props, "
                          "COUNT { (r)--() } AS links")
    assert set(reveal["props"]) == {"id", "at"}


def test_with_a_grace_period_logging_in_again_keeps_the_account(app, members, runner):
    app.config["ACCOUNT_DELETION_GRACE_DAYS"] = 14
    member, member_id = members.signup("Zhang Min", "zhang.min@example.com")
    other = CsrfClient(app.test_client())
    other.post("/login", {"email": "zhang.min@example.com", "password": PASSWORD})
    response = delete_account(member)
    assert response.status_code == 302
    assert not is_logged_in(member) and not is_logged_in(other)  # every session ended
    assert mails_to(app, "zhang.min@example.com", "Your account will be deleted")
    [row] = query(app, "MATCH (p:Person {id: $id}) RETURN p.deletionDueAt AS due", id=member_id)
    assert row["due"]
    # Nothing is due yet: the command erases nobody.
    result = runner.invoke(args=["account", "erase-due"])
    assert result.exit_code == 0 and "0 account(s) erased" in result.output
    back = CsrfClient(app.test_client())
    assert back.post("/login", {"email": "zhang.min@example.com",
                                "password": PASSWORD}).status_code == 302
    assert "will not be deleted" in back.get("/home").get_data(as_text=True)
    assert query(app, "MATCH (p:Person {id: $id}) RETURN p.deletionDueAt AS due",
                 id=member_id) == [{"due": None}]


def test_the_daily_command_erases_accounts_whose_grace_period_is_over(app, members, runner):
    app.config["ACCOUNT_DELETION_GRACE_DAYS"] = 14
    member, member_id = members.signup("Zhang Min", "zhang.min@example.com")
    members.signup("Li Wei", "li.wei@example.com")
    assert delete_account(member).status_code == 302
    query(app, "MATCH (p:Person {id: $id}) SET p.deletionDueAt = '2000-01-01T00:00:00+00:00'",
          id=member_id)
    result = runner.invoke(args=["account", "erase-due"])
    assert result.exit_code == 0 and "1 account(s) erased" in result.output
    assert query(app, "MATCH (p:Person) WHERE p.name = 'Zhang Min' OR p.id = $id "
                      "RETURN p", id=member_id) == []
    assert query(app, "MATCH (p:Person {email: 'li.wei@example.com'}) RETURN p.name AS n") == [
        {"n": "Li Wei"}]
