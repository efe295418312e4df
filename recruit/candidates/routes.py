"""Browsing pseudonymous candidates, their profiles, and writing to one first.

A candidate the viewer may not see and one that does not exist give the same 404 page:
the repository answers None for both, and nothing else is looked up before that.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import graph, limiter
from .access import _conversation_limit, _member_key, profile_to_write_to, visible_profile
from ..listing import requested_page
from . import bp
from .forms import CandidateFilterForm, StartConversationForm

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
    profile = profile_to_write_to(pseudonym_id)
    form = _start_form()
    if not form.validate_on_submit():
        return render_template("candidates/profile.html", profile=profile, form=form), 400
    conversation_id = graph().conversations.start_as_counterpart(
        current_user.id, pseudonym_id, form.body.data, form.job.data or None)
    flash(_("Message sent."), "success")
    return redirect(url_for("messages.thread", conversation_id=conversation_id))
