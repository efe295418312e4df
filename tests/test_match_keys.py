"""Members' match keys: the sign-up e-mail, a phone confirmed by code, opting out."""
from __future__ import annotations

from graph.contacts.match_keys import MAX_CODE_ATTEMPTS
from recruit.contacts.digests import digest, secret_from_config
from tests.contact_helpers import (confirm_phone, everything_stored, imports_of, last_code,
                                   upload_book)


def key_digests(driver, database, person_id, kind):
    records, _, _ = driver.execute_query(
        "MATCH (:Person {id: $id})-[:HAS_MATCH_KEY]->(k:MatchKey {kind: $kind}) "
        "RETURN k.digest AS digest", id=person_id, kind=kind, database_=database)
    return [record["digest"] for record in records]


def test_sign_up_gives_an_email_key_stored_as_a_digest_only(app, members, driver, database):
    _, person_id = members.signup("Wang Fang", "Wang.Fang@Example.cn")
    secret = secret_from_config(app.config)
    assert key_digests(driver, database, person_id, "email") == [
        digest(secret, "email", "wang.fang@example.cn")]


def test_the_hmac_key_comes_from_config_or_from_secret_key(app):
    assert secret_from_config({"CONTACT_HMAC_KEY": "k1", "SECRET_KEY": "s"}) == b"k1"
    derived = secret_from_config({"CONTACT_HMAC_KEY": "", "SECRET_KEY": "s"})
    assert derived not in (b"s", b"") and len(derived) == 32
    assert derived != secret_from_config({"CONTACT_HMAC_KEY": "", "SECRET_KEY": "t"})


def send_code(client, number="+86 139 1234 5678"):
    return client.post("/contacts/findable/phone", {"number": number, "region": "CN"},
                       token_from="/contacts/findable")


def enter_code(client, code):
    return client.post("/contacts/findable/phone/confirm", {"code": code},
                       token_from="/contacts/findable")


def test_phone_counts_only_once_confirmed(app, members, driver, database):
    li, li_id = members.signup("Li Wei", "li@example.com")
    assert send_code(li).status_code == 302
    assert app.extensions["sms_outbox"][-1]["to"] == "+8613912345678"
    assert key_digests(driver, database, li_id, "phone") == []
    assert "Enter the code we sent to" in li.get("/contacts/findable").get_data(as_text=True)
    assert enter_code(li, last_code(app)).status_code == 302
    secret = secret_from_config(app.config)
    assert key_digests(driver, database, li_id, "phone") == [
        digest(secret, "phone", "+8613912345678")]
    page = li.get("/contacts/findable").get_data(as_text=True)
    assert "Confirmed: <strong>+86 …78</strong>" in page
    stored = " ".join(everything_stored(driver, database))
    assert "13912345678" not in stored and last_code(app) not in stored


def test_wrong_codes_are_counted_and_lock_the_confirmation(app, members, driver, database):
    li, li_id = members.signup("Li Wei", "li@example.com")
    send_code(li)
    right = last_code(app)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(MAX_CODE_ATTEMPTS):
        response = enter_code(li, wrong)
        assert response.status_code == 400
        assert "That code is not right" in response.get_data(as_text=True)
    response = enter_code(li, right)
    assert response.status_code == 400
    assert "Too many wrong codes" in response.get_data(as_text=True)
    assert key_digests(driver, database, li_id, "phone") == []
    send_code(li)  # a new code starts over
    assert enter_code(li, last_code(app)).status_code == 302


def test_expired_code_is_refused(app, members, driver, database):
    li, li_id = members.signup("Li Wei", "li@example.com")
    send_code(li)
    driver.execute_query("MATCH (c:PhoneConfirmation) SET c.expiresAt = '2000-01-01T00:00:00+00:00'",
                         database_=database)
    response = enter_code(li, last_code(app))
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)


def test_code_without_a_pending_number_and_malformed_input(app, members):
    li, _ = members.signup("Li Wei", "li@example.com")
    response = enter_code(li, "123456")
    assert response.status_code == 400 and "Add your number first" in response.get_data(as_text=True)
    assert enter_code(li, "12ab").status_code == 400
    response = send_code(li, "12345")
    assert response.status_code == 400
    assert "not a valid phone number" in response.get_data(as_text=True)


def test_confirming_a_number_takes_it_from_its_previous_holder(app, members, driver, database):
    old, old_id = members.signup("Old Holder", "old@example.com")
    confirm_phone(app, old, "+86 139 1234 5678")
    new, new_id = members.signup("New Holder", "new@example.com")
    confirm_phone(app, new, "139-1234-5678")
    assert key_digests(driver, database, old_id, "phone") == []
    assert len(key_digests(driver, database, new_id, "phone")) == 1
    me, me_id = members.signup("Importer", "me@example.com")
    upload_book(me, "android_v4.vcf")
    assert [m["id"] for m in imports_of(app, me_id)[0]["matches"]] == [new_id]


def test_removing_the_phone_and_turning_email_matching_off(app, members, driver, database):
    wang, wang_id = members.signup("Wang Fang", "wang.fang@example.cn")
    confirm_phone(app, wang, "13800138000")
    wang.post("/contacts/findable/phone/delete", token_from="/contacts/findable")
    assert key_digests(driver, database, wang_id, "phone") == []
    wang.post("/contacts/findable/email", {"on": "off"}, token_from="/contacts/findable")
    assert key_digests(driver, database, wang_id, "email") == []
    me, me_id = members.signup("Importer", "me@example.com")
    upload_book(me, "phone_simple_zh.csv")
    assert imports_of(app, me_id)[0]["matches"] == []
    wang.post("/contacts/findable/email", {"on": "on"}, token_from="/contacts/findable")
    assert len(key_digests(driver, database, wang_id, "email")) == 1
    response = wang.post("/contacts/findable/phone/delete", token_from="/contacts/findable")
    assert response.status_code == 404


def test_cli_builds_missing_email_keys_and_respects_opt_out(app, members, runner, driver,
                                                            database):
    _, kept_id = members.signup("Opted Out", "out@example.com")
    app.extensions["graph"].match_keys.set_email_matching(kept_id, False)
    # A verified member without a key gets one; an unverified address never becomes one.
    driver.execute_query(
        "CREATE (:Person {id: 'legacy', name: 'Legacy', nameLower: 'legacy', "
        "email: 'legacy@example.com', passwordHash: 'x', headline: '', "
        "jobStatus: 'not_looking', createdAt: '2026-01-01T00:00:00+00:00', "
        "emailVerifiedAt: '2026-01-01T00:00:00+00:00'}), "
        "(:Person {id: 'unverified', name: 'Unverified', nameLower: 'unverified', "
        "email: 'unverified@example.com', passwordHash: 'x', headline: '', "
        "jobStatus: 'not_looking', createdAt: '2026-01-01T00:00:00+00:00'})",
        database_=database)
    result = runner.invoke(args=["contacts", "email-keys"])
    assert result.exit_code == 0 and "set for 1 members" in result.output
    secret = secret_from_config(app.config)
    assert key_digests(driver, database, "legacy", "email") == [
        digest(secret, "email", "legacy@example.com")]
    assert key_digests(driver, database, "unverified", "email") == []
    assert key_digests(driver, database, kept_id, "email") == []
    result = runner.invoke(args=["contacts", "email-keys", "--all"])
    assert "set for 1 members" in result.output


def test_demo_members_get_email_keys(app, runner, driver, database):
    result = runner.invoke(args=["load-demo", "--members", "30"])
    assert result.exit_code == 0, result.output
    records, _, _ = driver.execute_query(
        "MATCH (p:Person) OPTIONAL MATCH (p)-[:HAS_MATCH_KEY]->(k:MatchKey {kind: 'email'}) "
        "RETURN p.email AS email, k.digest AS digest", database_=database)
    secret = secret_from_config(app.config)
    assert len(records) == 30
    assert all(r["digest"] == digest(secret, "email", r["email"]) for r in records)
