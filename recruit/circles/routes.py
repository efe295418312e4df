"""The circles page, one circle's members, and private labels on friends."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Invalid
from graph.network.circle_groups import CIRCLE_KINDS, KIND_HEADINGS

from ..auth.session import safe_next_url
from ..extensions import graph
from ..i18n.labels import TranslatedLabels, label
from ..listing import requested_page
from . import bp
from .building import my_circles, one_circle
from .forms import LabelForm


@bp.route("/circles")
@login_required
def index():
    circles, friends = my_circles(current_user.id)
    return render_template("circles/index.html", circles=circles, kinds=CIRCLE_KINDS,
                           headings=TranslatedLabels(KIND_HEADINGS), friend_count=len(friends))


@bp.route("/circles/<kind>/<path:key>")
@login_required
def circle(kind: str, key: str):
    found, friends = one_circle(current_user.id, kind, key)
    page = requested_page()
    ids = found["members"][page.skip:page.skip + page.size]
    return render_template("circles/circle.html", circle=found, heading=label(KIND_HEADINGS, kind, None),
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
    flash(_("Label added.") if outcome == "added" else _("That label was already there."),
          "success")
    return _back()


@bp.route("/circles/labels/<friend_id>/<path:key>/delete", methods=["POST"])
@login_required
def remove_label(friend_id: str, key: str):
    graph().circles.remove_label(current_user.id, friend_id, key)
    flash(_("Label removed."), "success")
    return _back()
