"""Applying for a job, the member's applications (withdraw, reveal) and the résumé
download for the job's recruiters."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, send_file, url_for
from flask_login import current_user, login_required

from graph.errors import Invalid, NotFound
from graph.hiring.rejections import REASONS

from ..extensions import graph
from . import bp
from .forms import ApplyForm
from .files import resume_store, store_resume


@bp.app_context_processor
def hiring_labels() -> dict:
    """The rejection reasons' labels, for every template (the referral history shows them)."""
    return {"rejection_reasons": REASONS}


def _read_upload(form: ApplyForm) -> bytes | None:
    """The uploaded résumé's bytes, or None when no file was chosen."""
    upload = form.resume.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    return upload.read(current_app.config["RESUME_MAX_BYTES"] + 1)


def _apply(job_id: str, form: ApplyForm, data: bytes | None) -> dict:
    """Check and store the résumé, then apply; the file goes again if the write fails."""
    resume, store = None, resume_store()
    if data is not None:
        resume = store_resume(data)
    try:
        return graph().applications.apply(current_user.id, job_id, form.mode.data,
                                          form.note.data, resume)
    except BaseException:
        if resume:
            store.delete([resume["id"]])
        raise


@bp.route("/jobs/<job_id>/apply", methods=["GET", "POST"])
@login_required
def apply(job_id: str):
    data = graph().jobs.job(job_id, current_user.id)  # 404 for an unknown job
    if graph().applications.live_for_job(current_user.id, job_id):
        flash("You have already applied for this job.", "info")
        return redirect(url_for("hiring.mine"))
    form = ApplyForm()
    if form.validate_on_submit():
        try:
            result = _apply(job_id, form, _read_upload(form))
        except Invalid as error:
            form.resume.errors.append(str(error))
        else:
            if result["joined"]:
                flash(f"{result['joined']['referrer']} already referred you for this job, so "
                      "your application joins that referral: it keeps its place in the "
                      "pipeline and its referrer keeps the credit.", "info")
            else:
                flash("Application sent. You can follow it, or withdraw it, here.", "success")
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
    result = graph().applications.withdraw(current_user.id, application_id)
    resume_store().delete(result["resumeIds"])
    flash("Application withdrawn; its résumé is deleted.", "info")
    return redirect(url_for("hiring.mine"))


@bp.route("/applications/<application_id>/reveal", methods=["POST"])
@login_required
def reveal(application_id: str):
    result = graph().applications.reveal(current_user.id, application_id)
    flash(f"{result['company']['name']}'s recruiters now see your name and résumé for "
          "this job, and only for this job.", "success")
    return redirect(url_for("hiring.mine"))


@bp.route("/applications/<application_id>/resume")
@login_required
def resume(application_id: str):
    """The résumé, as an attachment, for the job's recruiters; 404 for everyone else."""
    found = graph().applications.resume_for_recruiter(current_user.id, application_id)
    path = resume_store().path(found["resumeId"]) if found else None
    if path is None or not path.is_file():
        raise NotFound("No such résumé.")
    return send_file(path, mimetype="application/pdf", as_attachment=True,
                     download_name="resume.pdf", max_age=0)
