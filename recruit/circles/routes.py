"""The circles page, one circle's members, and private labels on friends."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from graph.errors import Invalid, NotFound
from graph.network.circle_groups import CIRCLE_KINDS, KIND_HEADINGS, build_circles, find_circle

from ..auth.session import safe_next_url
from ..extensions import graph
from ..listing import requested_page
from . import bp
from .forms import LabelForm


def _circles() -> tuple[dict, dict[str, dict]]:
    ego = graph().circles.ego_network(current_user.id)
    return build_circles(ego), {friend["id"]: friend for friend in ego["friends"]}


@bp.route("/circles")
@login_required
def index():
    circles, friends = _circles()
    return render_template("circles/index.html", circles=circles, kinds=CIRCLE_KINDS,
                           headings=KIND_HEADINGS, friend_count=len(friends))


@bp.route("/circles/<kind>/<path:key>")
@login_required
def circle(kind: str, key: str):
    if kind not in CIRCLE_KINDS and kind != "all":
        raise NotFound("No such circle.")
    circles, friends = _circles()
    if kind == "all":
        found = {"kind": "all", "key": "all", "name": "All contacts", "note": "",
                 "members": list(friends)}
    else:
        found = find_circle(circles, kind, key)
    if found is None:
        raise NotFound("No such circle among your contacts.")
    page = requested_page()
    ids = found["members"][page.skip:page.skip + page.size]
    return render_template("circles/circle.html", circle=found, heading=KIND_HEADINGS.get(kind),
                           members=[friends[i] for i in ids], page=page,
                           pages=page.pages_for(len(found["members"])),
                           label_form=LabelForm(formdata=None))


def _back():
    return redirect(safe_next_url(request.form.get("next")) or url_for("circles.index"))


@bp.route("/circles/labels/<friend_id>", methods=["POST"])
@login_required
def add_label(friend_id: str):
    form = LabelForm()
    if not form.validate_on_submit():
        message = next(iter(form.errors.values()))[0]
        raise Invalid(message)
    outcome = graph().circles.add_label(current_user.id, friend_id, form.label.data)
    flash("Label added." if outcome == "added" else "That label was already there.", "success")
    return _back()


@bp.route("/circles/labels/<friend_id>/<path:key>/delete", methods=["POST"])
@login_required
def remove_label(friend_id: str, key: str):
    graph().circles.remove_label(current_user.id, friend_id, key)
    flash("Label removed.", "success")
    return _back()
