"""Asking a friend for a referral, and answering such asks."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Invalid

from ..extensions import graph
from . import bp
from .forms import AnswerAskForm, AskForm
from .notify import mail_confirmed


@bp.route("/jobs/<job_id>/ask", methods=["GET", "POST"])
@login_required
def ask(job_id: str):
    page = graph().referral_asks.ask_page(current_user.id, job_id)
    form = AskForm() if request.method == "POST" else AskForm(
        formdata=None, data={"friend": request.args.get("friend", "")})
    form.friend.choices = [(f["id"], f["name"]) for f in page["friends"]]
    if form.validate_on_submit():
        outcome = graph().referral_asks.ask(current_user.id, current_user.name, job_id,
                                            form.friend.data, form.message.data)
        flash(_("Asked %(friend)s. They can refer you or let it pass; there are no "
                "reminders.", friend=outcome['friend']), "success")
        return redirect(url_for("referrals.asks"))
    status = 400 if form.is_submitted() else 200
    return render_template("referrals/ask.html", page=page, form=form), status


@bp.route("/referrals/asks")
@login_required
def asks():
    lists = graph().referral_asks.lists(current_user.id)
    return render_template("referrals/asks.html", lists=lists, form=AnswerAskForm(formdata=None))


@bp.route("/referrals/asks/<ask_id>/<decision>", methods=["POST"])
@login_required
def answer_ask(ask_id: str, decision: str):
    if decision not in ("refer", "decline"):
        raise Invalid("Refer or decline, nothing else.")
    form = AnswerAskForm()
    if not form.validate_on_submit():
        lists = graph().referral_asks.lists(current_user.id)
        return render_template("referrals/asks.html", lists=lists, form=form), 400
    result = graph().referral_asks.answer(current_user.id, ask_id, decision == "refer",
                                          form.note.data)
    if result is None:
        flash(_("Let it pass. They are not notified."), "info")
        return redirect(url_for("referrals.asks"))
    mail_confirmed(result)
    flash(_("You referred %(name)s; they asked, so it is confirmed.", name=result['candidate']['name']),
          "success")
    return redirect(url_for("referrals.view", referral_id=result["referral"]["id"]))
