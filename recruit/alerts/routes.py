"""Notification settings, saved candidate searches and saved job filters."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Invalid
from graph.alerts.job_filters import MAX_SAVED_FILTERS
from graph.notices.preferences import CATEGORIES, CHANNELS, MANDATORY

from ..candidates.forms import CandidateFilterForm
from ..extensions import graph
from ..i18n.labels import TranslatedLabels
from . import bp
from .forms import NotificationSettingsForm, SavedJobFilterForm
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
        flash(_("Notification settings saved."), "success")
        return redirect(url_for("alerts.settings"))
    status = 400 if form.is_submitted() else 200
    return render_template("alerts/settings.html", form=form, off=set(prefs["off"]),
                           categories=TranslatedLabels(CATEGORIES), channels=TranslatedLabels(CHANNELS),
                           mandatory=TranslatedLabels(MANDATORY),
                           searches=graph().saved_searches.mine(current_user.id)), status


@bp.route("/candidates/saved-searches", methods=["POST"])
@login_required
def save_search():
    """Save the browse filter as it stands (skills, seniority, region)."""
    form = CandidateFilterForm(request.form)
    if not form.validate():
        # The form's messages are translated already.
        problems = " ".join(e for errors in form.errors.values() for e in errors)
        raise Invalid(problems)
    save_candidate_search(current_user.id, form.skill_list(), form.seniority.data,
                          form.region.data)
    flash(_("Search saved. You are told about new candidates matching it, on the site and in "
            "a daily e-mail digest."), "success")
    return redirect(url_for("alerts.settings"))


@bp.route("/candidates/saved-searches/<search_id>/delete", methods=["POST"])
@login_required
def delete_search(search_id: str):
    graph().saved_searches.delete(current_user.id, search_id)
    flash(_("Saved search deleted."), "info")
    return redirect(url_for("alerts.settings"))


@bp.route("/jobs/saved-filters")
@login_required
def job_filters():
    """The member's saved job filters, each deletable."""
    return render_template("alerts/job_filters.html",
                           filters=graph().saved_job_filters.mine(current_user.id),
                           limit=MAX_SAVED_FILTERS,
                           job_alerts=graph().notice_preferences.get(current_user.id)["jobAlerts"])


@bp.route("/jobs/saved-filters", methods=["POST"])
@login_required
def save_job_filter():
    """Save the job feed's filters as they stand: new jobs in the member's network that
    match are announced (in the app, and in the daily e-mail digest)."""
    form = SavedJobFilterForm()
    if not form.validate_on_submit():
        # The form's messages are translated already.
        problems = " ".join(e for errors in form.errors.values() for e in errors)
        raise Invalid(problems or _("The form could not be read; try again."))
    graph().saved_job_filters.save(current_user.id, form.filters())
    flash(_("Filter saved. When a new job like these opens in your network, you are told on "
            "the site and in the daily e-mail digest."), "success")
    return redirect(url_for("alerts.job_filters"))


@bp.route("/jobs/saved-filters/<filter_id>/delete", methods=["POST"])
@login_required
def delete_job_filter(filter_id: str):
    graph().saved_job_filters.delete(current_user.id, filter_id)
    flash(_("Saved filter deleted."), "info")
    return redirect(url_for("alerts.job_filters"))
