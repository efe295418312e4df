"""The member's own candidate page: their pseudonym, its settings and rotation, where
they have been revealed, and writing under the pseudonym to a contact or a recruiter."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.candidates.pseudonym_names import display_name
from graph.errors import Invalid

from ..extensions import graph, limiter
from . import bp
from .forms import HiddenFamiliesForm, MessageForm, PseudonymSettingsForm
from .access import _conversation_limit, _member_key
from .status import announce_pseudonym


def _settings_form(pseudonym: dict | None) -> PseudonymSettingsForm:
    if not pseudonym:
        return PseudonymSettingsForm(formdata=None)
    return PseudonymSettingsForm(formdata=None, data={
        "headline": pseudonym["headline"], "seniority": pseudonym["seniority"],
        "industry": pseudonym["industry"], "region": pseudonym["region"],
        "member_reach": pseudonym["memberReach"]})


def _page(status: int = 200, settings: PseudonymSettingsForm | None = None):
    mine = graph().candidates.mine(current_user.id)
    settings = settings or _settings_form(mine["pseudonym"])
    families = HiddenFamiliesForm(formdata=None, data={
        "hidden": (mine["pseudonym"] or {}).get("hiddenFamilies", [])})
    families.hidden.choices = [(key, _(label)) for key, label in mine["familyChoices"]]
    return render_template("candidates/me.html", mine=mine, settings=settings,
                           families=families), status


@bp.route("/me/candidate")
@login_required
def mine():
    return _page()


@bp.route("/me/candidate/activate", methods=["POST"])
@login_required
def activate():
    outcome = graph().candidates.sync(current_user.id)
    if outcome == ("unchanged", None):
        flash(_("Set your job status to \"Actively looking\" or \"Open to offers\" first."), "info")
    announce_pseudonym(outcome)
    return redirect(url_for("candidates.mine"))


@bp.route("/me/candidate/settings", methods=["POST"])
@login_required
def update_settings():
    form = PseudonymSettingsForm()
    if not form.validate_on_submit():
        return _page(400, form)
    try:
        graph().candidates.update_settings(current_user.id, form.headline.data or "",
                                           form.seniority.data, form.industry.data,
                                           form.region.data, form.member_reach.data)
    except Invalid as error:
        form.headline.errors = [*form.headline.errors, error.message]
        return _page(400, form)
    flash(_("Pseudonymous profile saved."), "success")
    return redirect(url_for("candidates.mine"))


@bp.route("/me/candidate/rotate", methods=["POST"])
@login_required
def rotate():
    fresh = graph().candidates.rotate(current_user.id)
    name = display_name(fresh["hanzi"], fresh["pinyin"], fresh["generation"])
    flash(_("Your new pseudonym is %(name)s; every company now knows you by a new "
            "name and address. Old conversations keep the old name. Write a new "
            "headline for it: it starts empty so that nothing ties the two names.", name=name), "success")
    return redirect(url_for("candidates.mine"))


@bp.route("/me/candidate/write/<person_id>", methods=["GET", "POST"])
@login_required
@limiter.limit(_conversation_limit, key_func=_member_key, methods=["POST"])
def write_to_contact(person_id: str):
    target = graph().conversations.check_contact(current_user.id, person_id)
    form = MessageForm()
    if form.validate_on_submit():
        conversation_id = graph().conversations.start_with_contact(
            current_user.id, person_id, form.body.data)
        flash(_("Message sent under your pseudonym."), "success")
        return redirect(url_for("messages.thread", conversation_id=conversation_id))
    status = 400 if form.is_submitted() else 200
    return render_template("candidates/compose.html", target=target, form=form,
                           action=url_for("candidates.write_to_contact", person_id=person_id)), status


@bp.route("/me/candidate/jobs/<job_id>/write", methods=["GET", "POST"])
@login_required
@limiter.limit(_conversation_limit, key_func=_member_key, methods=["POST"])
def write_about_job(job_id: str):
    target = graph().conversations.check_job(current_user.id, job_id)
    form = MessageForm()
    if form.validate_on_submit():
        conversation_id = graph().conversations.start_about_job(
            current_user.id, job_id, form.body.data)
        flash(_("Message sent under your pseudonym."), "success")
        return redirect(url_for("messages.thread", conversation_id=conversation_id))
    status = 400 if form.is_submitted() else 200
    return render_template("candidates/compose.html", target=target, form=form,
                           action=url_for("candidates.write_about_job", job_id=job_id)), status


@bp.route("/me/candidate/families", methods=["POST"])
@login_required
def hide_families():
    """Hide skill families from the pseudonymous profile (recruiters and the member see
    the same generalised view)."""
    mine = graph().candidates.mine(current_user.id)
    form = HiddenFamiliesForm()
    form.hidden.choices = [(key, _(label)) for key, label in mine["familyChoices"]]
    if not form.validate_on_submit():
        flash(_("Choose among your own skill families."), "error")
        return _page(400)
    graph().candidates.hide_families(current_user.id, form.hidden.data or [])
    families = graph().candidates.mine(current_user.id)["families"]
    flash(_("Your pseudonymous profile now shows: %(families)s.",
            families=", ".join(_(family) for family in families) or _("no skills")), "success")
    return redirect(url_for("candidates.mine"))
