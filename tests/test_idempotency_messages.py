"""Idempotency keys on the message reply form: a double-submitted reply is
posted once. (The other kept-once writes are in test_idempotency.py.)"""
from __future__ import annotations

import re

import pytest

from tests.candidate_fixtures import world  # noqa: F401  (fixture)
from tests.candidate_scene import build_scene, conversation_id

REQUEST_ID = re.compile(r'name="request_id" value="([^"]+)"')


@pytest.fixture
def scene(members, world):  # noqa: F811
    return build_scene(members, world)


def test_double_submitted_reply_is_posted_once(scene):
    rita = scene.clients["rita"]
    started = rita.post(f"/candidates/{scene.pseudonym_for('rita')}/message", {"body": "Hello"},
                        token_from="/candidates")
    thread = conversation_id(started)
    page = rita.get(f"/messages/{thread}").get_data(as_text=True)
    form = {"body": "Only once, please", "request_id": REQUEST_ID.search(page).group(1)}
    first = rita.post(f"/messages/{thread}", form, token_from=f"/messages/{thread}")
    second = rita.post(f"/messages/{thread}", form, token_from=f"/messages/{thread}")
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"] == first.headers["Location"]
    html = rita.get(f"/messages/{thread}").get_data(as_text=True)
    assert html.count("Only once, please") == 1
