"""Outgoing mail, reusable by any feature: ``send_mail(to, subject, body)``.

With ``SMTP_HOST`` configured the message goes out through SMTP (STARTTLS by default,
login when ``SMTP_USER`` is set). Without it, the message is written as an ``.eml`` file
to ``OUTBOX_DIR`` (default ``instance/outbox``, git-ignored) so a developer can open it
in any mail client or text editor. Addresses are contact data: they are never logged.
"""
from __future__ import annotations

import logging
import os
import smtplib
import tempfile
import uuid
from collections.abc import Mapping
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app

logger = logging.getLogger(__name__)


class MailError(Exception):
    """The message could not be handed to the mail server or written to the outbox."""


def build_message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text message with the headers every mail server expects."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain="referral.local")
    message.set_content(body)
    return message


def _send_smtp(config: Mapping, message: EmailMessage) -> None:
    with smtplib.SMTP(config["SMTP_HOST"], int(config.get("SMTP_PORT", 587)),
                      timeout=float(config.get("SMTP_TIMEOUT", 10))) as smtp:
        if config.get("SMTP_STARTTLS", True):
            smtp.starttls()
        if config.get("SMTP_USER"):
            smtp.login(config["SMTP_USER"], config.get("SMTP_PASSWORD", ""))
        smtp.send_message(message)


def _write_outbox(outbox: str, message: EmailMessage) -> Path:
    folder = Path(outbox)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = folder / f"{stamp}-{uuid.uuid4().hex[:12]}.eml"
    # Written under a temporary name and renamed, so a reader never sees half a message.
    with tempfile.NamedTemporaryFile("wb", dir=folder, suffix=".tmp", delete=False) as tmp:
        tmp.write(message.as_bytes())
    os.replace(tmp.name, target)
    return target


def deliver(config: Mapping, to: str, subject: str, body: str) -> str:
    """Send with the settings in ``config``; returns 'smtp' or the outbox file's path.
    Raises ``MailError`` when delivery fails."""
    message = build_message(config.get("MAIL_FROM", "no-reply@referral.local"), to, subject, body)
    try:
        if config.get("SMTP_HOST"):
            _send_smtp(config, message)
            logger.info("mail sent through SMTP: %s", subject)
            return "smtp"
        path = _write_outbox(config["OUTBOX_DIR"], message)
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("mail not delivered (%s): %s", type(exc).__name__, subject)
        raise MailError("The e-mail could not be sent. Please try again later.") from exc
    logger.info("mail written to the outbox: %s", path.name)
    return str(path)


def send_mail(to: str, subject: str, body: str) -> str:
    """Send with the current app's settings (see ``deliver``)."""
    return deliver(current_app.config, to, subject, body)
