"""Data rights: download my data (a JSON archive prepared in the background), delete my account (after a grace period), and
the commands that carry out due deletions and purge expired sessions."""
from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta, timezone

import click
from flask import Response, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, logout_user

from graph.accounts.archives import ARCHIVE_HOURS
from graph.errors import DomainError
from graph.people import new_id

from ..auth.mails import send_deletion_scheduled
from ..auth.tokens import now_iso
from ..extensions import graph
from ..hiring.files import member_resume_ids, resume_store
from ..pictures.storage import photo_store
from . import bp
from .archives import queue_archive
from .forms import ArchiveRequestForm, DeleteAccountForm
from .routes import password_is_right

logger = logging.getLogger(__name__)


ARCHIVES_PER_DAY = 3


@bp.route("/account/data")
@login_required
def data_page(status: int = 200):
    """*Your data*: the archives asked for (queued, ready to download, failed) and the
    button to ask for one."""
    archives = graph().data_archives.list(current_user.id, now_iso())
    return render_template("account/data.html", archives=archives,
                           form=ArchiveRequestForm(), hours=ARCHIVE_HOURS), status


@bp.route("/account/data/archives", methods=["POST"])
@login_required
def request_archive():
    form = ArchiveRequestForm()
    if not form.validate_on_submit():
        flash("The form expired; please try again.", "error")
        return data_page(400)
    archive_id = new_id()
    since = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat(timespec="seconds")
    try:
        graph().data_archives.request(current_user.id, archive_id, now_iso(), since,
                                      ARCHIVES_PER_DAY)
    except DomainError as exc:  # one at a time (409), a few a day (429)
        flash(str(exc), "error")
        return data_page(exc.status)
    outcome = queue_archive(current_user.id, archive_id,
                            url_for("account.data_page") + f"#archive-{archive_id}")
    if outcome == "ran":
        flash("Your data archive is ready to download.", "success")
    else:
        flash("We are preparing your data archive; we will notify you when it is ready.",
              "success")
    return redirect(url_for("account.data_page") + f"#archive-{archive_id}")


@bp.route("/account/data/archives/<archive_id>.json")
@login_required
def download_archive(archive_id: str):
    archive = graph().data_archives.body(current_user.id, archive_id, now_iso())
    stamp = archive["readyAt"][:10].replace("-", "")
    return Response(archive["body"], mimetype="application/json",
                    headers={"Content-Disposition":
                             f'attachment; filename="referral-data-{stamp}.json"'})


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete():
    form = DeleteAccountForm()
    grace_days = current_app.config["ACCOUNT_DELETION_GRACE_DAYS"]
    if form.validate_on_submit():
        if not password_is_right(form.current.data):
            form.current.errors.append("That is not your password.")
        elif grace_days <= 0:
            person_id = current_user.id
            logout_user()
            erase_account(person_id)
            flash("Your account is deleted. Goodbye.", "info")
            return redirect(url_for("main.index"))
        else:
            due = (datetime.now(timezone.utc) + timedelta(days=grace_days)).isoformat(
                timespec="seconds")
            name, email = current_user.name, current_user.email
            graph().account_erasure.schedule(current_user.id, due)  # ends every session
            logout_user()
            send_deletion_scheduled(name, email, due)
            flash(f"Your account will be deleted after {due[:10]}. Log in before then to keep it.",
                  "info")
            return redirect(url_for("main.index"))
    status = 400 if form.is_submitted() else 200
    return render_template("account/delete.html", form=form, grace_days=grace_days), status


@bp.cli.command("erase-due")
def erase_due_command():
    """Erase the accounts whose deletion grace period is over (run daily)."""
    click.echo(f"{erase_due_accounts()} account(s) erased.")


def erase_due_accounts() -> int:
    """Erase every account whose grace period is over; how many (the daily task too)."""
    erasure = graph().account_erasure
    erased = 0
    while ids := erasure.due(now_iso()):
        for person_id in ids:
            erased += erase_account(person_id)
    return erased


def erase_account(person_id: str) -> bool:
    """Erase one account now, then delete its résumé and photo files (the graph goes
    first: a file left by a crash in between is removed by the hourly sweeps)."""
    files = member_resume_ids(person_id)
    photo = graph().photos.photo_id(person_id)
    erased = graph().account_erasure.erase(person_id, new_id(), now_iso())
    resume_store().delete(files)
    photo_store().delete([photo] if photo else [])
    return erased


@bp.cli.command("purge-sessions")
def purge_sessions_command():
    """Delete sessions past their idle or absolute limit (run hourly)."""
    click.echo(f"{purge_expired_sessions()} expired session(s) deleted.")


def purge_expired_sessions() -> int:
    """Delete the expired sessions; how many (the hourly task too)."""
    idle = current_app.config["SESSION_IDLE_MINUTES"] * 60
    purged = total = 0
    while purged := graph().sessions.purge_expired(int(time.time()), idle):
        total += purged
    return total
