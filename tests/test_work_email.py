"""Work e-mail confirmation (outbox and SMTP) and recruiter auto-approval on the domain."""
from __future__ import annotations

import socket
import socketserver
import threading
from email import message_from_bytes

import pytest

from recruit.mail import MailError, deliver

from .job_support import ask_to_recruit, confirmation_path, create_company, outbox_messages


@pytest.fixture
def outbox(app, tmp_path):
    folder = tmp_path / "outbox"
    app.config["OUTBOX_DIR"] = str(folder)
    app.config["SMTP_HOST"] = ""
    return folder


def _status(app, person_id, company_id):
    records, _, _ = app.extensions["graph"].driver.execute_query(
        "MATCH (:Person {id: $p})-[r:RECRUITS_FOR]->(:Company {id: $c}) "
        "RETURN r.status AS status, r.autoReason AS reason", p=person_id, c=company_id,
        database_=app.config["NEO4J_DATABASE"])
    return (records[0]["status"], records[0]["reason"]) if records else None


def _set_work_email(client, address):
    return client.post("/me/work-email", {"email": address}, token_from="/me/work-email")


def test_link_is_written_to_the_outbox_and_confirms(app, members, outbox):
    client, me = members.signup("Wendy Work")
    assert _set_work_email(client, "Wendy@Acme.example").status_code == 302
    [message] = outbox_messages(outbox)
    assert message["To"] == "wendy@acme.example"
    assert message["Subject"] == "Confirm your work e-mail"
    path = confirmation_path(message)
    assert "wendy" not in path.lower()  # the address never appears in the URL
    page = client.get(path)
    assert page.status_code == 200 and "wendy@acme.example" in page.get_data(as_text=True)
    # Following the link changes nothing by itself: confirming is a POST.
    assert app.extensions["graph"].work_emails.status(me)["confirmedAt"] is None
    assert client.post(path, token_from=path).status_code == 302
    assert app.extensions["graph"].work_emails.status(me)["confirmedAt"] is not None
    assert "Confirmed" in client.get("/me/work-email").get_data(as_text=True)


def test_confirmed_domain_verifies_recruiter_request_at_once(app, members, outbox):
    admin, _ = members.signup()
    company_id = create_company(admin, "Acme", "acme.example")
    client, me = members.signup()
    _set_work_email(client, "me@acme.example")
    path = confirmation_path(outbox_messages(outbox)[-1])
    client.post(path, token_from=path)
    ask_to_recruit(client, company_id)
    assert _status(app, me, company_id) == ("verified", "work-email")


def test_confirming_later_verifies_the_pending_request(app, members, outbox):
    admin, _ = members.signup()
    company_id = create_company(admin, "Acme", "acme.example")
    other_id = create_company(admin, "Other", "other.example")
    client, me = members.signup()
    ask_to_recruit(client, company_id)
    ask_to_recruit(client, other_id)
    assert _status(app, me, company_id) == ("pending", None)
    _set_work_email(client, "me@acme.example")
    path = confirmation_path(outbox_messages(outbox)[-1])
    response = client.post(path, token_from=path, follow_redirects=True)
    assert "verified recruiter for Acme" in response.get_data(as_text=True)
    assert _status(app, me, company_id) == ("verified", "work-email")
    assert _status(app, me, other_id) == ("pending", None)  # another domain: untouched


def test_unconfirmed_or_other_domain_stays_pending(app, members, outbox):
    admin, _ = members.signup()
    company_id = create_company(admin, "Acme", "acme.example")
    client, me = members.signup()
    _set_work_email(client, "me@acme.example")  # not confirmed
    ask_to_recruit(client, company_id)
    assert _status(app, me, company_id) == ("pending", None)
    second, second_id = members.signup()
    _set_work_email(second, "me@elsewhere.example")
    path = confirmation_path(outbox_messages(outbox)[-1])
    second.post(path, token_from=path)
    ask_to_recruit(second, company_id)
    assert _status(app, second_id, company_id) == ("pending", None)


def test_link_for_another_account_is_refused(app, members, outbox):
    owner, owner_id = members.signup()
    _set_work_email(owner, "owner@acme.example")
    path = confirmation_path(outbox_messages(outbox)[-1])
    intruder, _ = members.signup()
    assert intruder.get(path).status_code == 403
    assert intruder.post(path, token_from="/home").status_code == 403
    assert app.extensions["graph"].work_emails.status(owner_id)["confirmedAt"] is None


def test_tampered_expired_and_superseded_links(app, members, outbox):
    client, me = members.signup()
    _set_work_email(client, "first@acme.example")
    first_path = confirmation_path(outbox_messages(outbox)[-1])
    assert client.get(first_path[:-3] + "xyz").status_code == 400
    _set_work_email(client, "second@acme.example")
    response = client.post(first_path, token_from="/me/work-email")
    assert response.status_code == 400
    assert "no longer your work e-mail" in response.get_data(as_text=True)
    app.config["WORK_EMAIL_LINK_MAX_AGE"] = -1
    second_path = confirmation_path(outbox_messages(outbox)[-1])
    response = client.post(second_path, token_from="/me/work-email")
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)
    assert app.extensions["graph"].work_emails.status(me)["confirmedAt"] is None


@pytest.mark.parametrize("address, message", [
    ("", "Enter your work e-mail address."),
    ("not-an-address", "Enter a valid e-mail address."),
    ("someone@gmail.com", "public e-mail provider"),
])
def test_work_email_validation(members, outbox, address, message):
    client, _ = members.signup()
    response = _set_work_email(client, address)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert outbox_messages(outbox) == []


def test_resend_sends_a_fresh_link(members, outbox):
    client, _ = members.signup()
    _set_work_email(client, "me@acme.example")
    assert client.post("/me/work-email/resend", token_from="/me/work-email").status_code == 302
    assert len(outbox_messages(outbox)) == 2


def test_confirmation_mail_is_capped_per_member(app, members, outbox):
    app.config["WORK_EMAIL_LIMIT_PER_MEMBER"] = "2 per hour"
    client, _ = members.signup()
    assert _set_work_email(client, "me@acme.example").status_code == 302
    assert client.post("/me/work-email/resend", token_from="/me/work-email").status_code == 302
    response = client.post("/me/work-email/resend", token_from="/me/work-email")
    assert response.status_code == 429
    assert len(outbox_messages(outbox)) == 2
    other, _ = members.signup()  # the cap is per member
    assert _set_work_email(other, "other@acme.example").status_code == 302


class _SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept one message; stores what it received."""

    received: list[bytes] = []

    def handle(self):
        self.wfile.write(b"220 sink ready\r\n")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.wfile.write(b"250-sink\r\n250 OK\r\n")
            elif command == b"DATA":
                self.wfile.write(b"354 go ahead\r\n")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk
                self.received.append(data)
                self.wfile.write(b"250 queued\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


@pytest.fixture
def smtp_sink():
    _SmtpSink.received = []
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpSink)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], _SmtpSink.received
    server.shutdown()
    server.server_close()


def test_smtp_is_used_when_configured(app, members, smtp_sink, tmp_path):
    port, received = smtp_sink
    client, _ = members.signup()  # signed up (and e-mail verified) before mail goes to SMTP
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_STARTTLS=False,
                      OUTBOX_DIR=str(tmp_path / "unused"))
    assert _set_work_email(client, "me@acme.example").status_code == 302
    [raw] = received
    message = message_from_bytes(raw)
    assert message["To"] == "me@acme.example"
    assert "/work-email/confirm/" in message.get_payload(decode=True).decode()
    assert not (tmp_path / "unused").exists()


def test_smtp_failure_is_a_clear_message_not_a_500(app, members):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    client, me = members.signup()  # signed up (and e-mail verified) before SMTP breaks
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=closed_port, SMTP_STARTTLS=False)
    response = _set_work_email(client, "me@acme.example")
    assert response.status_code == 302
    page = client.get("/me/work-email").get_data(as_text=True)
    assert "could not be sent" in page and "me@acme.example" in page
    with pytest.raises(MailError):
        deliver(app.config, "x@acme.example", "subject", "body")
