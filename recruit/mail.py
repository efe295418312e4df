"""Outgoing mail, reusable by any feature: ``send_mail(to, subject, body)``.

With ``SMTP_HOST`` configured the message goes out through SMTP (STARTTLS by default,
login when ``SMTP_USER`` is set). Without it, the message is written as an ``.eml`` file
to ``OUTBOX_DIR`` (default ``instance/outbox``, git-ignored) so a developer can open it
in any mail client or text editor. Addresses are contact data: they are never logged.

Queued: with a task queue (``REDIS_URL``), ``send_mail`` only enqueues the
message and returns; the worker delivers it, retrying with back-off while SMTP is down
(``MAIL_RETRIES`` attempts, ``MAIL_RETRY_DELAY`` seconds doubling each time). Each message
has an id: once delivered it is marked sent, and a retry or a second copy of the task
finds the mark and sends nothing, so a message is never sent twice. Without a queue
(tests, no Redis), or when Redis cannot be reached, it is delivered inline as before and
a failure raises ``MailError``.
"""
from __future__ import annotations

import logging
import os
import smtplib
import tempfile
import time
import uuid
from collections.abc import Mapping
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app
from huey.exceptions import RetryTask
from redis.exceptions import RedisError

from graph.i18n import N_

from .tasks.queue import app_context, huey, redis_client

logger = logging.getLogger(__name__)


class MailError(Exception):
    """The message could not be handed to the mail server or written to the outbox."""


SENT_MARK = "recruit:mail:sent:"
SENT_MARK_DAYS = 30
CLAIM_MARK = "recruit:mail:sending:"
# Longer than an SMTP exchange can take (SMTP_TIMEOUT, default 10 s, per step).
CLAIM_SECONDS = 120


def build_message(sender: str, to: str, subject: str, body: str,
                  message_id: str | None = None) -> EmailMessage:
    """A plain-text message with the headers every mail server expects. A given
    ``message_id`` makes the Message-ID header the same on every attempt."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = (f"<{message_id}@referral.local>" if message_id
                             else make_msgid(domain="referral.local"))
    message.set_content(body)
    return message


def _send_smtp(config: Mapping, message: EmailMessage) -> None:
    smtp = smtplib.SMTP(config["SMTP_HOST"], int(config.get("SMTP_PORT", 587)),
                        timeout=float(config.get("SMTP_TIMEOUT", 10)))
    try:
        if config.get("SMTP_STARTTLS", True):
            smtp.starttls()
        if config.get("SMTP_USER"):
            smtp.login(config["SMTP_USER"], config.get("SMTP_PASSWORD", ""))
        smtp.send_message(message)
    finally:
        # Once the server accepted the message it is sent: a failing QUIT must not make
        # the caller retry it.
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _write_outbox(outbox: str, message: EmailMessage) -> Path:
    folder = Path(outbox)
    folder.mkdir(parents=True, exist_ok=True)
    # Named so that sorting the names sorts the messages by when they were written: the
    # second, then its nanoseconds (two mails of one request share a second), then a
    # random tail against collisions between processes.
    now_ns = time.time_ns()
    stamp = datetime.fromtimestamp(now_ns // 10**9, timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = folder / f"{stamp}.{now_ns % 10**9:09d}-{uuid.uuid4().hex[:12]}.eml"
    # Written under a temporary name and renamed, so a reader never sees half a message.
    with tempfile.NamedTemporaryFile("wb", dir=folder, suffix=".tmp", delete=False) as tmp:
        tmp.write(message.as_bytes())
    os.replace(tmp.name, target)
    return target


def deliver(config: Mapping, to: str, subject: str, body: str,
            message_id: str | None = None) -> str:
    """Send with the settings in ``config``; returns 'smtp' or the outbox file's path.
    Raises ``MailError`` when delivery fails."""
    message = build_message(config.get("MAIL_FROM", "no-reply@referral.local"), to, subject,
                            body, message_id)
    try:
        if config.get("SMTP_HOST"):
            _send_smtp(config, message)
            logger.info("mail sent through SMTP: %s", subject)
            return "smtp"
        path = _write_outbox(config["OUTBOX_DIR"], message)
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("mail not delivered (%s): %s", type(exc).__name__, subject)
        raise MailError(N_("The e-mail could not be sent. Please try again later.")) from exc
    logger.info("mail written to the outbox: %s", path.name)
    return str(path)


@huey.task()
def deliver_queued(message_id: str, to: str, subject: str, body: str) -> str:
    """The worker's side of ``send_mail``: deliver unless already sent. Two copies of the
    task never send together: each must first claim the message (SET NX, expiring in case
    its worker dies); a copy that finds it claimed tries again later. A ``MailError``
    releases the claim and makes Huey retry with back-off."""
    client = redis_client()
    if client.exists(SENT_MARK + message_id):
        logger.info("mail %s already sent; not sending again", message_id)
        return "already-sent"
    if not client.set(CLAIM_MARK + message_id, "1", nx=True, ex=CLAIM_SECONDS):
        raise RetryTask(f"mail {message_id} is being sent by another worker", delay=10)
    try:
        with app_context() as app:
            outcome = deliver(app.config, to, subject, body, message_id)
    except MailError:
        client.delete(CLAIM_MARK + message_id)
        raise
    try:
        client.set(SENT_MARK + message_id, "1", ex=SENT_MARK_DAYS * 24 * 3600)
    except RedisError:  # sent all the same; the unexpired claim still stops a resend
        logger.warning("mail %s sent but not marked (Redis unreachable)", message_id)
    return outcome


def send_mail(to: str, subject: str, body: str) -> str:
    """Send a message with the current app's settings. With a queue, enqueue it and
    return ``"queued"`` at once; otherwise deliver it now (see ``deliver``), raising
    ``MailError`` when that fails."""
    config = current_app.config
    message_id = uuid.uuid4().hex
    if huey.immediate:
        return deliver(config, to, subject, body, message_id)
    task = deliver_queued.s(message_id, to, subject, body,
                            retries=int(config.get("MAIL_RETRIES", 10)),
                            retry_delay=float(config.get("MAIL_RETRY_DELAY", 30)),
                            retry_backoff=2, id=message_id)
    try:
        huey.enqueue(task)
    except RedisError as exc:
        # The queue is away: better one attempt now than a lost message.
        logger.warning("mail queue unreachable (%s); delivering inline", type(exc).__name__)
        return deliver(config, to, subject, body, message_id)
    return "queued"
