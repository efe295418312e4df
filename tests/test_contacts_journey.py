"""The contacts journey through the web: a new member uploads a phone export and a follow
list, sees the members they know as suggestions with reasons, connects, and finds their
contacts sorted into circles."""
from __future__ import annotations

from tests.contact_helpers import confirm_phone, upload_book, upload_follows

PHONE_EXPORT = """BEGIN:VCARD
VERSION:3.0
FN:王芳
TEL;type=CELL:+86 138 0013 8000
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Li Wei
EMAIL;type=work:LI.WEI@example.com
TEL;type=cell:+86 139 0000 1111
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Stranger Not A Member
TEL;type=CELL:+86 137 1234 5678
EMAIL:nobody-here@example.org
END:VCARD
""".encode()

FOLLOW_LIST = b'["chen.jie@example.com", "not.a.member@example.net"]'


def test_new_member_imports_connects_and_sees_circles(app, members):
    fang, fang_id = members.signup("王芳", "wang.fang@example.com")
    confirm_phone(app, fang, "+86 138 0013 8000")  # phones count only once confirmed
    li, li_id = members.signup("Li Wei", "li.wei@example.com")
    chen, chen_id = members.signup("Chen Jie", "chen.jie@example.com")
    for client in (fang, li, chen):
        client.post("/me/positions", {"company": "Acme Cloud", "title": "Data Engineer",
                                      "start": "2021-03", "current": "y"}, token_from="/me")
    newcomer, newcomer_id = members.signup("New Comer", "new.comer@example.com")

    assert upload_book(newcomer, "phone.vcf", PHONE_EXPORT).status_code in (200, 302)
    assert upload_follows(newcomer, "following.json", "github", FOLLOW_LIST).status_code \
        in (200, 302)

    page = newcomer.get("/suggestions").get_data(as_text=True)
    for name in ("王芳", "Li Wei", "Chen Jie"):
        assert name in page
    assert "Stranger Not A Member" not in page
    assert "In your contacts" in page and "You follow them" in page

    for client, person_id in ((fang, fang_id), (li, li_id), (chen, chen_id)):
        assert newcomer.post(f"/people/{person_id}/friend-request",
                             token_from="/suggestions").status_code == 302
        assert client.post(f"/people/{newcomer_id}/accept", token_from="/home").status_code == 302
    assert "王芳" not in newcomer.get("/suggestions").get_data(as_text=True)  # friends now

    circles = newcomer.get("/circles").get_data(as_text=True)
    assert "3 contacts" in circles and "Acme Cloud" in circles
    acme = circles.split("Acme Cloud</a>")[1].split("</li>")[0]
    assert acme.split('class="muted">')[1].startswith("3")  # all three under their company
