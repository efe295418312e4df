"""Browsing pseudonymous candidates, their profiles, and writing to one first.

A candidate the viewer may not see and one that does not exist give the same 404 page:
the repository answers None for both, and nothing else is looked up before that.
"""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from graph.errors import Invalid, NotFound

from ..extensions import graph, limiter
from ..listing import requested_page
from . import bp
from .forms import CandidateFilterForm, StartConversationForm

NOT_FOUND = "No such candidate."


def _conversation_limit() -> str:
    return current_app.config.get("CONVERSATION_LIMIT", "30 per hour")


def _member_key() -> str:
    return "conversations:" + str(current_user.get_id())


def visible_profile(pseudonym_id: str) -> dict:
    """The pseudonymous profile the current member may see; ``NotFound`` otherwise. Each
    distinct profile opened is recorded and counts towards the daily limit (429 past it)."""
    profile = graph().profile_audit.open_profile(
        current_user.id, pseudonym_id, current_app.config["CANDIDATE_PROFILES_PER_DAY"])
    if profile is None:
        raise NotFound(NOT_FOUND)
    return profile


def _start_form() -> StartConversationForm:
    form = StartConversationForm()
    form.offer_jobs(graph().candidate_search.own_open_jobs(current_user.id))
    return form


@bp.route("/candidates")
@login_required
def browse():
    form = CandidateFilterForm(request.args)
    page = requested_page()
    rows, total, status = [], 0, 200
    if form.validate():
        rows, total = graph().candidate_search.browse(
            current_user.id, form.skill_list(), form.seniority.data, form.region.data,
            page.skip, page.size)
    else:
        status = 400
    return render_template("candidates/browse.html", form=form, rows=rows, total=total,
                           page=page, pages=page.pages_for(total)), status


@bp.route("/candidates/<pseudonym_id>")
@login_required
def view(pseudonym_id: str):
    profile = visible_profile(pseudonym_id)
    form = None if profile["own"] else _start_form()
    return render_template("candidates/profile.html", profile=profile, form=form)


@bp.route("/candidates/<pseudonym_id>/message", methods=["POST"])
@login_required
@limiter.limit(_conversation_limit, key_func=_member_key)
def start(pseudonym_id: str):
    profile = visible_profile(pseudonym_id)
    if profile["own"]:
        raise Invalid("This is your own pseudonym.")
    form = _start_form()
    if not form.validate_on_submit():
        return render_template("candidates/profile.html", profile=profile, form=form), 400
    conversation_id = graph().conversations.start_as_counterpart(
        current_user.id, pseudonym_id, form.body.data, form.job.data or None)
    flash("Message sent.", "success")
    return redirect(url_for("messages.thread", conversation_id=conversation_id))
