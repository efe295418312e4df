"""Notification settings and saved candidate searches."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from graph.errors import Invalid
from graph.notices.preferences import CATEGORIES, CHANNELS

from ..candidates.forms import CandidateFilterForm
from ..extensions import graph
from . import bp
from .forms import NotificationSettingsForm
from .work import save_search as save_candidate_search


@bp.route("/me/notifications", methods=["GET", "POST"])
@login_required
def settings():
    prefs = graph().notice_preferences.get(current_user.id)
    form = NotificationSettingsForm(data={"job_alerts": prefs["jobAlerts"]})
    if form.validate_on_submit():
        # A ticked box means "on"; what is left unticked is switched off.
        off = [f"{c}:{ch}" for c in CATEGORIES for ch in CHANNELS
               if request.form.get(f"{c}:{ch}") != "on"]
        graph().notice_preferences.save(current_user.id, off, form.job_alerts.data)
        flash("Notification settings saved.", "success")
        return redirect(url_for("alerts.settings"))
    status = 400 if form.is_submitted() else 200
    return render_template("alerts/settings.html", form=form, off=set(prefs["off"]),
                           categories=CATEGORIES, channels=CHANNELS,
                           searches=graph().saved_searches.mine(current_user.id)), status


@bp.route("/candidates/saved-searches", methods=["POST"])
@login_required
def save_search():
    """Save the browse filter as it stands (skills, seniority, region)."""
    form = CandidateFilterForm(request.form)
    if not form.validate():
        raise Invalid(" ".join(e for errors in form.errors.values() for e in errors))
    save_candidate_search(current_user.id, form.skill_list(), form.seniority.data,
                          form.region.data)
    flash("Search saved. You are told about new candidates matching it, on the site and in "
          "a daily e-mail digest.", "success")
    return redirect(url_for("alerts.settings"))


@bp.route("/candidates/saved-searches/<search_id>/delete", methods=["POST"])
@login_required
def delete_search(search_id: str):
    graph().saved_searches.delete(current_user.id, search_id)
    flash("Saved search deleted.", "info")
    return redirect(url_for("alerts.settings"))
