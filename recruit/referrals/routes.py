"""Referral pages: who fits, the refer form, a referral's page (confirm, decline, move),
the member's record, the company's pipeline and leaderboard."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.referrals.fit import LEVEL_LABELS
from graph.referrals.stages import PROGRESSION, STAGE_LABELS

from ..extensions import graph
from ..i18n.labels import TranslatedLabels
from ..idempotency import AlreadyApplied, submitted_request_id
from ..listing import requested_page
from . import bp
from .forms import NOTE_HELP, MoveForm, ReferForm, StatusFilterForm
from . import actions
from .tokens import link_token


@bp.app_context_processor
def referral_helpers() -> dict:
    """Labels for stages and levels, the viewer's personal link and whether they work at a
    company (one query, only when a template asks), for every template."""
    def personal_link(job_id: str) -> str:
        return url_for("referrals.link", token=link_token(current_user.id, job_id), _external=True)

    def works_at(company_id: str) -> bool:
        return current_user.is_authenticated and graph().who_fits.works_at(current_user.id,
                                                                           company_id)
    return {"stage_labels": TranslatedLabels(STAGE_LABELS),
            "level_labels": TranslatedLabels(LEVEL_LABELS),
            "personal_link": personal_link, "works_at": works_at}


@bp.route("/referrals")
@login_required
def index():
    record = graph().referral_credit.record(current_user.id)
    return render_template("referrals/index.html", record=record)


@bp.route("/referrals/who-fits")
@login_required
def who_fits():
    rows = graph().who_fits.who_fits(current_user.id)
    return render_template("referrals/who_fits.html", rows=rows)


def _refer_form(page: dict) -> ReferForm:
    form = ReferForm() if request.method == "POST" else ReferForm(
        formdata=None, data={"friend": request.args.get("friend", "")})
    form.friend.choices = [(f["id"], f["name"]) for f in page["friends"]]
    return form


@bp.route("/jobs/<job_id>/refer", methods=["GET", "POST"])
@login_required
def refer(job_id: str):
    page = actions.refer_page(job_id)
    form = _refer_form(page)
    if form.validate_on_submit():
        try:
            result = actions.refer(job_id, form.kind.data, form.friend.data, form.name.data,
                                   form.email.data, form.note.data, submitted_request_id())
        except AlreadyApplied as done:  # a double submit or a retry: no second referral,
            return redirect(url_for("referrals.view",  # and no second e-mail
                                    referral_id=done.result["referral"]["id"]))
        actions.announce(result, form.kind.data, form.email.data or "")
        if form.kind.data == "friend":
            flash(_("Referral sent. %(name)s is asked to confirm it; the recruiters see it "
                    "once they do.", name=result['candidate']['name']), "success")
        else:
            flash(_("Invitation sent to %(data)s. The recruiters see the referral once they "
                    "confirm it.", data=form.name.data), "success")
        return redirect(url_for("referrals.view", referral_id=result["referral"]["id"]))
    status = 400 if form.is_submitted() else 200
    return render_template("referrals/refer.html", page=page, form=form,
                           note_help=_(NOTE_HELP)), status


@bp.route("/referrals/<referral_id>")
@login_required
def view(referral_id: str):
    data = graph().referral_pipeline.referral(current_user.id, referral_id)
    form = MoveForm(formdata=None, data={"stage": _next_stage(data["referral"]["status"])})
    return render_template("referrals/view.html", data=data, form=form)


def _next_stage(status: str) -> str:
    if status in PROGRESSION[:-1]:
        return PROGRESSION[PROGRESSION.index(status) + 1]
    return status


@bp.route("/referrals/<referral_id>/confirm", methods=["POST"], defaults={"accept": True})
@bp.route("/referrals/<referral_id>/decline", methods=["POST"], defaults={"accept": False})
@login_required
def answer(referral_id: str, accept: bool):
    result = actions.answer(referral_id, accept)
    if accept:
        if result["ownership"]["owner"]:
            flash(_("Referral confirmed. The company's recruiters can see it now."), "success")
        else:
            flash(_("Referral confirmed and kept on record. An earlier referral of you for this "
                    "job owns it, so that one carries your application."), "info")
    else:
        flash(_("Referral declined. Nothing was shared with the company."), "info")
    return redirect(url_for("referrals.view", referral_id=referral_id))


@bp.route("/referrals/<referral_id>/move", methods=["POST"])
@login_required
def move(referral_id: str):
    data = graph().referral_pipeline.referral(current_user.id, referral_id)  # 404 if unseen
    form = MoveForm()
    if not form.validate_on_submit():
        return render_template("referrals/view.html", data=data, form=form), 400
    result = actions.move(referral_id, form.stage.data, form.comment.data)
    flash(_("Moved to “%(value)s”. %(name)s and %(name2)s are notified.", value=_(STAGE_LABELS[result['stage']]), name=result['referrer']['name'], name2=result['candidate']['name']), "success")
    return redirect(url_for("referrals.view", referral_id=referral_id))


@bp.route("/companies/<company_id>/referrals")
@login_required
def pipeline(company_id: str):
    form = StatusFilterForm(request.args)
    page = requested_page()
    status = form.status.data if form.validate() else ""
    data = graph().referral_pipeline.company_referrals(current_user.id, company_id, status,
                                                       page.skip, page.size)
    return render_template("referrals/pipeline.html", data=data, form=form, page=page,
                           pages=page.pages_for(data["total"]), status=status)


@bp.route("/companies/<company_id>/leaderboard")
@login_required
def leaderboard(company_id: str):
    data = graph().referral_credit.leaderboard(current_user.id, company_id)
    return render_template("referrals/leaderboard.html", data=data)
