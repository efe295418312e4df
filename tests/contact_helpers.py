"""Helpers for the contacts tests: uploads, phone confirmation, handles, DB scans."""
from __future__ import annotations

import io
import re
from pathlib import Path

DATA = Path(__file__).with_name("data")
CODE = re.compile(r"\b(\d{6})\b")


def upload_book(client, name: str, data: bytes | None = None, region: str = "CN"):
    """Upload an address book (a file from tests/data, or ``data``) through the page."""
    body = (DATA / name).read_bytes() if data is None else data
    return client.post("/contacts/import/address-book",
                       {"file": (io.BytesIO(body), name), "region": region},
                       token_from="/contacts/import")


def data_file(name: str) -> io.BytesIO:
    """A file of tests/data, opened for an upload field."""
    return io.BytesIO((DATA / name).read_bytes())


def upload_follows(client, name: str, network: str, data: bytes | None = None):
    """Upload a follow list through the page."""
    body = (DATA / name).read_bytes() if data is None else data
    return client.post("/contacts/import/follow-list",
                       {"file": (io.BytesIO(body), name), "network": network},
                       token_from="/contacts/import")


def last_code(app) -> str:
    """The code in the last SMS the app sent."""
    return CODE.search(app.extensions["sms_outbox"][-1]["text"]).group(1)


def confirm_phone(app, client, number: str, region: str = "CN") -> None:
    """Add and confirm a phone number through the real code flow."""
    response = client.post("/contacts/findable/phone", {"number": number, "region": region},
                           token_from="/contacts/findable")
    assert response.status_code == 302, response.get_data(as_text=True)
    response = client.post("/contacts/findable/phone/confirm", {"code": last_code(app)},
                           token_from="/contacts/findable")
    assert response.status_code == 302, response.get_data(as_text=True)


def add_handle(client, network: str, handle: str):
    return client.post("/contacts/findable/handles", {"network": network, "handle": handle},
                       token_from="/contacts/findable")


def everything_stored(driver, database, sessions: bool = True) -> list[str]:
    """Every label, type, property key and property value in the database, as strings
    (without the server-side browser sessions when ``sessions`` is False)."""
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE $sessions OR NOT n:Session "
        "RETURN labels(n) AS tags, properties(n) AS props "
        "UNION ALL MATCH (a)-[r]->(b) WHERE $sessions OR NOT (a:Session OR b:Session) "
        "RETURN [type(r)] AS tags, properties(r) AS props",
        {"sessions": sessions}, database_=database)
    found: list[str] = []
    for record in records:
        found.extend(record["tags"])
        for key, value in record["props"].items():
            found.append(key)
            found.extend(str(v) for v in (value if isinstance(value, list) else [value]))
    return found


def snapshot(driver, database) -> list[str]:
    """A sorted picture of the whole database, to show that something changed nothing.
    Browser sessions are left out: every request updates its own (last seen, CSRF token,
    flashed messages), which is HTTP state, not data the request stored."""
    return sorted(everything_stored(driver, database, sessions=False))


def imports_of(app, person_id: str) -> list[dict]:
    """The member's imports, newest first, with their matches."""
    return app.extensions["graph"].contact_imports.page(person_id, "", 0, 100)["imports"]
