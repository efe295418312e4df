"""Helpers for account tests: the mail the app wrote, and the links in it."""
from __future__ import annotations

import re
from email import message_from_bytes
from pathlib import Path

LINK = re.compile(r"(https?://[^/\s]+)(/\S+)")


def mails_to(app, address: str, subject: str | None = None) -> list[tuple[Path, object]]:
    """``(file, message)`` for each message in the app's outbox to ``address`` (optionally
    with ``subject``), oldest first."""
    found = []
    for path in sorted(Path(app.config["OUTBOX_DIR"]).glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
        message = message_from_bytes(path.read_bytes())
        if message["To"] == address and (subject is None or message["Subject"] == subject):
            found.append((path, message))
    return found


def body_of(message) -> str:
    """The plain-text body of a message."""
    return message.get_payload(decode=True).decode("utf-8")


def link_in(message, path_prefix: str) -> tuple[str, str]:
    """``(origin, path)`` of the first link in ``message`` whose path starts with
    ``path_prefix``."""
    for origin, path in LINK.findall(body_of(message)):
        if path.startswith(path_prefix):
            return origin, path
    raise AssertionError(f"no {path_prefix} link in: {body_of(message)}")


def verify_email_through_link(app, client, address: str) -> None:
    """Open the newest verification link mailed to ``address`` and press Confirm, as the
    member would; the message is then removed so tests that count mail see only theirs."""
    messages = mails_to(app, address, "Confirm your e-mail address")
    assert messages, f"no verification mail to {address}"
    path, message = messages[-1]
    _, link = link_in(message, "/account/verify/")
    assert client.get(link).status_code == 200
    response = client.post(link, token_from=link)
    assert response.status_code == 302, response.get_data(as_text=True)
    for file, _ in messages:
        file.unlink()
