"""Friendship actions (POST only), the network page, requests and people search."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.session import safe_next_url
from ..extensions import graph
from ..idempotency import AlreadyApplied, submitted_request_id
from ..listing import requested_page, with_badges
from . import bp
from .forms import PeopleSearchForm


def _back(default_endpoint: str = "network.requests"):
    """Return to the page the action was made from (same-site paths only)."""
    return redirect(safe_next_url(request.form.get("next")) or url_for(default_endpoint))


@bp.route("/network")
@login_required
def index():
    tab = request.args.get("tab", "first")
    if tab not in ("first", "second"):
        tab = "first"
    page = requested_page()
    network = graph().network
    if tab == "first":
        rows, total = network.first_degree(current_user.id, page.skip, page.size)
    else:
        rows, total = network.second_degree(current_user.id, page.skip, page.size)
    first_total = total if tab == "first" else network.friend_count(current_user.id)
    return render_template("network/index.html", tab=tab, rows=rows, total=total,
                           first_total=first_total, page=page, pages=page.pages_for(total))


@bp.route("/network/requests")
@login_required
def requests():
    friends = graph().friends
    incoming = with_badges(friends.incoming(current_user.id))
    outgoing = with_badges(friends.outgoing(current_user.id))
    return render_template("network/requests.html", incoming=incoming, outgoing=outgoing)


@bp.route("/people/<person_id>/friend-request", methods=["POST"])
@login_required
def send_request(person_id: str):
    try:
        outcome = graph().friends.send_request(current_user.id, person_id,
                                               request_id=submitted_request_id())
    except AlreadyApplied as done:  # a double submit or a retry: answer as the first time
        outcome = done.result
    flash(_("You are now friends.") if outcome == "accepted" else _("Friend request sent."),
          "success")
    return _back()


@bp.route("/people/<person_id>/accept", methods=["POST"])
@login_required
def accept(person_id: str):
    graph().friends.accept(current_user.id, person_id)
    flash(_("You are now friends."), "success")
    return _back()


@bp.route("/people/<person_id>/decline", methods=["POST"])
@login_required
def decline(person_id: str):
    graph().friends.decline(current_user.id, person_id)
    flash(_("Request declined. They are not told."), "info")
    return _back()


@bp.route("/people/<person_id>/cancel", methods=["POST"])
@login_required
def cancel(person_id: str):
    graph().friends.cancel(current_user.id, person_id)
    flash(_("Request withdrawn."), "info")
    return _back()


@bp.route("/people/<person_id>/unfriend", methods=["POST"])
@login_required
def unfriend(person_id: str):
    graph().friends.remove(current_user.id, person_id)
    flash(_("Removed from your friends."), "info")
    return _back()


@bp.route("/search")
@login_required
def search():
    form = PeopleSearchForm(request.args)
    rows, total, page = [], 0, requested_page()
    status = 200
    if "q" in request.args:
        if form.validate():
            rows, total = graph().network.search_people(current_user.id, form.q.data,
                                                        page.skip, page.size)
            rows = with_badges(rows)
        else:
            status = 400
    return render_template("network/search.html", form=form, rows=rows, total=total,
                           page=page, pages=page.pages_for(total)), status
