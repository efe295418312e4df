"""The staff moderation queue of the workplace channel (staff only: every repository call
checks it in its query), beside the staff review queue."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from graph.errors import Invalid
from graph.workplace.moderation import ACTIONS

from ..extensions import graph
from . import bp
from .forms import EscalationForm, ModerationForm


@bp.route("/staff/workplace")
@login_required
def queue():
    return render_template("workplace/moderation.html",
                           items=graph().workplace_moderation.queue(current_user.id),
                           form=ModerationForm(formdata=None),
                           escalation=EscalationForm(formdata=None), identified=None)


@bp.route("/staff/workplace/<target_id>/<action>", methods=["POST"])
@login_required
def decide(target_id: str, action: str):
    if action not in ACTIONS:
        raise Invalid("Hide, restore or warn, nothing else.")
    form = ModerationForm()
    if not form.validate_on_submit():
        raise Invalid("The reason is at most 300 characters.")
    graph().workplace_moderation.decide(current_user.id, target_id, action,
                                        form.reason.data or "")
    flash({"hide": "Hidden.", "restore": "Restored.",
           "warn": "The author was warned (by their keyed hash)."}[action], "info")
    return redirect(url_for("workplace.queue"))


@bp.route("/staff/workplace/<target_id>/escalate", methods=["POST"])
@login_required
def escalate(target_id: str):
    """Identify an author: staff only, recorded with the reason before the look-up."""
    form = EscalationForm()
    if not form.validate_on_submit():
        raise Invalid("; ".join(form.reason.errors) or "Say why.")
    member = graph().workplace_moderation.escalate(
        current_user.id, target_id, form.reason.data,
        datetime.now(timezone.utc).isoformat(timespec="seconds"))
    return render_template("workplace/moderation.html",
                           items=graph().workplace_moderation.queue(current_user.id),
                           form=ModerationForm(formdata=None), escalation=form,
                           identified=member or {"name": "nobody (the account is gone)"})
