"""The "Your sessions" page: where the member is logged in; end one or all others."""
from __future__ import annotations

import time

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.server_sessions import current_session_key
from ..extensions import graph
from . import bp


@bp.route("/account/sessions")
@login_required
def sessions():
    rows = graph().sessions.for_member(current_user.id, current_session_key(), int(time.time()),
                                       current_app.config["SESSION_IDLE_MINUTES"] * 60)
    return render_template("account/sessions.html", sessions=rows)


@bp.route("/account/sessions/<session_id>/end", methods=["POST"])
@login_required
def end_session(session_id: str):
    graph().sessions.end(current_user.id, session_id)  # NotFound (404) if not theirs
    flash(_("That session is logged out."), "success")
    return redirect(url_for("account.sessions"))


@bp.route("/account/sessions/end-others", methods=["POST"])
@login_required
def end_other_sessions():
    ended = graph().sessions.end_others(current_user.id, current_session_key())
    flash(_("%(ended)s other session(s) logged out.", ended=ended), "success")
    return redirect(url_for("account.sessions"))
