"""Contact imports over the API: a multipart upload matched to members (unmatched entries
discarded), the imports list with badges, deleting, and the upload's own checks."""
from __future__ import annotations

import io

from .api_support import api_member, assert_problem

VCARD = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nEMAIL:{bob}\r\nEND:VCARD\r\n"
         "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nobody\r\nEMAIL:nobody.here@example.org\r\n"
         "END:VCARD\r\n")


def _upload(api, data: bytes, name: str = "book.vcf", region: str = "CN"):
    return api.client.post(f"/api/v1/contacts/imports/address-book?region={region}",
                           data={"file": (io.BytesIO(data), name)},
                           headers={"Authorization": f"Bearer {api.token}"},
                           content_type="multipart/form-data")


def test_upload_matches_members_and_discards_the_rest(app, members, driver):
    ann, _, _ = api_member(app, members, "Ann")
    _, bob_id, _ = api_member(app, members, "Bob")
    bob_email = app.extensions["graph"].people.account(bob_id).email
    uploaded = _upload(ann, VCARD.format(bob=bob_email.upper()).encode())
    assert uploaded.status_code == 201, uploaded.get_data(as_text=True)
    assert uploaded.json["matched"] == 1
    page = ann.get("/api/v1/contacts/imports").json
    assert page["total"] == 1 and page["usedToday"] == 1
    imported = page["items"][0]
    assert [(m["id"], m["via"]) for m in imported["matches"]] == [(bob_id, ["email"])]
    assert imported["matches"][0]["badge"]["degree"] == 3
    stored = driver.execute_query("MATCH (n) RETURN properties(n) AS p").records
    assert "nobody.here@example.org" not in str([r["p"] for r in stored])
    suggested = ann.get("/api/v1/suggestions").json["items"]
    assert [r["person"]["id"] for r in suggested] == [bob_id] and suggested[0]["inContacts"]
    # One side of an address-book match alone never leaves (it tells who keeps a number).
    assert suggested[0]["eachOther"] is False and "theirs" not in suggested[0]
    assert ann.delete(f"/api/v1/contacts/imports/{imported['id']}/matches/{bob_id}"
                      ).status_code == 204
    assert ann.delete(f"/api/v1/contacts/imports/{imported['id']}").status_code == 204
    assert_problem(ann.delete(f"/api/v1/contacts/imports/{imported['id']}"), 404)
    assert ann.delete("/api/v1/contacts/imports").json == {"deleted": 0}


def test_upload_checks(app, members):
    ann, _, _ = api_member(app, members, "Ann")
    bob, _, _ = api_member(app, members, "Bob")
    missing = ann.client.post("/api/v1/contacts/imports/address-book",
                              headers={"Authorization": f"Bearer {ann.token}"},
                              data={}, content_type="multipart/form-data")
    assert_problem(missing, 400)
    assert_problem(_upload(ann, b"\x00\x01 not a card"), 400)
    assert_problem(_upload(ann, VCARD.format(bob="b@example.com").encode(), region="ZZ"), 400)
    mine = _upload(ann, VCARD.format(bob="b@example.com").encode()).json["id"]
    assert_problem(bob.delete(f"/api/v1/contacts/imports/{mine}"), 404)
