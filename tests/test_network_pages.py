"""The network page, requests page, people search and "how you're connected"."""
import re

from demo.network import generate


def befriend(a_client, a_id, b_client, b_id):
    assert a_client.post(f"/people/{b_id}/friend-request", token_from="/home").status_code == 302
    assert b_client.post(f"/people/{a_id}/accept", token_from="/home").status_code == 302


def test_member_page_shows_how_you_are_connected(members):
    you, you_id = members.signup("You Zhou")
    near, near_id = members.signup("Near Friend")      # knows you well
    far, far_id = members.signup("Far Friend")
    target, target_id = members.signup("Target Person")
    other, other_id = members.signup("Other Person")
    befriend(you, you_id, near, near_id)
    befriend(you, you_id, far, far_id)
    befriend(you, you_id, other, other_id)
    befriend(near, near_id, other, other_id)            # near shares a friend with you
    befriend(near, near_id, target, target_id)
    befriend(far, far_id, target, target_id)
    html = you.get(f"/people/{target_id}").get_data(as_text=True)
    assert "2nd" in html and "2 mutual friends" in html
    # The friend who shares more friends with you is listed first.
    assert html.index("Near Friend") < html.index("Far Friend")
    stranger, stranger_id = members.signup("Stranger Danger")
    assert "Not within two degrees" in you.get(f"/people/{stranger_id}").get_data(as_text=True)
    assert "3rd+" in you.get(f"/people/{stranger_id}").get_data(as_text=True)


def test_network_page_lists_and_paginates(members, app):
    app.config["PAGE_SIZE"] = 3
    you, you_id = members.signup("You")
    friend_ids = []
    for i in range(5):
        client, fid = members.signup(f"Friend {i}")
        befriend(you, you_id, client, fid)
        friend_ids.append((client, fid))
    fof_client, fof_id = members.signup("Friend Of Friend")
    befriend(friend_ids[0][0], friend_ids[0][1], fof_client, fof_id)
    befriend(friend_ids[1][0], friend_ids[1][1], fof_client, fof_id)
    page1 = you.get("/network").get_data(as_text=True)
    page2 = you.get("/network?page=2").get_data(as_text=True)
    assert "5 friends" in page1 and "Page 1 of 2" in page1
    assert [f"Friend {i}" in page1 for i in range(5)] == [True, True, True, False, False]
    assert "Friend 3" in page2 and "Friend 4" in page2
    second = you.get("/network?tab=second").get_data(as_text=True)
    assert "Friend Of Friend" in second and "via" in second and "2nd degree (1)" in second
    assert you.get("/network?page=abc").status_code == 200
    assert you.get("/network?tab=evil").status_code == 200


def test_search_by_name_skill_and_company_with_badges(members):
    you, you_id = members.signup("Searcher")
    wang, wang_id = members.signup("王芳")
    lee, lee_id = members.signup("Lee Jordan")
    befriend(you, you_id, wang, wang_id)
    lee.post("/me/skills", {"skills": "Neo4j, Rust"}, token_from="/me")
    wang.post("/me/positions", {"company": "Bytewave", "title": "PM", "start": "2021-01",
                                "current": "y"}, token_from="/me")
    by_name = you.get("/search?q=王芳").get_data(as_text=True)
    assert "王芳" in by_name and "1st" in by_name and "Bytewave" in by_name
    by_skill = you.get("/search?q=neo4j").get_data(as_text=True)
    assert "Lee Jordan" in by_skill and "3rd+" in by_skill and "王芳" not in by_skill
    by_company = you.get("/search?q=BYTE").get_data(as_text=True)
    assert "王芳" in by_company and "Lee Jordan" not in by_company
    short = you.get("/search?q=a")
    assert short.status_code == 400 and "2 to 100 characters" in short.get_data(as_text=True)


def test_search_lists_closer_people_first(members):
    you, you_id = members.signup("Searcher")
    stranger, _ = members.signup("Aaron Zed")       # alphabetically first, but 3rd+
    fof, fof_id = members.signup("Bella Zed")       # 2nd
    friend, friend_id = members.signup("Cora Zed")  # 1st
    befriend(you, you_id, friend, friend_id)
    befriend(friend, friend_id, fof, fof_id)
    html = you.get("/search?q=zed").get_data(as_text=True)
    assert html.index("Cora Zed") < html.index("Bella Zed") < html.index("Aaron Zed")


def test_requests_page_shows_badges(members):
    you, you_id = members.signup("You")
    friend, friend_id = members.signup("Friend")
    asker, asker_id = members.signup("Asker")
    befriend(you, you_id, friend, friend_id)
    befriend(friend, friend_id, asker, asker_id)
    asker.post(f"/people/{you_id}/friend-request", token_from="/home")
    html = you.get("/network/requests").get_data(as_text=True)
    assert "Asker" in html and "2nd" in html and "via" in html and "Friend" in html


def test_home_suggests_friends_of_friends(members):
    you, you_id = members.signup("You")
    friend, friend_id = members.signup("Friend")
    fof, fof_id = members.signup("Suggested Person")
    befriend(you, you_id, friend, friend_id)
    befriend(friend, friend_id, fof, fof_id)
    html = you.get("/home").get_data(as_text=True)
    assert "Suggested Person" in html and "1</strong> friends" in html


def test_demo_data_is_deterministic_and_realistic():
    first, second = generate(), generate()
    assert first.people == second.people and first.friendships == second.friendships
    assert 250 <= len(first.people) <= 500 and len(first.companies) == 20
    names = [p["name"] for p in first.people]
    assert any(re.search(r"[\u4e00-\u9fff]", n) for n in names)
    assert any(re.fullmatch(r"[A-Za-z' ]+", n) for n in names)
    assert len({p["email"] for p in first.people}) == len(first.people)
    working = {row["personId"] for row in first.positions if row["current"]}
    assert all(p["id"] in working for p in first.people[:4])
