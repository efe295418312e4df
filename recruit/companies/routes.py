"""Company pages: list, create, view; recruiter requests; the admins' page."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Duplicate, Forbidden, Invalid

from ..auth.session import require_verified_email
from ..extensions import graph
from ..i18n.labels import error_text
from ..listing import requested_page
from . import bp
from .forms import AddAdminForm, AliasForm, CompanyForm, CompanySearchForm


@bp.route("/companies")
@login_required
def index():
    form = CompanySearchForm(request.args)
    page = requested_page()
    if not form.validate():
        return render_template("companies/index.html", form=form, rows=[], total=0,
                               page=page, pages=1), 400
    rows, total = graph().companies.listing(form.q.data or "", page.skip, page.size)
    return render_template("companies/index.html", form=form, rows=rows, total=total,
                           page=page, pages=page.pages_for(total))


@bp.route("/companies/new", methods=["GET", "POST"])
@login_required
def create():
    form = CompanyForm()
    if form.validate_on_submit():
        try:
            company_id = graph().companies.create(
                current_user.id, form.name.data, form.domain.data, form.industry.data or "",
                form.city.data or "", form.description.data or "")
        except (Duplicate, Forbidden) as exc:
            form.name.errors.append(error_text(exc))
        except Invalid as exc:
            form.domain.errors.append(error_text(exc))
        else:
            flash(_("Company page created. You are its admin.")
                  if not form.domain.data else
                  _("Company page created and verified by your work e-mail. You are its admin."),
                  "success")
            return redirect(url_for("companies.view", company_id=company_id))
    status = 400 if form.is_submitted() else 200
    return render_template("companies/new.html", form=form), status


@bp.route("/companies/<company_id>")
@login_required
def view(company_id: str):
    page = graph().companies.page(company_id, current_user.id)
    connections = graph().job_feed.company_connections(current_user.id, company_id)
    trust = graph().company_trust.trust(company_id)
    return render_template("companies/view.html", page=page, connections=connections,
                           trust=trust)


@bp.route("/companies/<company_id>/recruit", methods=["POST"])
@login_required
def request_recruiter(company_id: str):
    require_verified_email("ask to recruit for a company")
    outcome = graph().companies.request_recruiter(current_user.id, company_id)
    if outcome["reason"] == "work-email":
        flash(_("You are now a verified recruiter for %(company)s: your confirmed work "
                "e-mail is on %(domain)s.", company=outcome['company'], domain=outcome['domain']), "success")
    else:
        flash(_("Request sent. An admin of %(company)s will approve or decline it. "
                "Confirm a work e-mail on the company's domain to be approved at once.", company=outcome['company']), "info")
    return redirect(url_for("companies.view", company_id=company_id))


def _manage_page(company_id: str, form: AddAdminForm | None = None, status: int = 200,
                 alias_form: AliasForm | None = None):
    data = graph().companies.manage(current_user.id, company_id)
    form = form or AddAdminForm(formdata=None)
    form.person_id.choices = [(p["id"], p["name"]) for p in data["adminCandidates"]]
    return render_template("companies/manage.html", data=data, form=form,
                           alias_form=alias_form or AliasForm(formdata=None),
                           trust=graph().company_trust.trust(company_id)), status


@bp.route("/companies/<company_id>/manage")
@login_required
def manage(company_id: str):
    return _manage_page(company_id)


@bp.route("/companies/<company_id>/recruiters/<person_id>/<decision>", methods=["POST"])
@login_required
def decide(company_id: str, person_id: str, decision: str):
    if decision not in ("approve", "decline"):
        raise Invalid("Approve or decline, nothing else.")
    name = graph().companies.decide(current_user.id, company_id, person_id,
                                    approve=decision == "approve")
    flash(_("%(name)s is now a verified recruiter.", name=name) if decision == "approve"
          else _("Request from %(name)s declined.", name=name),
          "success" if decision == "approve" else "info")
    return redirect(url_for("companies.manage", company_id=company_id))


@bp.route("/companies/<company_id>/admins", methods=["POST"])
@login_required
def add_admin(company_id: str):
    data = graph().companies.manage(current_user.id, company_id)  # 403 for non-admins
    form = AddAdminForm()
    form.person_id.choices = [(p["id"], p["name"]) for p in data["adminCandidates"]]
    if not form.validate_on_submit():
        return _manage_page(company_id, form, 400)
    name = graph().companies.add_admin(current_user.id, company_id, form.person_id.data)
    flash(_("%(name)s is now an admin.", name=name), "success")
    return redirect(url_for("companies.manage", company_id=company_id))


@bp.route("/companies/<company_id>/prove-domain", methods=["POST"])
@login_required
def prove_domain(company_id: str):
    """Prove the domain of the member's confirmed work e-mail for this company."""
    outcome = graph().company_trust.prove_domain(current_user.id, company_id)
    if outcome["newlyVerified"]:
        flash(_("%(company)s is now verified by %(domain)s. You are its admin.", company=outcome['company'], domain=outcome['domain']),
              "success")
    else:
        flash(_("%(domain)s is now one of %(company)s's domains.", domain=outcome['domain'], company=outcome['company']), "success")
    return redirect(url_for("companies.view", company_id=company_id))


@bp.route("/companies/<company_id>/aliases", methods=["POST"])
@login_required
def add_alias(company_id: str):
    """Add another name of the company (admins of a verified page)."""
    form = AliasForm()
    if not form.validate_on_submit():
        return _manage_page(company_id, status=400, alias_form=form)
    try:
        name = graph().company_trust.add_alias(current_user.id, company_id, form.alias.data)
    except (Duplicate, Invalid) as exc:
        form.alias.errors.append(error_text(exc))
        return _manage_page(company_id, status=409 if isinstance(exc, Duplicate) else 400,
                            alias_form=form)
    flash(_("%(data)s is now another name of %(name)s.", data=form.alias.data, name=name), "success")
    return redirect(url_for("companies.manage", company_id=company_id))


@bp.route("/companies/<company_id>/recruiters/<person_id>/revoke", methods=["POST"])
@login_required
def revoke(company_id: str, person_id: str):
    """Revoke a verified recruiter (admins only)."""
    name = graph().company_trust.revoke_recruiter(current_user.id, company_id, person_id)
    flash(_("%(name)s is no longer a recruiter here.", name=name), "info")
    return redirect(url_for("companies.manage", company_id=company_id))
