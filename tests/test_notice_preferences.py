"""Every notice and e-mail path answers to the member's switches
(``graph.notices.preferences``): conversation and friend-request notices on the site and
their e-mail copies, each switched off alone; account mail always goes; every notice kind
the code writes has a category; every module that sends mail is a known, gated one.
Through the app against the real Neo4j, and by reading the source."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from graph.notices.preferences import CATEGORIES, CHANNELS, MANDATORY, allows, category_of
from tests.candidate_fixtures import world  # noqa: F401  (fixture)
from tests.candidate_scene import CANDIDATE_EMAIL, build_scene

from .job_support import befriend, outbox_messages
from .referral_support import member, query

ROOT = Path(__file__).resolve().parent.parent


def _settings(client, off=(), job_alerts="app"):
    data = {f"{c}:{ch}": "on" for c in CATEGORIES for ch in CHANNELS if f"{c}:{ch}" not in off}
    data["job_alerts"] = job_alerts
    return client.post("/me/notifications", data, token_from="/me/notifications")


def _send_notice_mails(app) -> int:
    from recruit.notices.mails import send_notice_mails
    with app.app_context():
        return send_notice_mails()


def _mails_to(outbox, address: str) -> list:
    return [m for m in outbox_messages(outbox) if m["To"] == address] if outbox.exists() else []


def _notices(app, person_id: str) -> list[str]:
    return [r["text"] for r in query(app, "MATCH (:Person {id: $p})-[:NOTIFIED]->(n) "
                                          "RETURN n.text AS text", p=person_id)]


@pytest.fixture
def scene(members, world):  # noqa: F811
    return build_scene(members, world)


def _start_from_rita(scene):
    response = scene.clients["rita"].post(f"/candidates/{scene.pseudonym_for('rita')}/message",
                                          {"body": "Hello"}, token_from="/candidates")
    assert response.status_code == 302, response.get_data(as_text=True)


def test_conversation_notice_and_its_email_follow_each_switch(app, scene, outbox):
    zelda = scene.ids["zelda"]
    _start_from_rita(scene)
    assert "Rita Recruiter started a conversation with you." in _notices(app, zelda)
    assert _send_notice_mails(app) >= 1
    [mail] = [m for m in _mails_to(outbox, CANDIDATE_EMAIL) if "conversation" in m["Subject"]]
    assert "Rita Recruiter started a conversation with you." in mail.get_payload(decode=True).decode()
    assert _send_notice_mails(app) == 0  # each copy goes once

    # Site off, e-mail on: an e-mail copy and no notice.
    query(app, "MATCH (n:Notification) DETACH DELETE n")
    assert _settings(scene.clients["zelda"], off={"conversations:app"}).status_code == 302
    assert scene.clients["rob"].post(f"/candidates/{scene.pseudonym_for('rob')}/message",
                                     {"body": "Hi from Rob"},
                                     token_from="/candidates").status_code == 302
    assert _notices(app, zelda) == []
    assert _send_notice_mails(app) == 1
    assert len([m for m in _mails_to(outbox, CANDIDATE_EMAIL) if "Rob Hirer" in m["Subject"]]) == 1

    # E-mail off too: nothing is written, nothing is sent.
    assert _settings(scene.clients["zelda"],
                     off={"conversations:app", "conversations:email"}).status_code == 302
    thread = query(app, "MATCH (c:Conversation)-[:COUNTERPART]->(:Person {id: $r}) "
                        "RETURN c.id AS id", r=scene.ids["rita"])[0]["id"]
    assert scene.clients["rita"].post(f"/messages/{thread}/interest",
                                      token_from=f"/messages/{thread}").status_code == 302
    assert _notices(app, zelda) == []
    assert query(app, "MATCH (:Person {id: $p})-[:MAIL_PENDING]->(m) RETURN count(m) AS n",
                 p=zelda)[0]["n"] == 0
    assert _send_notice_mails(app) == 0


def test_friend_request_email_follows_its_switch(app, members, outbox):
    ann = member(members, "Ann Asker")
    bob = member(members, "Bob Busy")
    cat = member(members, "Cat Caller")
    assert _settings(bob.client, off={"friend_requests:email"}).status_code == 302
    befriend(ann.client, ann.id, bob.client, bob.id)
    befriend(cat.client, cat.id, bob.client, bob.id)
    assert "Ann Asker sent you a friend request." in _notices(app, bob.id)  # site still on
    _send_notice_mails(app)
    bob_email, ann_email = (query(app, "MATCH (p:Person {id: $p}) RETURN p.email AS e", p=pid)[0]["e"]
                            for pid in (bob.id, ann.id))
    def about_friends(address):
        return [m for m in _mails_to(outbox, address) if "friend request" in m["Subject"]]
    assert about_friends(bob_email) == []
    accepted = about_friends(ann_email)  # Ann left hers on: told Bob accepted
    assert len(accepted) == 1 and "Bob Busy accepted" in accepted[0]["Subject"]


def test_account_mail_cannot_be_switched_off(app, members, outbox):
    ann = member(members, "Ann Asker")
    every = {f"{c}:{ch}" for c in CATEGORIES for ch in CHANNELS}
    assert _settings(ann.client, off=every, job_alerts="off").status_code == 302
    page = ann.client.get("/me/notifications").get_data(as_text=True)
    assert "Always on" in page and 'name="account:' not in page
    with app.app_context():
        prefs = app.extensions["graph"].notice_preferences
        from graph.errors import Invalid
        with pytest.raises(Invalid):
            prefs.save(ann.id, ["account:email"], "app")
        assert prefs.email_allowed(ann.id, "account") and not prefs.email_allowed(ann.id, "referrals")
    email = query(app, "MATCH (p:Person {id: $p}) RETURN p.email AS e", p=ann.id)[0]["e"]
    before = len(_mails_to(outbox, email))
    from .conftest import CsrfClient
    anonymous = CsrfClient(app.test_client())
    response = anonymous.post("/password/forgot", {"email": email}, token_from="/password/forgot")
    assert response.status_code in (200, 302)
    mails = _mails_to(outbox, email)
    assert len(mails) == before + 1 and "Reset your password" in mails[-1]["Subject"]


def test_allows_is_the_one_rule():
    assert allows(set(), "conversations", "email")
    assert not allows({"conversations:email"}, "conversations", "email")
    assert allows({"conversations:email"}, "conversations", "app")
    assert allows({"account:email"}, "account", "email")  # mandatory


KIND = re.compile(r"^[a-z_]+\.[a-z_]*$")


def _notice_kinds_in_code() -> set[str]:
    """The literal notice kinds in the code: string arguments of ``notice_row``, ``notify``
    and the other ``*notif*`` helpers (an f-string counts by its literal prefix,
    ``conversation.``), and the ``"kind"`` of alert rows."""
    kinds = set()
    for path in list((ROOT / "graph").rglob("*.py")) + list((ROOT / "recruit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None) or ""
                if name == "notice_row" or "notif" in name:
                    for arg in node.args:
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                            text = arg.value
                        elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                            text = arg.values[0].value
                        else:
                            continue
                        if KIND.match(text):
                            kinds.add(text)
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values):
                    if (isinstance(key, ast.Constant) and key.value == "kind"
                            and isinstance(value, ast.Constant) and KIND.match(str(value.value))):
                        kinds.add(value.value)
    return kinds


def test_every_notice_kind_answers_to_a_switch():
    kinds = _notice_kinds_in_code()
    # The scan finds kinds of every shape (literal, f-string prefix, alert rows, helpers).
    assert {"friend.request", "conversation.", "alert.job", "referral.moved",
            "account.archive", "candidate.rank"} <= kinds
    known = set(CATEGORIES) | set(MANDATORY)
    assert {kind: category_of(kind) for kind in kinds if category_of(kind) not in known} == {}


# Every module that sends mail, and how it honours the switches. A new one must say how.
MAIL_SENDERS = {
    "recruit/referrals/notify.py": "email_allowed('referrals')",
    "recruit/alerts/work.py": "the digest query skips alerts:email",
    "recruit/notices/mails.py": "copies are queued only when the e-mail switch is on",
    "recruit/auth/mails.py": "account mail: mandatory",
    "recruit/companies/work_email_links.py": "account mail: mandatory",
}


def test_every_mail_sender_is_a_known_gated_one():
    senders = set()
    for path in (ROOT / "recruit").rglob("*.py"):
        if path.name == "mail.py" and path.parent.name == "recruit":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Call) and getattr(n.func, "id", None) == "send_mail"
               for n in ast.walk(tree)):
            senders.add(str(path.relative_to(ROOT)))
    assert senders == set(MAIL_SENDERS)
