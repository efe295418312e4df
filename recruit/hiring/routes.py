"""Applying for a job, the member's applications (withdraw, reveal) and the résumé
download for the job's recruiters."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Invalid
from graph.hiring.rejections import REASONS

from ..extensions import graph
from ..i18n.labels import TranslatedLabels, error_text
from . import bp
from .actions import apply_with_resume, read_upload, resume_file_for
from .actions import withdraw as withdraw_application
from .forms import ApplyForm


@bp.app_context_processor
def hiring_labels() -> dict:
    """The rejection reasons' labels, for every template (the referral history shows them)."""
    return {"rejection_reasons": TranslatedLabels(REASONS)}


@bp.route("/jobs/<job_id>/apply", methods=["GET", "POST"])
@login_required
def apply(job_id: str):
    data = graph().jobs.job(job_id, current_user.id)  # 404 for an unknown job
    if graph().applications.live_for_job(current_user.id, job_id):
        flash(_("You have already applied for this job."), "info")
        return redirect(url_for("hiring.mine"))
    form = ApplyForm()
    if form.validate_on_submit():
        try:
            result = apply_with_resume(current_user.id, job_id, form.mode.data,
                                       form.note.data, read_upload(form.resume.data))
        except Invalid as error:
            form.resume.errors.append(error_text(error))
        else:
            if result["joined"]:
                flash(_("%(referrer)s already referred you for this job, so your application "
                        "joins that referral: it keeps its place in the pipeline and its "
                        "referrer keeps the credit.", referrer=result['joined']['referrer']), "info")
            else:
                flash(_("Application sent. You can follow it, or withdraw it, here."), "success")
            return redirect(url_for("hiring.mine"))
    status = 400 if form.is_submitted() else 200
    return render_template("hiring/apply.html", data=data, form=form,
                           max_kb=current_app.config["RESUME_MAX_BYTES"] // 1024), status


@bp.route("/applications")
@login_required
def mine():
    rows = graph().applications.mine(current_user.id)
    silenced = graph().not_interested.listing(current_user.id)
    return render_template("hiring/mine.html", rows=rows, silenced=silenced)


@bp.route("/applications/<application_id>/withdraw", methods=["POST"])
@login_required
def withdraw(application_id: str):
    withdraw_application(current_user.id, application_id)
    flash(_("Application withdrawn; its résumé is deleted."), "info")
    return redirect(url_for("hiring.mine"))


@bp.route("/applications/<application_id>/reveal", methods=["POST"])
@login_required
def reveal(application_id: str):
    result = graph().applications.reveal(current_user.id, application_id)
    flash(_("%(name)s's recruiters now see your name and résumé for this job, and "
            "only for this job.", name=result['company']['name']), "success")
    return redirect(url_for("hiring.mine"))


@bp.route("/applications/<application_id>/resume")
@login_required
def resume(application_id: str):
    """The résumé, as an attachment, for the job's recruiters; 404 for everyone else."""
    return send_file(resume_file_for(current_user.id, application_id),
                     mimetype="application/pdf", as_attachment=True,
                     download_name="resume.pdf", max_age=0)
