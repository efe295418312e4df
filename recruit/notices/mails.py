"""E-mail copies of notices (friend requests, conversations), queued in the graph by
``add_notices`` as each member's switches allow (``graph.notices.mails``) and mailed by
the recurring task ``notice_mails`` (``recruit/tasks/scheduled.py``)."""
from __future__ import annotations

import logging

from flask import url_for

from ..extensions import graph
from ..mail import MailError, send_mail

logger = logging.getLogger(__name__)


def send_notice_mails() -> int:
    """Mail every pending copy; forget each once handed to the mail queue (a failed one
    stays for the next run). Returns how many went out."""
    pending = graph().notice_mails.pending()
    sent = []
    base = url_for("main.index", _external=True).rstrip("/")
    for mail in pending:
        body = (f"Hello {mail['name']},\n\n{mail['text']}\n"
                + (f"\n{base}{mail['link']}\n" if mail["link"] else "")
                + "\nChoose what we e-mail you under Me → Notification settings.\n")
        try:
            send_mail(mail["email"], mail["text"][:120], body)
        except MailError:
            logger.warning("notice e-mail not sent; kept for the next run")
            continue
        sent.append(mail["id"])
    graph().notice_mails.mark_sent(sent)
    return len(sent)
