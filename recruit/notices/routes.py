"""The member's notifications (conversations, referrals, introductions). Opening one marks it read (a POST) and goes to its link,
which is always a path on this site."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.session import safe_next_url
from ..extensions import graph
from ..listing import requested_page
from . import bp


@bp.route("/notices")
@login_required
def index():
    page = requested_page()
    data = graph().notices.page(current_user.id, page.skip, page.size)
    return render_template("notices/index.html", data=data, page=page,
                           pages=page.pages_for(data["total"]))


@bp.route("/notices/<notice_id>/open", methods=["POST"])
@login_required
def open_one(notice_id: str):
    link = graph().notices.mark_read(current_user.id, notice_id)
    return redirect(safe_next_url(link) or url_for("notices.index"))


@bp.route("/notices/read", methods=["POST"])
@login_required
def read_all():
    changed = graph().notices.mark_all_read(current_user.id)
    flash(_("%(changed)s notice%(value)s marked read.", changed=changed, value='s' if changed != 1 else ''), "info")
    return redirect(url_for("notices.index"))
