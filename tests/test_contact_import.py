"""Importing address books and follow lists against the real Neo4j: matching, nothing
unmatched kept, malformed files change nothing, caps, daily limit, see and delete."""
from __future__ import annotations

import pytest

from recruit.contacts.digests import digest, handle_value, secret_from_config
from tests.contact_helpers import (add_handle, confirm_phone, everything_stored, imports_of,
                                   snapshot, upload_book, upload_follows)


@pytest.fixture
def people(app, members):
    """Members the sample files know: Wang Fang by e-mail, Li Wei by confirmed phone, José
    with a number that was never confirmed, and someone in no file at all."""
    wang, wang_id = members.signup("Wang Fang", "Wang.Fang@example.cn")
    li, li_id = members.signup("Li Wei", "li.wei@other.example")
    confirm_phone(app, li, "+86 139 1234 5678")
    jose, jose_id = members.signup("José Müller", "jose@elsewhere.example")
    jose.post("/contacts/findable/phone", {"number": "+1 415 555 0132", "region": "US"},
              token_from="/contacts/findable")
    _, outsider_id = members.signup("Out Sider", "outsider@example.com")
    me, me_id = members.signup("Importer", "jose.mueller@example.org")
    return {"wang": wang_id, "li": li_id, "jose": jose_id, "outsider": outsider_id,
            "me": me_id, "me_client": me, "li_client": li}


def matches(app, person_id):
    return {m["id"]: m["via"] for imp in imports_of(app, person_id) for m in imp["matches"]}


@pytest.mark.parametrize("name", ["google_contacts.csv", "android_v4.vcf"])
def test_address_book_matches_email_and_confirmed_phone_only(app, people, name):
    response = upload_book(people["me_client"], name)
    assert response.status_code == 302
    found = matches(app, people["me"])
    if name == "google_contacts.csv":
        # Wang Fang by e-mail (the file's "wang.fang@example.cn" equals her sign-up
        # address up to case); Li Wei by his confirmed phone. José only asked for a code.
        assert found == {people["wang"]: ["email"], people["li"]: ["phone"]}
    else:
        assert found == {people["li"]: ["phone"]}


def test_own_entry_is_not_a_match_and_result_page_lists_matches(app, people):
    # iphone_v3.vcf holds the importer's own e-mail (José Müller's card).
    upload_book(people["me_client"], "iphone_v3.vcf")
    assert matches(app, people["me"]) == {people["wang"]: ["email"]}
    page = people["me_client"].get("/contacts/imports").get_data(as_text=True)
    assert "Wang Fang" in page and "5 entries read as vCard" in page
    assert "Li Wei" not in page and "Out Sider" not in page


def test_nothing_unmatched_is_stored(app, people, driver, database):
    upload_book(people["me_client"], "google_contacts.csv")
    upload_follows(people["me_client"], "follows.csv", "github")
    stored = " ".join(everything_stored(driver, database))
    secret = secret_from_config(app.config)
    unmatched = {
        "phone": ["+861088889999", "+85291234567", "+864155550132"],
        "email": ["li.wei@bytewave.example", "li.wei@gmail.example", "nobody@example.com"],
        "handle": [handle_value("github", "octocat"), handle_value("github", "nobody_here")],
    }
    for kind, values in unmatched.items():
        for value in values:
            assert value not in stored
            assert digest(secret, kind, value) not in stored
    for raw in ("88889999", "9123 4567", "Nobody Here", "Nanjing", "Jose Müller",
                "LI.WEI@GMAIL", "octocat", "The Octocat", "Wei Li"):
        assert raw not in stored
    # Members' own keys are digests too: Li Wei's confirmed number is nowhere in clear.
    assert "13912345678" not in stored and "139 1234 5678" not in stored
    records, _, _ = driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS label RETURN collect(DISTINCT label) AS labels",
        database_=database)
    # (IndexChange/IndexCounter: the network index's change log of sign-ups, whose text
    # the scan above covers too.)
    assert set(records[0]["labels"]) == {"Person", "MatchKey", "PhoneConfirmation",
                                         "ContactImport", "RecruitTestSuiteDatabase",
                                         "Session", "IndexChange", "IndexCounter"}


@pytest.mark.parametrize("name, message", [
    ("bad_no_colon.vcf", "No card in the file could be read (line 1). Line 4 is not a vCard "
                         "property"),
    ("bad_quote.csv", "Line 3: the CSV cannot be read"),
    ("bad_no_columns.csv", "Line 1: no phone or e-mail column"),
    ("empty.vcf", "The file is empty."),
])
def test_malformed_file_changes_nothing_and_names_the_line(app, people, driver, database,
                                                            name, message):
    before = snapshot(driver, database)
    response = upload_book(people["me_client"], name)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert "Nothing was imported." in response.get_data(as_text=True)
    assert snapshot(driver, database) == before


def test_malformed_follow_list_changes_nothing(app, people, driver, database):
    before = snapshot(driver, database)
    response = upload_follows(people["me_client"], "bad_entry.json", "github")
    assert response.status_code == 400
    assert "Entry 3: expected a handle" in response.get_data(as_text=True)
    assert snapshot(driver, database) == before


def test_file_over_the_size_cap_is_refused_with_a_message(app, people, driver, database):
    app.config["CONTACT_IMPORT_MAX_BYTES"] = 1024
    before = snapshot(driver, database)
    response = upload_book(people["me_client"], "big.csv", b"name,phone\n" + b"a,1\n" * 600)
    assert response.status_code == 400
    assert "The file is 2 KB; the limit is 1 KB." in response.get_data(as_text=True)
    assert snapshot(driver, database) == before


def test_upload_over_the_request_limit_is_a_413_page(app, people):
    response = upload_book(people["me_client"], "huge.csv", b"x" * (3 * 1024 * 1024))
    assert response.status_code == 413
    assert "larger than this site accepts" in response.get_data(as_text=True)


def test_file_over_the_entry_cap_is_refused(app, people):
    app.config["CONTACT_IMPORT_MAX_ENTRIES"] = 2
    response = upload_book(people["me_client"], "phone_simple_zh.csv")
    assert response.status_code == 400
    assert "Line 4: entry 3 is over the limit of 2 entries" in response.get_data(as_text=True)
    assert imports_of(app, people["me"]) == []


def test_missing_file_and_bad_region_are_form_errors(app, people):
    response = people["me_client"].post("/contacts/import/address-book", {"region": "CN"},
                                        token_from="/contacts/import")
    assert response.status_code == 400 and "Choose a file" in response.get_data(as_text=True)
    response = upload_book(people["me_client"], "android_v4.vcf", region="XX")
    assert response.status_code == 400
    assert "two-letter country code" in response.get_data(as_text=True)


def test_region_setting_reads_local_numbers(app, members):
    jose, jose_id = members.signup("José Müller", "jose@elsewhere.example")
    confirm_phone(app, jose, "(415) 555-0132", region="US")
    me, me_id = members.signup("Importer", "me@example.com")
    upload_book(me, "google_contacts.csv")               # CN: (415) is Dandong
    assert matches(app, me_id) == {}
    app.config["CONTACT_IMPORTS_PER_DAY"] = 10
    upload_book(me, "google_contacts.csv", region="US")  # US: San Francisco
    assert matches(app, me_id) == {jose_id: ["phone"]}


def test_daily_limit_counts_imports_and_deleting_does_not_reset_it(app, people):
    app.config["CONTACT_IMPORTS_PER_DAY"] = 2
    client = people["me_client"]
    assert upload_book(client, "android_v4.vcf").status_code == 302
    assert upload_follows(client, "follows_plain.json", "github").status_code == 302
    refused = upload_book(client, "android_v4.vcf")
    assert refused.status_code == 429
    assert "You can import 2 files a day" in refused.get_data(as_text=True)
    assert len(imports_of(app, people["me"])) == 2
    client.post("/contacts/imports/delete-all", token_from="/contacts/imports")
    assert upload_book(client, "android_v4.vcf").status_code == 429
    assert "0 more files" in client.get("/contacts/import").get_data(as_text=True)


def test_follow_list_matches_handles_on_that_network_and_emails(app, members):
    li, li_id = members.signup("Li Wei", "li.wei@bytewave.example")
    assert add_handle(li, "github", "@Li-Wei-Dev").status_code == 302
    wang, wang_id = members.signup("Wang Fang", "wang@example.cn")
    assert add_handle(wang, "x", "wang_fang").status_code == 302
    me, me_id = members.signup("Importer", "me@example.com")
    app.config["CONTACT_IMPORTS_PER_DAY"] = 10
    upload_follows(me, "github_following.json", "github")
    assert matches(app, me_id) == {li_id: ["handle"]}
    upload_follows(me, "follows_plain.json", "github")  # @Wang_Fang is on X, not GitHub
    found = {m["id"]: m["via"] for m in imports_of(app, me_id)[0]["matches"]}
    assert found == {li_id: ["email"]}
    upload_follows(me, "follows_plain.json", "x")
    found = {m["id"]: m["via"] for m in imports_of(app, me_id)[0]["matches"]}
    assert found == {wang_id: ["handle"], li_id: ["email"]}


def test_a_handle_belongs_to_one_member(app, members):
    first, _ = members.signup("First", "first@example.com")
    second, _ = members.signup("Second", "second@example.com")
    assert add_handle(first, "github", "octocat").status_code == 302
    response = add_handle(second, "github", "OctoCat")
    assert response.status_code == 409
    assert "already added this handle" in response.get_data(as_text=True)
    assert add_handle(second, "github", "not a handle!").status_code == 400


def test_member_sees_and_deletes_only_their_own_imports(app, people, members):
    upload_book(people["me_client"], "google_contacts.csv")
    [mine] = imports_of(app, people["me"])
    other, other_id = members.signup("Other", "other@example.com")
    assert "Wang Fang" not in other.get("/contacts/imports").get_data(as_text=True)
    for url in (f"/contacts/imports/{mine['id']}/delete",
                f"/contacts/imports/{mine['id']}/matches/{people['wang']}/delete"):
        response = other.post(url, token_from="/contacts/imports")
        assert response.status_code == 404
    other.post("/contacts/imports/delete-all", token_from="/contacts/imports")
    assert len(imports_of(app, people["me"])[0]["matches"]) == 2

    client = people["me_client"]
    client.post(f"/contacts/imports/{mine['id']}/matches/{people['wang']}/delete",
                token_from="/contacts/imports")
    assert matches(app, people["me"]) == {people["li"]: ["phone"]}
    assert imports_of(app, people["me"])[0]["matched"] == 1
    client.post(f"/contacts/imports/{mine['id']}/delete", token_from="/contacts/imports")
    assert imports_of(app, people["me"]) == []


def test_state_changes_need_post_and_csrf(app, people):
    client = people["me_client"]
    upload_book(client, "google_contacts.csv")
    assert client.get("/contacts/imports/delete-all").status_code == 405
    assert client.raw_post("/contacts/imports/delete-all").status_code == 400
    assert len(imports_of(app, people["me"])) == 1
    assert client.get("/contacts/import/address-book").status_code == 405


def test_pages_need_login(client):
    for url in ("/contacts/import", "/contacts/imports", "/contacts/findable"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
