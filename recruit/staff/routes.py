"""Staff pages (staff only: every repository call checks it in its query) and members'
reports to staff from a company page."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Forbidden, Invalid

from ..extensions import graph
from . import bp
from .forms import DecisionForm, ReportForm


def _require_staff() -> None:
    if not graph().staff.is_staff(current_user.id):
        raise Forbidden("Only site staff can see this page.")


@bp.route("/staff")
@login_required
def queue():
    _require_staff()
    return render_template("staff/queue.html", reports=graph().staff.queue(current_user.id),
                           form=DecisionForm(formdata=None))


@bp.route("/staff/reports/<report_id>/close", methods=["POST"])
@login_required
def close_report(report_id: str):
    form = DecisionForm()
    if not form.validate_on_submit():
        raise Invalid("The reason is at most 300 characters.")
    graph().staff.close_report(current_user.id, report_id, form.reason.data or "closed")
    flash(_("Report closed."), "info")
    return redirect(url_for("staff.queue"))


@bp.route("/staff/companies/<company_id>")
@login_required
def company(company_id: str):
    _require_staff()
    return render_template("staff/company.html",
                           data=graph().staff.company(current_user.id, company_id),
                           trust=graph().company_trust.trust(company_id),
                           form=DecisionForm(formdata=None))


@bp.route("/staff/companies/<company_id>/<decision>", methods=["POST"])
@login_required
def decide(company_id: str, decision: str):
    if decision not in ("verify", "unverify"):
        raise Invalid("Verify or unverify, nothing else.")
    form = DecisionForm()
    if not form.validate_on_submit():
        raise Invalid("Check the reason and domain.")
    name = graph().staff.set_verified(current_user.id, company_id, decision == "verify",
                                      form.reason.data or "", form.domain.data or None)
    flash(_("%(name)s is now %(value)s.", name=name, value='verified' if decision == 'verify' else 'unverified'), "success")
    return redirect(url_for("staff.company", company_id=company_id))


@bp.route("/staff/companies/<company_id>/admins/<person_id>/remove", methods=["POST"])
@login_required
def remove_admin(company_id: str, person_id: str):
    form = DecisionForm()
    if not form.validate_on_submit():
        raise Invalid("The reason is at most 300 characters.")
    name = graph().staff.remove_admin(current_user.id, company_id, person_id,
                                      form.reason.data or "")
    flash(_("%(name)s is no longer an admin.", name=name), "info")
    return redirect(url_for("staff.company", company_id=company_id))


@bp.route("/staff/companies/<company_id>/recruiters/<person_id>/revoke", methods=["POST"])
@login_required
def revoke_recruiter(company_id: str, person_id: str):
    _require_staff()
    form = DecisionForm()
    if not form.validate_on_submit():
        raise Invalid("The reason is at most 300 characters.")
    name = graph().company_trust.revoke_recruiter(current_user.id, company_id, person_id,
                                                  as_staff=True, reason=form.reason.data or "")
    flash(_("%(name)s is no longer a recruiter there.", name=name), "info")
    return redirect(url_for("staff.company", company_id=company_id))


@bp.route("/staff/people/<person_id>/browsing")
@login_required
def browsing(person_id: str):
    _require_staff()
    return render_template("staff/browsing.html",
                           data=graph().staff.browsing(current_user.id, person_id))


@bp.route("/companies/<company_id>/report", methods=["GET", "POST"])
@login_required
def report(company_id: str):
    """A member asks staff to verify, arbitrate or check a company page."""
    form = ReportForm()
    if form.validate_on_submit():
        graph().staff.file_report(current_user.id, company_id, form.kind.data, form.text.data)
        flash(_("Sent to the site staff. They will review it."), "success")
        return redirect(url_for("companies.view", company_id=company_id))
    page = graph().companies.page(company_id, current_user.id)
    return render_template("staff/report.html", form=form, company=page["company"]), \
        400 if form.is_submitted() else 200
