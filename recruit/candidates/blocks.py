"""The candidate's block list ("hide me from these companies") and the preview of their
pseudonym as a given company would see it (docs/trust.md)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Invalid

from ..extensions import graph
from ..i18n.labels import error_text
from . import bp
from .forms import BlockCompanyForm, PreviewForm


def _page(form: BlockCompanyForm | None = None, preview_form: PreviewForm | None = None,
          preview: dict | None = None, status: int = 200):
    return render_template("candidates/blocks.html",
                           blocks=graph().candidate_blocks.listing(current_user.id),
                           form=form or BlockCompanyForm(formdata=None),
                           preview_form=preview_form or PreviewForm(formdata=None),
                           preview=preview), status


@bp.route("/me/candidate/blocks")
@login_required
def blocks():
    """The block list, and the preview when a company is given (``?company=``)."""
    if "company" not in request.args:
        return _page()
    preview_form = PreviewForm(request.args)
    if not preview_form.validate():
        return _page(preview_form=preview_form, status=400)
    preview = graph().candidate_blocks.preview(current_user.id, preview_form.company.data)
    return _page(preview_form=preview_form, preview=preview)


@bp.route("/me/candidate/blocks", methods=["POST"])
@login_required
def add_block():
    form = BlockCompanyForm()
    if not form.validate_on_submit():
        return _page(form=form, status=400)
    try:
        name = graph().candidate_blocks.add(current_user.id, form.company.data)
    except Invalid as exc:
        form.company.errors.append(error_text(exc))
        return _page(form=form, status=400)
    flash(_("Your pseudonym is now hidden from everyone tied to %(name)s.", name=name), "success")
    return redirect(url_for("candidates.blocks"))


@bp.route("/me/candidate/blocks/<company_id>/remove", methods=["POST"])
@login_required
def remove_block(company_id: str):
    graph().candidate_blocks.remove(current_user.id, company_id)
    flash(_("Removed from your block list."), "info")
    return redirect(url_for("candidates.blocks"))
