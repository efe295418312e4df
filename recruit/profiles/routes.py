"""Editing one's own profile; viewing a member with "how you're connected"."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..candidates.access import pseudonym_writing
from ..candidates.status import announce_pseudonym
from ..extensions import graph
from . import bp
from .basics import save_basics
from .forms import BasicsForm, EducationForm, PositionForm, SkillsForm


def _edit_page(status: int = 200, **forms):
    profile = graph().people.profile(current_user.id, current_user.id)
    person = profile["person"]
    forms.setdefault("basics", BasicsForm(data={"headline": person["headline"],
                                                "city": person.get("city") or "",
                                                "job_status": person["jobStatus"]}))
    forms.setdefault("skills", SkillsForm(data={"skills": ", ".join(profile["skills"])}))
    forms.setdefault("position", PositionForm(formdata=None))
    forms.setdefault("education", EducationForm(formdata=None))
    return render_template("profiles/edit.html", profile=profile, **forms), status


@bp.route("/me")
@login_required
def edit():
    return _edit_page()


@bp.route("/me/basics", methods=["POST"])
@login_required
def update_basics():
    form = BasicsForm()
    if not form.validate_on_submit():
        return _edit_page(400, basics=form)
    outcome = save_basics(current_user.id, form.headline.data or "", form.job_status.data,
                          form.city.data or "")
    flash(_("Profile saved."), "success")
    announce_pseudonym(outcome)
    return redirect(url_for("profiles.edit"))


@bp.route("/me/skills", methods=["POST"])
@login_required
def update_skills():
    form = SkillsForm()
    if not form.validate_on_submit():
        return _edit_page(400, skills=form)
    graph().people.set_skills(current_user.id, form.skill_list())
    flash(_("Skills saved."), "success")
    return redirect(url_for("profiles.edit"))


@bp.route("/me/positions", methods=["POST"])
@login_required
def add_position():
    form = PositionForm()
    if not form.validate_on_submit():
        return _edit_page(400, position=form)
    graph().people.add_position(current_user.id, form.company.data, form.title.data,
                                form.start.data, None if form.current.data else form.end.data)
    flash(_("Position added."), "success")
    return redirect(url_for("profiles.edit"))


@bp.route("/me/positions/<position_id>/delete", methods=["POST"])
@login_required
def delete_position(position_id: str):
    graph().people.remove_position(current_user.id, position_id)
    flash(_("Position removed."), "success")
    return redirect(url_for("profiles.edit"))


@bp.route("/me/education", methods=["POST"])
@login_required
def add_education():
    form = EducationForm()
    if not form.validate_on_submit():
        return _edit_page(400, education=form)
    graph().people.add_education(current_user.id, form.school.data, form.degree.data or "",
                                 form.start_year.data, form.end_year.data)
    flash(_("Education added."), "success")
    return redirect(url_for("profiles.edit"))


@bp.route("/me/education/<entry_id>/delete", methods=["POST"])
@login_required
def delete_education(entry_id: str):
    graph().people.remove_education(current_user.id, entry_id)
    flash(_("Education removed."), "success")
    return redirect(url_for("profiles.edit"))


@bp.route("/people/<person_id>")
@login_required
def view(person_id: str):
    profile = graph().people.profile(person_id, current_user.id)
    connection = graph().network.connection(current_user.id, person_id)
    relationship = graph().friends.relationship(current_user.id, person_id)
    writing = (pseudonym_writing(graph().conversations.check_contact, person_id)
               if relationship != "self" and connection["degree"] in (1, 2) else None)
    return render_template("profiles/view.html", profile=profile, connection=connection,
                           relationship=relationship, pseudonym_writing=writing)
