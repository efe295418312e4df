"""Asking for an introduction, forwarding or letting it pass, and the conversation."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import NotFound

from ..extensions import graph
from . import bp
from .forms import ForwardForm, IntroductionForm, MessageForm
from .rules import introduction_target


@bp.route("/people/<person_id>/introduction", methods=["GET", "POST"])
@login_required
def request_intro(person_id: str):
    target, connection = introduction_target(person_id)  # 404 unknown, 400 not 2nd degree
    form = IntroductionForm() if request.method == "POST" else IntroductionForm(
        formdata=None, data={"via": request.args.get("via", "")})
    form.via.choices = [(m["id"], m["name"]) for m in connection["mutuals"]]
    if form.validate_on_submit():
        outcome = graph().introductions.request(current_user.id, person_id, form.via.data,
                                                form.message.data)
        flash(_("Asked %(via)s to introduce you to %(target)s. You will see whether it "
                "was forwarded; there are no reminders.", via=outcome['via'], target=outcome['target']), "success")
        return redirect(url_for("introductions.index"))
    status = 400 if form.is_submitted() else 200
    return render_template("introductions/request.html", target=target, form=form), status


@bp.route("/introductions")
@login_required
def index():
    lists = graph().introductions.lists(current_user.id)
    return render_template("introductions/index.html", lists=lists)


@bp.route("/introductions/<intro_id>")
@login_required
def view(intro_id: str):
    data = graph().introductions.page(current_user.id, intro_id)
    relationship = None
    if data["role"] in ("requester", "target") and data["state"] == "forwarded":
        other = data["target"] if data["role"] == "requester" else data["requester"]
        relationship = graph().friends.relationship(current_user.id, other["id"])
    return render_template("introductions/view.html", data=data, relationship=relationship,
                           forward_form=ForwardForm(formdata=None),
                           message_form=MessageForm(formdata=None))


@bp.route("/introductions/<intro_id>/forward", methods=["POST"])
@login_required
def forward(intro_id: str):
    form = ForwardForm()
    if not form.validate_on_submit():
        data = graph().introductions.page(current_user.id, intro_id)
        return render_template("introductions/view.html", data=data, relationship=None,
                               forward_form=form, message_form=MessageForm(formdata=None)), 400
    row = graph().introductions.forward(current_user.id, intro_id, form.note.data)
    flash(_("Forwarded: %(name)s and %(name2)s can write to each other now.", name=row['requester']['name'], name2=row['target']['name']), "success")
    return redirect(url_for("introductions.index"))


@bp.route("/introductions/<intro_id>/decline", methods=["POST"])
@login_required
def decline(intro_id: str):
    graph().introductions.decline(current_user.id, intro_id)
    flash(_("Let it pass. Nobody is notified; they will only see that it was not forwarded."),
          "info")
    return redirect(url_for("introductions.index"))


@bp.route("/introductions/<intro_id>/messages", methods=["POST"])
@login_required
def write(intro_id: str):
    form = MessageForm()
    if not form.validate_on_submit():
        data = graph().introductions.page(current_user.id, intro_id)
        if data["role"] == "middle" or data["state"] != "forwarded":
            raise NotFound("No such introduction.")
        return render_template("introductions/view.html", data=data, relationship=None,
                               forward_form=ForwardForm(formdata=None), message_form=form), 400
    graph().introductions.write(current_user.id, intro_id, form.text.data)
    return redirect(url_for("introductions.view", intro_id=intro_id) + "#messages")
