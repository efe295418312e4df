"""The member's notifications. Opening one marks it read (a POST) and goes to its link,
which is always a path on this site."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..auth.session import safe_next_url
from ..extensions import graph
from ..pagination import requested_page
from . import bp


@bp.app_context_processor
def unread_notifications() -> dict:
    """``unread_notifications()`` for the navigation bar; the query runs only when a
    template calls it, for a logged-in member."""
    def count() -> int:
        if not current_user.is_authenticated:
            return 0
        return graph().notifications.unread_count(current_user.id)
    return {"unread_notifications": count}


@bp.route("/notifications")
@login_required
def index():
    page = requested_page()
    data = graph().notifications.page(current_user.id, page.skip, page.size)
    return render_template("notifications/index.html", data=data, page=page,
                           pages=page.pages_for(data["total"]))


@bp.route("/notifications/<notification_id>/open", methods=["POST"])
@login_required
def open_one(notification_id: str):
    link = graph().notifications.mark_read(current_user.id, notification_id)
    return redirect(safe_next_url(link) or url_for("notifications.index"))


@bp.route("/notifications/read", methods=["POST"])
@login_required
def read_all():
    changed = graph().notifications.mark_all_read(current_user.id)
    flash(f"{changed} notification{'s' if changed != 1 else ''} marked read.", "info")
    return redirect(url_for("notifications.index"))
