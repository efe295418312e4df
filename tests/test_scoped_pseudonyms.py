"""Per-company pseudonyms (issue 12, docs/trust.md "Per-company pseudonyms").

Tried through the app as companies comparing notes would: each company's recruiters (and
each contact) see the candidate under an id and a name of their own; an id taken from
another company answers exactly like a missing one; rotation changes every one of them;
conversations, notices, reveals and the candidate's own pages keep working, each with the
name of that counterpart's scope; no page shows the system pseudonym id to a counterpart.

    Rita (recruiter, Hirer Inc) — Fred — Zelda;  Rob (recruiter, Other Hire) — Zelda
    Carl (contact) — Zelda;  Rina (a second recruiter at Hirer Inc) — Fred
"""
from __future__ import annotations

import re

import html
import json

import pytest

from graph.candidates import pseudonym_names as names
from graph.candidates.visibility import PseudonymScopes, company_scope
from tests.candidate_fixtures import world  # noqa: F401  (fixture)
from tests.candidate_scene import (build_scene, conversation_id, pseudonym_links,
                                   without_csrf)

COUNTERPART_PAGES = ("/candidates", "/messages", "/notices", "/account/data")


def _archive(client) -> str:
    """The member's "download my data" archive (asked for, built inline here, fetched)."""
    assert client.post("/account/data/archives", {}, token_from="/account/data").status_code == 302
    [link] = re.findall(r'href="(/account/data/archives/[^"]+\.json)"',
                        client.get("/account/data").get_data(as_text=True))[:1]
    response = client.get(link)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def scene(members, world):  # noqa: F811
    return build_scene(members, world)


def _seen(client) -> dict[str, str]:
    """The candidates a viewer's list links, name by id."""
    return dict(pseudonym_links(client.get("/candidates").get_data(as_text=True)))


def _only(client) -> tuple[str, str]:
    [(seen_id, name)] = _seen(client).items()
    return seen_id, name


def _show_to_contacts(scene):
    response = scene.clients["zelda"].post("/me/candidate/settings", {
        "headline": "", "seniority": "senior", "industry": "finance",
        "region": "north-china", "member_reach": "1"}, token_from="/me/candidate")
    assert response.status_code == 302
    scene.clients["zelda"].get("/me/candidate")  # shows (and so clears) the flash


def _company_id(scene, name: str) -> str:
    return scene.world.run("MATCH (c:Company {name: $n}) RETURN c.id AS id", n=name)[0]["id"]


def test_each_company_and_contact_sees_its_own_id_and_name(scene, members):
    _show_to_contacts(scene)
    rina, rina_id = members.signup("Rina Recruiter", "rina@example.com")
    scene.world.recruiter(rina_id, _company_id(scene, "Hirer Inc"))
    scene.world.befriend(rina_id, scene.ids["fred"])
    # More candidates that both companies see, so their lists can be compared whole.
    for index in range(3):
        person, _ = scene.world.candidate(f"Extra {index}")
        scene.world.befriend(person, scene.ids["rob"])
        scene.world.befriend(person, scene.ids["fred"])
    rita, rob = _seen(scene.clients["rita"]), _seen(scene.clients["rob"])
    assert len(rita) == len(rob) == 4
    # Same candidates, no id in common, and the two lists of names are not the same.
    assert not set(rita) & set(rob)
    assert sorted(rita.values()) != sorted(rob.values())
    # One company, one pseudonym: its two recruiters see the same ids and names.
    assert _seen(rina) == rita
    carl_id, _ = _only(scene.clients["carl"])
    assert carl_id not in rita and carl_id not in rob
    # The system id is on no counterpart's page.
    for key in ("rita", "rob", "carl"):
        for path in COUNTERPART_PAGES:
            page = scene.clients[key].get(path).get_data(as_text=True)
            assert scene.pseudonym not in page, (key, path)
        assert scene.pseudonym not in _archive(scene.clients[key]), (key, "archive")


def test_another_scopes_id_answers_like_a_missing_one(scene):
    _show_to_contacts(scene)
    rita_id, _ = _only(scene.clients["rita"])
    rob_id, _ = _only(scene.clients["rob"])
    rob, carl, zelda = (scene.clients[k] for k in ("rob", "carl", "zelda"))
    assert rob.get(f"/candidates/{rob_id}").status_code == 200  # Rob may see Zelda ...
    tampered = rob_id[:-4] + ("AAAA" if not rob_id.endswith("AAAA") else "BBBB")
    # ... but not under Rita's id, a tampered id, or the system id.
    for client, other_id in ((rob, rita_id), (rob, tampered), (rob, scene.pseudonym),
                             (carl, rita_id), (zelda, rita_id)):
        missing = client.get("/candidates/" + "x" * len(other_id))
        answer = client.get(f"/candidates/{other_id}")
        assert answer.status_code == missing.status_code == 404, other_id
        assert without_csrf(answer.get_data(as_text=True)) == \
            without_csrf(missing.get_data(as_text=True))
    swapped = rob.post(f"/candidates/{rita_id}/message", {"body": "Hi"},
                       token_from="/candidates")
    absent = rob.post("/candidates/" + "x" * len(rita_id) + "/message", {"body": "Hi"},
                      token_from="/candidates")
    assert swapped.status_code == absent.status_code == 404
    assert without_csrf(swapped.get_data(as_text=True)) == \
        without_csrf(absent.get_data(as_text=True))
    assert scene.world.run("MATCH (c:Conversation) RETURN count(c) AS n") == [{"n": 0}]


def test_rotation_changes_the_id_and_name_everywhere(scene):
    rita, rob = scene.clients["rita"], scene.clients["rob"]
    before = {"rita": _only(rita), "rob": _only(rob)}
    assert scene.clients["zelda"].post("/me/candidate/rotate",
                                       token_from="/me/candidate").status_code == 302
    # The new pseudonym is listed after a random delay; let it pass.
    scene.world.run("MATCH (ps:Pseudonym {active: true}) "
                    "SET ps.visibleFrom = '2000-01-01T00:00:00+00:00'")
    after = {"rita": _only(rita), "rob": _only(rob)}
    for key, client in (("rita", rita), ("rob", rob)):
        assert after[key][0] != before[key][0]
        assert client.get(f"/candidates/{before[key][0]}").status_code == 404
    assert after["rita"][0] != after["rob"][0]
    assert (after["rita"][1], after["rob"][1]) != (before["rita"][1], before["rob"][1])


def _agree_on_the_next_stages(counterpart, zelda, thread, stages: int):
    url = f"/messages/{thread}"
    for _ in range(stages):
        for client in (counterpart, zelda):
            assert client.post(f"{url}/interest", token_from=url).status_code == 302


def test_conversations_notices_and_reveals_use_each_companys_name(scene):
    rita, rob, zelda = (scene.clients[k] for k in ("rita", "rob", "zelda"))
    rita_id, rita_name = _only(rita)
    rob_id, rob_name = _only(rob)
    rita_thread = conversation_id(rita.post(f"/candidates/{rita_id}/message",
                                            {"body": "Hi from Rita", "job": scene.job},
                                            token_from="/candidates"))
    rob_thread = conversation_id(rob.post(f"/candidates/{rob_id}/message",
                                          {"body": "Hi from Rob"}, token_from="/candidates"))
    # Each counterpart's thread names and links the candidate as their company sees them.
    rita_page = rita.get(f"/messages/{rita_thread}").get_data(as_text=True)
    assert pseudonym_links(rita_page) == [(rita_id, rita_name)]
    assert rita_name in rita.get("/messages").get_data(as_text=True)
    assert pseudonym_links(rob.get(f"/messages/{rob_thread}").get_data(as_text=True)) == \
        [(rob_id, rob_name)]
    # The candidate sees, per company, the name they go by there.
    assert f"You as {rita_name}" in zelda.get(f"/messages/{rita_thread}").get_data(as_text=True)
    assert f"You as {rob_name}" in zelda.get(f"/messages/{rob_thread}").get_data(as_text=True)
    mine = zelda.get("/me/candidate").get_data(as_text=True)
    assert f"Hirer Inc: <strong>{rita_name}</strong>" in mine
    assert f"Other Hire: <strong>{rob_name}</strong>" in mine
    preview = zelda.get("/me/candidate/blocks?company=Hirer+Inc").get_data(as_text=True)
    assert f"<strong>{rita_name}</strong>" in preview
    # Notices to a counterpart carry their company's name for the candidate.
    url = f"/messages/{rita_thread}"
    assert zelda.post(f"{url}/interest", token_from=url).status_code == 302
    assert f"{rita_name} said" in rita.get("/notices").get_data(as_text=True)
    assert rita.post(f"{url}/interest", token_from=url).status_code == 302
    _agree_on_the_next_stages(rita, zelda, rita_thread, 2)  # stages 2 and 3: revealed
    [reveal] = scene.world.run("MATCH (r:Reveal) RETURN r.pseudonymName AS name")
    assert reveal["name"] == html.unescape(rita_name)
    assert f"as {rita_name}" in zelda.get("/me/candidate").get_data(as_text=True)
    # The counterpart's data export names the candidate as the counterpart knew them.
    assert rob.post("/account/data/archives", {}, token_from="/account/data").status_code == 302
    [archive_id] = [row["id"] for row in scene.world.run(
        "MATCH (:Person {id: $id})-[:REQUESTED_ARCHIVE]->(a:DataArchive) RETURN a.id AS id",
        id=rob.member_id)]
    archive = json.loads(rob.get(f"/account/data/archives/{archive_id}.json")
                         .get_data(as_text=True))
    assert [c["with"] for c in archive["conversations"]] == [html.unescape(rob_name)]


def test_scoped_ids_decode_only_under_their_scope():
    scopes = PseudonymScopes(b"k" * 32)
    acme, other = company_scope("acme"), company_scope("other")
    seen = scopes.public_id(acme, "pseudonym-1")
    assert seen == scopes.public_id(acme, "pseudonym-1")  # deterministic: a GET writes nothing
    assert scopes.pseudonym_id(acme, seen) == "pseudonym-1"
    assert scopes.pseudonym_id(other, seen) is None
    assert scopes.pseudonym_id("m:someone", seen) is None
    assert PseudonymScopes(b"x" * 32).pseudonym_id(acme, seen) is None  # another key
    for garbage in ("", "x", "!!!", seen[:-1], seen + "A", "pseudonym-1"):
        assert scopes.pseudonym_id(acme, garbage) is None
    assert "pseudonym-1" not in seen and seen != scopes.public_id(other, "pseudonym-1")


def test_scoped_names_keep_the_rank_and_differ_between_scopes():
    scopes = PseudonymScopes(b"k" * 32)
    pseudonyms = [{"id": f"ps-{n}", "rank": 1 + n % 5} for n in range(200)]
    acme = [scopes.present(company_scope("acme"), ps) for ps in pseudonyms]
    other = [scopes.present(company_scope("other"), ps) for ps in pseudonyms]
    catalogue = {(c.hanzi, c.rank) for c in names.characters()}
    assert all((seen["hanzi"], ps["rank"]) in catalogue for seen, ps in zip(acme, pseudonyms))
    same = sum(scopes.label(company_scope("acme"), ps) == scopes.label(company_scope("other"), ps)
               for ps in pseudonyms)
    assert same <= 3  # by chance only (one in several hundred)
    assert len({scopes.label(company_scope("acme"), ps) for ps in pseudonyms}) > 180
    assert {seen["id"] for seen in acme}.isdisjoint(seen["id"] for seen in other)
