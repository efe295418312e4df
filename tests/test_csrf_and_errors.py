"""CSRF on every state change, and clear error pages instead of stack traces."""
import pytest

STATE_CHANGING = ["/me/basics", "/me/skills", "/me/positions", "/me/education",
                  "/people/someone/friend-request", "/people/someone/accept",
                  "/people/someone/decline", "/people/someone/cancel",
                  "/people/someone/unfriend", "/logout", "/signup", "/login"]


@pytest.mark.parametrize("url", STATE_CHANGING)
def test_posts_without_a_csrf_token_are_refused(members, url):
    client, _ = members.signup()
    response = client.raw_post(url, {"headline": "changed", "skills": "x"})
    assert response.status_code == 400
    assert "form expired or was not sent from this site" in response.get_data(as_text=True)


def test_a_refused_post_changes_nothing(members, app):
    client, person_id = members.signup()
    client.raw_post("/me/basics", {"headline": "changed", "job_status": "looking"})
    profile = app.extensions["graph"].people.profile(person_id, person_id)
    assert profile["person"]["headline"] == "" and profile["person"]["jobStatus"] == "not_looking"


def test_unknown_pages_and_members_get_a_404_page(members):
    client, _ = members.signup()
    for url in ("/no/such/page", "/people/doesnotexist"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Not found" in response.get_data(as_text=True)


def test_wrong_method_gets_a_405_page(members):
    client, _ = members.signup()
    response = client.get("/people/someone/friend-request")
    assert response.status_code == 405
    assert "does not accept" in response.get_data(as_text=True)


def test_oversized_requests_are_refused_with_413(members):
    client, _ = members.signup()
    response = client.post("/me/basics", {"headline": "x" * (3 * 1024 * 1024)},
                           token_from="/me")
    assert response.status_code == 413
