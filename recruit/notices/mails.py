"""E-mail copies of notices (friend requests, conversations), queued in the graph by
``add_notices`` as each member's switches allow (``graph.notices.mails``) and mailed by
the recurring task ``notice_mails`` (``recruit/tasks/scheduled.py``)."""
from __future__ import annotations

import logging

from flask import url_for
from flask_babel import force_locale, gettext as _

from ..extensions import graph
from ..i18n.labels import message_text
from ..i18n.locale import normalise
from ..mail import MailError, send_mail

logger = logging.getLogger(__name__)


def send_notice_mails() -> int:
    """Mail every pending copy; forget each once handed to the mail queue (a failed one
    stays for the next run). Returns how many went out."""
    pending = graph().notice_mails.pending()
    sent = []
    base = url_for("main.index", _external=True).rstrip("/")
    for mail in pending:
        # In the recipient's chosen language; English when they never chose one.
        with force_locale(normalise(mail.get("locale")) or "en"):
            text = message_text(mail.get("message"), mail["text"])
            body = (_("Hello %(name)s,", name=mail["name"]) + f"\n\n{text}\n"
                    + (f"\n{base}{mail['link']}\n" if mail["link"] else "")
                    + "\n" + _("Choose what we e-mail you under Me → Notification settings.")
                    + "\n")
        try:
            send_mail(mail["email"], text[:120], body)
        except MailError:
            logger.warning("notice e-mail not sent; kept for the next run")
            continue
        sent.append(mail["id"])
    graph().notice_mails.mark_sent(sent)
    return len(sent)
