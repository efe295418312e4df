"""A recruiter's workspace for one job: candidates ranked by fit, the shortlist; and a
candidate's "not interested in this company"."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Invalid

from ..extensions import graph
from ..listing import requested_page
from . import bp


@bp.route("/jobs/<job_id>/candidates")
@login_required
def ranked(job_id: str):
    page = requested_page()
    data = graph().candidate_fit.ranked_for_job(current_user.id, job_id, page.skip, page.size)
    shortlist = graph().shortlists.shortlist(current_user.id, job_id)
    return render_template("hiring/candidates.html", data=data, shortlist=shortlist,
                           listed={row["pseudonym"]["id"] for row in shortlist},
                           page=page, pages=page.pages_for(data["total"]))


def _job_from_form() -> str:
    job_id = (request.form.get("job_id") or "").strip()
    if not job_id:
        raise Invalid("Choose one of your jobs.")
    return job_id


@bp.route("/candidates/<pseudonym_id>/shortlist", methods=["POST"])
@login_required
def shortlist_add(pseudonym_id: str):
    """Shortlist from the ranked search, a profile or a conversation (``job_id`` posted)."""
    job_id = _job_from_form()
    title = graph().shortlists.add(current_user.id, job_id, pseudonym_id)
    flash(_("Added to the shortlist for %(title)s.", title=title), "success")
    return redirect(url_for("hiring.ranked", job_id=job_id))


@bp.route("/candidates/<pseudonym_id>/shortlist/remove", methods=["POST"])
@login_required
def shortlist_remove(pseudonym_id: str):
    job_id = _job_from_form()
    graph().shortlists.remove(current_user.id, job_id, pseudonym_id)
    flash(_("Removed from the shortlist."), "info")
    return redirect(url_for("hiring.ranked", job_id=job_id))


@bp.route("/companies/<company_id>/not-interested", methods=["POST"])
@login_required
def not_interested(company_id: str):
    name = graph().not_interested.mark(current_user.id, company_id)
    flash(_("%(name)s's recruiters can no longer write to you first, and you leave "
            "their candidate searches. You can undo this from your applications page.", name=name), "info")
    return redirect(url_for("hiring.mine"))


@bp.route("/companies/<company_id>/not-interested/undo", methods=["POST"])
@login_required
def interested_again(company_id: str):
    name = graph().not_interested.unmark(current_user.id, company_id)
    if name:
        flash(_("%(name)s's recruiters can write to you again.", name=name), "info")
    return redirect(url_for("hiring.mine"))
