"""The "People you may know" page, its short form on home, and dismissing."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.session import safe_next_url
from ..extensions import graph
from ..listing import requested_page
from . import bp
from .badges import suggestion_badge

HOME_COUNT = 5


@bp.app_context_processor
def people_you_may_know_helper():
    """``people_you_may_know(n)`` for templates (home): the top ``n`` suggestions. A
    function, so the query runs only on pages that call it."""
    def people_you_may_know(count: int = HOME_COUNT) -> dict:
        rows, total = graph().suggestions.page(current_user.id, 0, count)
        return {"rows": [{**row, "badge": suggestion_badge(row)} for row in rows], "total": total}
    return {"people_you_may_know": people_you_may_know}


@bp.route("/suggestions")
@login_required
def index():
    page = requested_page()
    rows, total = graph().suggestions.page(current_user.id, page.skip, page.size)
    rows = [{**row, "badge": suggestion_badge(row)} for row in rows]
    return render_template("suggestions/index.html", rows=rows, total=total, page=page,
                           pages=page.pages_for(total),
                           dismissed=graph().suggestions.dismissed_count(current_user.id))


@bp.route("/suggestions/<person_id>/dismiss", methods=["POST"])
@login_required
def dismiss(person_id: str):
    graph().suggestions.dismiss(current_user.id, person_id)
    flash(_("We won't suggest this member again."), "info")
    return redirect(safe_next_url(request.form.get("next")) or url_for("suggestions.index"))


@bp.route("/suggestions/restore", methods=["POST"])
@login_required
def restore():
    count = graph().suggestions.restore_dismissed(current_user.id)
    flash(_("%(count)s dismissed suggestion%(value)s restored.", count=count, value='s' if count != 1 else ''), "success")
    return redirect(url_for("suggestions.index"))
