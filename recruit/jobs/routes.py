"""The network job feed, the open-job search, the job page and recruiters' job posts."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Forbidden
from graph.jobs.postings import REMOTE_OPTIONS, SENIORITIES

from ..alerts.tasks import job_alerts_task
from ..candidates.access import pseudonym_writing
from ..i18n.labels import TranslatedLabels
from ..tasks.queue import enqueue_or_run
from ..extensions import graph
from ..idempotency import AlreadyApplied, submitted_request_id
from ..listing import requested_page, tell_jobs_apart, with_badges
from . import bp
from .forms import JobFilterForm, JobForm, JobSearchForm


@bp.app_context_processor
def job_labels() -> dict:
    """Display labels for stored job values, for every template."""
    return {"remote_options": TranslatedLabels(REMOTE_OPTIONS),
            "seniorities": TranslatedLabels(SENIORITIES)}


@bp.route("/jobs")
@login_required
def feed():
    form = JobFilterForm(request.args)
    page = requested_page()
    rows, total, status = [], 0, 200
    if form.validate():
        rows, total = graph().job_feed.feed(current_user.id, form.filters(), page.skip, page.size)
        rows = tell_jobs_apart(rows)
    else:
        status = 400
    return render_template("jobs/feed.html", form=form, rows=rows, total=total, page=page,
                           pages=page.pages_for(total)), status


@bp.route("/jobs/search")
@login_required
def search():
    form = JobSearchForm(request.args)
    page = requested_page()
    rows, total, status = [], 0, 200
    if form.validate():
        rows, total = graph().job_feed.search(form.q.data or "", form.filters(),
                                              page.skip, page.size)
        rows = tell_jobs_apart(with_badges(rows_with_recruiter_ids(rows), key="recruiterId"))
    else:
        status = 400
    return render_template("jobs/search.html", form=form, rows=rows, total=total, page=page,
                           pages=page.pages_for(total)), status


def rows_with_recruiter_ids(rows: list[dict]) -> list[dict]:
    """Lift the recruiter's id to the top of each row, where ``with_badges`` looks."""
    return [{**row, "recruiterId": row["recruiter"]["id"]} for row in rows]


@bp.route("/jobs/<job_id>")
@login_required
def view(job_id: str):
    data = graph().jobs.job(job_id, current_user.id)
    recruiter_badge = graph().network.badges(current_user.id, [data["recruiter"]["id"]])
    connections = graph().job_feed.company_connections(current_user.id, data["company"]["id"])
    writing = (pseudonym_writing(graph().conversations.check_job, job_id)
               if data["job"]["status"] == "open" and not data["canEdit"] else None)
    return render_template("jobs/view.html", data=data, connections=connections,
                           recruiter_badge=recruiter_badge.get(data["recruiter"]["id"]),
                           pseudonym_writing=writing)


@bp.route("/jobs/post")
@login_required
def choose_company():
    companies = graph().companies.recruiting_for(current_user.id)
    if len(companies) == 1:
        return redirect(url_for("jobs.create", company_id=companies[0]["id"]))
    return render_template("jobs/choose_company.html", companies=companies)


@bp.route("/companies/<company_id>/jobs/new", methods=["GET", "POST"])
@login_required
def create(company_id: str):
    company = graph().jobs.posting_company(current_user.id, company_id)  # 403 / 404
    form = JobForm()
    if form.validate_on_submit():
        try:
            job_id = graph().jobs.create(current_user.id, company_id, form.to_fields(),
                                         request_id=submitted_request_id())
        except AlreadyApplied as done:  # a double submit or a retry: the first one stands
            job_id = done.result
        else:
            # The job's network is alerted in the background (inline if the queue is away).
            enqueue_or_run(job_alerts_task, job_id)
        flash(_("Job posted. It is now in the feed of everyone within two degrees."), "success")
        return redirect(url_for("jobs.view", job_id=job_id))
    status = 400 if form.is_submitted() else 200
    return render_template("jobs/form.html", form=form, company=company, job=None), status


@bp.route("/jobs/<job_id>/edit", methods=["GET", "POST"])
@login_required
def edit(job_id: str):
    data = graph().jobs.job(job_id, current_user.id)
    if not data["canEdit"]:
        raise Forbidden("Only verified recruiters of %(name)s can change this job.", name=data['company']['name'])
    form = JobForm() if request.method == "POST" else JobForm.from_job(data["job"], data["skills"])
    if form.validate_on_submit():
        graph().jobs.update(current_user.id, job_id, form.to_fields())
        flash(_("Job saved."), "success")
        return redirect(url_for("jobs.view", job_id=job_id))
    status = 400 if form.is_submitted() else 200
    return render_template("jobs/form.html", form=form, company=data["company"],
                           job=data["job"]), status


@bp.route("/jobs/<job_id>/close", methods=["POST"], defaults={"status": "closed"})
@bp.route("/jobs/<job_id>/reopen", methods=["POST"], defaults={"status": "open"})
@login_required
def change_status(job_id: str, status: str):
    graph().jobs.set_status(current_user.id, job_id, status)
    if status == "closed":
        flash(_("Job closed: it has left every feed."), "info")
    else:
        flash(_("Job reopened."), "success")
    return redirect(url_for("jobs.view", job_id=job_id))
