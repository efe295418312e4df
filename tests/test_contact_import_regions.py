"""Address-book formats through the app, against the real Neo4j: vCard 2.1 and the CSV dialects
import and match, numbers are read in the uploader's country, unplaced numbers are
counted and can be read again with a picked country, broken cards are skipped by line,
and crafted follow lists are refused with a message instead of a 500."""
from __future__ import annotations

import re

import pytest

from recruit.contacts.digests import digest, secret_from_config
from tests.contact_helpers import (confirm_phone, data_file, everything_stored, imports_of,
                                   snapshot, upload_book, upload_follows)


def matches(app, person_id):
    return {m["id"]: sorted(m["via"]) for imp in imports_of(app, person_id)
            for m in imp["matches"]}


def flashed(client) -> str:
    return client.get("/contacts/imports").get_data(as_text=True)


@pytest.fixture
def americans(app, members):
    """Members with confirmed North American numbers, and a Chinese one."""
    jenny, jenny_id = members.signup("Jenny Smith", "jenny@example.com")
    confirm_phone(app, jenny, "(415) 555-0132", region="US")
    claire, claire_id = members.signup("Claire Tremblay", "claire@example.ca")
    confirm_phone(app, claire, "+1 416 555 0199")
    fang, fang_id = members.signup("Wang Fang", "fang@example.cn")
    confirm_phone(app, fang, "138 0013 8000")
    return {"jenny": jenny_id, "claire": claire_id, "fang": fang_id}


def test_android_21_and_outlook_21_exports_import_and_match(app, members):
    fang, fang_id = members.signup("王芳", "wang.fang@example.cn")
    siobhan, siobhan_id = members.signup("Siobhán O'Brien", "siobhan@obrien.example.ie")
    me, me_id = members.signup("Importer", "me@example.com")
    app.config["CONTACT_IMPORTS_PER_DAY"] = 10
    assert upload_book(me, "android_v21.vcf").status_code == 302
    assert upload_book(me, "outlook_v21.vcf", region="GB").status_code == 302
    assert matches(app, me_id) == {fang_id: ["email"], siobhan_id: ["email"]}
    layouts = [(imp["layout"], imp["entries"]) for imp in imports_of(app, me_id)]
    assert layouts == [("vCard", 1), ("vCard", 4)]


@pytest.mark.parametrize("name", ["outlook_contacts_zh.csv", "thunderbird.csv",
                                  "email_only.csv", "google_contacts_old.csv"])
def test_csv_dialects_import_through_the_page(app, members, name):
    expected_by_file = {
        "outlook_contacts_zh.csv": "li.wei@gmail.example",
        "thunderbird.csv": "anna@petrova.example",           # a Secondary Email
        "email_only.csv": "li.wei@bytewave.example",
        "google_contacts_old.csv": "jing.chen@acme.example",  # the second e-mail
    }
    _, known_id = members.signup("Known", expected_by_file[name])
    me, me_id = members.signup("Importer", "me@example.com")
    response = upload_book(me, name)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert matches(app, me_id) == {known_id: ["email"]}


def test_numbers_are_read_in_the_uploaders_country_from_their_confirmed_phone(
        app, members, americans):
    me, me_id = members.signup("American Importer", "me@example.com")
    confirm_phone(app, me, "+1 212 555 0100")
    page = me.get("/contacts/import").get_data(as_text=True)
    assert re.search(r'<option selected value="US">', page)
    # The form sends the region the page preselected.
    assert upload_book(me, "us_numbers.csv", region="US").status_code == 302
    assert matches(app, me_id) == {americans["jenny"]: ["phone"],
                                   americans["claire"]: ["phone"]}


def test_a_member_without_a_phone_gets_the_configured_default(app, members):
    me, _ = members.signup("Importer", "me@example.com")
    app.config["PHONE_DEFAULT_REGION"] = "HK"
    page = me.get("/contacts/import").get_data(as_text=True)
    assert re.search(r'<option selected value="HK">', page)


def test_nanp_numbers_are_never_made_chinese_and_can_be_read_again(
        app, members, americans, driver, database):
    me, me_id = members.signup("Importer", "me@example.com")
    response = upload_book(me, "us_numbers.csv")            # read as CN
    assert response.status_code == 302
    assert "region=US" in response.headers["Location"]      # the likely country, preselected
    # Only the Chinese mobile matched; none of the US numbers became +86 numbers.
    assert matches(app, me_id) == {americans["fang"]: ["phone"]}
    secret = secret_from_config(app.config)
    stored = " ".join(everything_stored(driver, database))
    for wrong in ("+865551234567", "+864155550132", "+864165550199"):
        assert digest(secret, "phone", wrong) not in stored
    for raw in ("4155550132", "5551234567", "(555) 123-4567", "Jose Muller"):
        assert raw not in stored
    [imp] = imports_of(app, me_id)
    assert (imp["unplaced"], imp["regions"]) == (3, ["CN"])

    page = me.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 phone numbers without a country code are not numbers of China (+86) and " \
           "could not be placed; they look like numbers from United States (+1)" in page
    assert "3 phone numbers could not be placed" in page
    assert re.search(r'<option selected value="US">', page)

    again = me.post(f"/contacts/imports/{imp['id']}/read-again",
                    {"file": (data_file("us_numbers.csv"), "us_numbers.csv"), "region": "us"},
                    token_from="/contacts/imports")
    assert again.status_code == 302
    [replaced] = imports_of(app, me_id)                      # the new reading replaced it
    assert replaced["id"] != imp["id"]
    assert (replaced["unplaced"], replaced["regions"]) == (1, ["CN", "US"])  # (555) 123-4567
    assert matches(app, me_id) == {americans["fang"]: ["phone"],
                                   americans["jenny"]: ["phone"],
                                   americans["claire"]: ["phone"]}


def test_reading_again_is_an_import_of_its_own_owner_only(app, members, americans,
                                                         driver, database):
    me, me_id = members.signup("Importer", "me@example.com")
    upload_book(me, "us_numbers.csv")
    [imp] = imports_of(app, me_id)
    other, _ = members.signup("Other", "other@example.com")
    before = snapshot(driver, database)
    response = other.post(f"/contacts/imports/{imp['id']}/read-again",
                          {"file": (data_file("us_numbers.csv"), "c.csv"), "region": "US"},
                          token_from="/contacts/imports")
    assert response.status_code == 404
    assert me.raw_post(f"/contacts/imports/{imp['id']}/read-again").status_code == 400
    assert me.get(f"/contacts/imports/{imp['id']}/read-again").status_code == 405
    assert snapshot(driver, database) == before
    # A re-read counts against the daily limit like any import.
    app.config["CONTACT_IMPORTS_PER_DAY"] = 1
    response = me.post(f"/contacts/imports/{imp['id']}/read-again",
                       {"file": (data_file("us_numbers.csv"), "c.csv"), "region": "US"},
                       token_from="/contacts/imports")
    assert response.status_code == 429
    assert [i["id"] for i in imports_of(app, me_id)] == [imp["id"]]


@pytest.mark.parametrize("fields, message", [
    ({"region": "XX"}, "two-letter country code"),
    ({}, "Choose the file to read again."),
])
def test_reading_again_validates_its_form(app, members, americans, fields, message):
    me, me_id = members.signup("Importer", "me@example.com")
    upload_book(me, "us_numbers.csv")
    [imp] = imports_of(app, me_id)
    if "region" in fields:
        fields["file"] = (data_file("us_numbers.csv"), "c.csv")
    else:
        fields["region"] = "US"
    response = me.post(f"/contacts/imports/{imp['id']}/read-again", fields,
                       token_from="/contacts/imports")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert [i["id"] for i in imports_of(app, me_id)] == [imp["id"]]


def test_broken_cards_are_skipped_and_reported_by_line(app, members):
    _, good_id = members.signup("Good Two", "good.two@example.com")
    me, me_id = members.signup("Importer", "me@example.com")
    response = upload_book(me, "broken_cards.vcf")
    assert response.status_code == 302
    page = flashed(me)
    assert "Read 2 entries (vCard); 3 cards could not be read: lines 6, 11, 15" in page
    assert matches(app, me_id) == {good_id: ["email"]}
    assert imports_of(app, me_id)[0]["skipped"] == 3


@pytest.mark.parametrize("body, message", [
    (b"[" * 100_000 + b"]" * 100_000, "nested more than 16 levels deep"),
    (b'[{"login": "octocat", "id": ' + b"9" * 5000 + b"}]",
     "a number of 5000 characters"),
])
def test_crafted_follow_lists_are_refused_not_a_server_error(app, members, driver, database,
                                                             body, message):
    me, _ = members.signup("Importer", "me@example.com")
    app.config["CONTACT_IMPORT_MAX_BYTES"] = 1024 * 1024
    before = snapshot(driver, database)
    response = upload_follows(me, "following.json", "github", body)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert snapshot(driver, database) == before
