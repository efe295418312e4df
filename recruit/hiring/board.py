"""A job's pipeline: every candidate of the job on one board (or table), and the moves.

Moves are plain POST forms with CSRF (no script needed). An application moves through
``graph().pipeline_board``; a referral through ``graph().referral_pipeline``, which keeps
its own history, points and notices.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Invalid, NotFound
from graph.hiring.rejections import REASONS
from graph.i18n import N_
from graph.referrals.stages import PIPELINE, STAGE_LABELS


from ..extensions import graph
from ..i18n.labels import TranslatedLabels
from ..listing import with_badges
from ..referrals.notify import mail_moved
from . import bp
from .forms import MoveCardForm

SOURCE_LABELS = {"application": N_("Applied"),
                 "pseudonymous_application": N_("Applied under a pseudonym"),
                 "referral": N_("Referral"), "outside_referral": N_("Referral from outside the site")}


def _board_data(job_id: str) -> dict:
    data = graph().pipeline_board.board(current_user.id, job_id)
    named = [c for c in data["cards"] if c.get("candidate")]
    badges = with_badges([{"id": c["candidate"]["id"]} for c in named])
    by_id = {row["id"]: row.get("badge") for row in badges}
    for card in named:
        card["badge"] = by_id.get(card["candidate"]["id"])
    return data


@bp.route("/jobs/<job_id>/board")
@login_required
def board(job_id: str):
    data = _board_data(job_id)
    view = "table" if request.args.get("view") == "table" else "board"
    return render_template("hiring/board.html", data=data, view=view, pipeline=PIPELINE,
                           source_labels=TranslatedLabels(SOURCE_LABELS), reasons=TranslatedLabels(REASONS),
                           form=MoveCardForm(formdata=None))


def _card(job_id: str, kind: str, card_id: str) -> dict:
    """The card on this job's board (404 when it is not there for this viewer)."""
    data = graph().pipeline_board.board(current_user.id, job_id)
    for card in data["cards"]:
        if card["kind"] == kind and card["id"] == card_id:
            return card
    raise NotFound("No such candidate on this job's board.")


@bp.route("/jobs/<job_id>/board/<kind>/<card_id>/move", methods=["POST"])
@login_required
def move(job_id: str, kind: str, card_id: str):
    if kind not in ("application", "referral"):
        raise NotFound("No such candidate on this job's board.")
    card = _card(job_id, kind, card_id)
    form = MoveCardForm()
    if not form.validate_on_submit():
        # The form's messages are translated already.
        problems = " ".join(e for errors in form.errors.values() for e in errors)
        raise Invalid(problems)
    if kind == "referral":
        result = graph().referral_pipeline.move(
            current_user.id, card_id, form.stage.data, form.comment.data,
            reason=form.reason.data, hide_reason=form.hide_reason.data)
        mail_moved(result)
    else:
        graph().pipeline_board.move(current_user.id, job_id, card_id, form.stage.data,
                                    form.comment.data, form.reason.data, form.hide_reason.data)
    who = card["candidate"]["name"] if card.get("candidate") else card.get("pseudonymName", "")
    flash(_("%(who)s moved to “%(value)s”; the candidate is told.", who=who, value=_(STAGE_LABELS[form.stage.data])), "success")
    return redirect(url_for("hiring.board", job_id=job_id, view=request.args.get("view")))


@bp.route("/jobs/<job_id>/board/application/<card_id>/ask-reveal", methods=["POST"])
@login_required
def ask_reveal(job_id: str, card_id: str):
    graph().pipeline_board.ask_reveal(current_user.id, job_id, card_id)
    flash(_("Asked. The candidate decides whether to tell you who they are."), "success")
    return redirect(url_for("hiring.board", job_id=job_id))
