"""The generic notifications model: one member's notices are theirs alone, and opening one
goes to a path on this site only."""
from __future__ import annotations

import pytest

from .referral_support import member


def test_list_open_and_mark_read(app, members):
    me, other = member(members, "Nora Notified"), member(members, "Oscar Other")
    notes = app.extensions["graph"].notices
    notes.notify([me.id], "test.kind", "Your referral moved.", "/referrals")
    notes.notify([me.id, me.id], "test.kind", "Plain notice.")  # duplicates collapse
    assert notes.unread_count(me.id) == 2 and notes.unread_count(other.id) == 0
    home = me.client.get("/home").get_data(as_text=True)
    assert 'Notifications <span class="badge badge-unread">2</span>' in home
    data = notes.page(me.id, 0, 10)
    linked = next(n for n in data["rows"] if n["link"])
    assert other.client.post(f"/notices/{linked['id']}/open",
                             token_from="/home").status_code == 404
    response = me.client.post(f"/notices/{linked['id']}/open", token_from="/home")
    assert response.status_code == 302 and response.headers["Location"] == "/referrals"
    assert notes.unread_count(me.id) == 1
    assert me.client.post("/notices/read", token_from="/home").status_code == 302
    assert notes.unread_count(me.id) == 0
    assert "Plain notice." in me.client.get("/notices").get_data(as_text=True)


@pytest.mark.parametrize("link", ["https://evil.example", "//evil.example", "/\\evil", "javascript:x"])
def test_links_are_site_paths_only(app, members, link):
    me = member(members, "Nora Notified")
    with pytest.raises(ValueError):
        app.extensions["graph"].notices.notify([me.id], "test.kind", "Hi", link)


def test_notices_of_one_second_list_newest_first(app, members):
    """Timestamps are shown to the second; notices written within one second must still
    list in the order they happened (a random id used to break the tie)."""
    me = member(members, "Nora Notified")
    notes = app.extensions["graph"].notices
    texts = [f"Notice {i}" for i in range(8)]
    for text in texts:
        notes.notify([me.id], "test.kind", text)
    rows = notes.page(me.id, 0, 10)["rows"]
    assert [row["text"] for row in rows] == list(reversed(texts))
    page = me.client.get("/notices").get_data(as_text=True)
    assert page.index("Notice 7") < page.index("Notice 0")
