"""A job's pipeline: every candidate of the job on one board (or table), and the moves.

Moves are plain POST forms with CSRF (no script needed). An application moves through
``graph().pipeline_board``; a referral through ``graph().referral_pipeline``, which keeps
its own history, points and notices.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Invalid
from graph.hiring.rejections import REASONS
from graph.i18n import N_
from graph.referrals.stages import PIPELINE, STAGE_LABELS


from ..extensions import graph
from ..i18n.labels import TranslatedLabels
from . import bp
from .actions import board_card, board_with_badges, move_card
from .forms import MoveCardForm

SOURCE_LABELS = {"application": N_("Applied"),
                 "pseudonymous_application": N_("Applied under a pseudonym"),
                 "referral": N_("Referral"), "outside_referral": N_("Referral from outside the site")}


@bp.route("/jobs/<job_id>/board")
@login_required
def board(job_id: str):
    data = board_with_badges(current_user.id, job_id)
    view = "table" if request.args.get("view") == "table" else "board"
    return render_template("hiring/board.html", data=data, view=view, pipeline=PIPELINE,
                           source_labels=TranslatedLabels(SOURCE_LABELS), reasons=TranslatedLabels(REASONS),
                           form=MoveCardForm(formdata=None))


@bp.route("/jobs/<job_id>/board/<kind>/<card_id>/move", methods=["POST"])
@login_required
def move(job_id: str, kind: str, card_id: str):
    board_card(current_user.id, job_id, kind, card_id)  # 404 before the form's 400
    form = MoveCardForm()
    if not form.validate_on_submit():
        # The form's messages are translated already.
        problems = " ".join(e for errors in form.errors.values() for e in errors)
        raise Invalid(problems)
    card = move_card(current_user.id, job_id, kind, card_id, form.stage.data,
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
