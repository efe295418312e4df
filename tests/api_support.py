"""Helpers for the JSON API tests: a member's bearer-token client."""
from __future__ import annotations

from .conftest import PASSWORD


class ApiClient:
    """A test client that sends ``Authorization: Bearer <token>`` on every call."""

    def __init__(self, app, token: str):
        self.client = app.test_client()
        self.token = token

    def _headers(self, extra):
        return {"Authorization": f"Bearer {self.token}", **(extra or {})}

    def get(self, url, headers=None, **kwargs):
        return self.client.get(url, headers=self._headers(headers), **kwargs)

    def post(self, url, json=None, headers=None, **kwargs):
        return self.client.post(url, json=json, headers=self._headers(headers), **kwargs)

    def put(self, url, json=None, headers=None, **kwargs):
        return self.client.put(url, json=json, headers=self._headers(headers), **kwargs)

    def delete(self, url, headers=None, **kwargs):
        return self.client.delete(url, headers=self._headers(headers), **kwargs)


def login_token(app, email: str, device: str = "test phone") -> str:
    """A token for the member with ``email``, through ``POST /api/v1/auth/login``."""
    response = app.test_client().post("/api/v1/auth/login", json={
        "email": email, "password": PASSWORD, "device": device})
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.json["token"]


def api_member(app, members, name: str | None = None) -> tuple[ApiClient, str, object]:
    """A new member (signed up through the pages) with an API client:
    ``(api client, member id, web client)``."""
    web, person_id = members.signup(name)
    email = app.extensions["graph"].people.account(person_id).email
    return ApiClient(app, login_token(app, email)), person_id, web


def assert_problem(response, status: int, slug: str | None = None) -> dict:
    """The response is an RFC 9457 problem with ``status`` (and type ``slug``)."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.json
    assert body["status"] == status and body["title"] and body["detail"]
    if slug:
        assert body["type"] == f"urn:recruit:problem:{slug}"
    return body
