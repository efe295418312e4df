"""The inbox, threads, replies, "I'm interested — reveal" and notifications.

Reading a thread changes nothing (no state change on GET): the member marks it read with
a button, and writing a reply marks it read up to their own message.
"""
from __future__ import annotations

import logging

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..candidates.forms import MessageForm
from ..extensions import graph
from ..idempotency import AlreadyApplied, submitted_request_id
from ..listing import requested_page
from . import bp

logger = logging.getLogger(__name__)


@bp.app_context_processor
def navigation_counts():
    """``nav_counts()`` for templates: unread messages and notifications and the
    member's active pseudonym, fetched once per request and only when asked for."""

    def nav_counts():
        if not current_user.is_authenticated:
            return None
        if "nav_counts" not in g:
            try:
                g.nav_counts = graph().conversations.counts(current_user.id)
            except Exception:  # the page (maybe an error page) must still render
                logger.exception("navigation counts unavailable")
                g.nav_counts = None
        return g.nav_counts

    return {"nav_counts": nav_counts}


def _thread_page(conversation_id: str, form: MessageForm | None = None, status: int = 200):
    thread = graph().conversations.thread(current_user.id, conversation_id)
    return render_template("messages/thread.html", thread=thread,
                           form=form or MessageForm(formdata=None)), status


@bp.route("/messages")
@login_required
def inbox():
    page = requested_page()
    rows, total, unread = graph().conversations.inbox(current_user.id, page.skip, page.size)
    return render_template("messages/inbox.html", rows=rows, total=total, unread=unread,
                           page=page, pages=page.pages_for(total))


@bp.route("/messages/<conversation_id>")
@login_required
def thread(conversation_id: str):
    return _thread_page(conversation_id)


@bp.route("/messages/<conversation_id>", methods=["POST"])
@login_required
def reply(conversation_id: str):
    form = MessageForm()
    if not form.validate_on_submit():
        return _thread_page(conversation_id, form, 400)
    try:
        graph().conversations.post(current_user.id, conversation_id, form.body.data,
                                   request_id=submitted_request_id())
    except AlreadyApplied:  # a double submit or a retry: the message is there once
        pass
    return redirect(url_for("messages.thread", conversation_id=conversation_id) + "#latest")


@bp.route("/messages/<conversation_id>/read", methods=["POST"])
@login_required
def mark_read(conversation_id: str):
    graph().conversations.mark_read(current_user.id, conversation_id)
    return redirect(url_for("messages.thread", conversation_id=conversation_id))


@bp.route("/messages/<conversation_id>/interest", methods=["POST"])
@login_required
def interest(conversation_id: str):
    state = graph().reveals.express_interest(current_user.id, conversation_id)
    if state.revealed:
        flash(_("You both said yes: the candidate's identity is now revealed to this "
                "counterpart only."), "success")
    else:
        flash(_("Noted. The identity is revealed only when the other side says yes too; "
                "until then you can withdraw."), "info")
    return redirect(url_for("messages.thread", conversation_id=conversation_id))


@bp.route("/messages/<conversation_id>/withdraw", methods=["POST"])
@login_required
def withdraw(conversation_id: str):
    graph().reveals.withdraw(current_user.id, conversation_id)
    flash(_("Interest withdrawn."), "info")
    return redirect(url_for("messages.thread", conversation_id=conversation_id))


@bp.route("/notifications")
@login_required
def notifications():
    # Conversation alerts live with every other notification now; keep old links working.
    return redirect(url_for("notices.index"))
