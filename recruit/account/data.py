"""Data rights: download my data (a JSON archive prepared in the background), delete my account (after a grace period), and
the commands that carry out due deletions and purge expired sessions."""
from __future__ import annotations

import logging
import time

import click
from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from graph.accounts.archives import ARCHIVE_HOURS
from graph.errors import DomainError

from ..auth.tokens import now_iso
from ..extensions import graph
from ..i18n.labels import error_text
from ..idempotency import AlreadyApplied, submitted_request_id
from . import bp
from .archives import archive_download, start_archive
from .deletion import delete_account, erase_account, password_is_right
from .forms import ArchiveRequestForm, DeleteAccountForm

logger = logging.getLogger(__name__)


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
        flash(_("The form expired; please try again."), "error")
        return data_page(400)
    try:
        archive_id, outcome = start_archive(current_user.id, submitted_request_id())
    except AlreadyApplied as done:  # a double click: the first request stands
        return redirect(url_for("account.data_page") + f"#archive-{done.result}")
    except DomainError as exc:  # one at a time (409), a few a day (429)
        flash(error_text(exc), "error")
        return data_page(exc.status)
    if outcome == "ran":
        flash(_("Your data archive is ready to download."), "success")
    else:
        flash(_("We are preparing your data archive; we will notify you when it is ready."),
              "success")
    return redirect(url_for("account.data_page") + f"#archive-{archive_id}")


@bp.route("/account/data/archives/<archive_id>.json")
@login_required
def download_archive(archive_id: str):
    return archive_download(current_user.id, archive_id)


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete():
    form = DeleteAccountForm()
    grace_days = current_app.config["ACCOUNT_DELETION_GRACE_DAYS"]
    if form.validate_on_submit():
        if not password_is_right(current_user.id, form.current.data):
            form.current.errors.append(_("That is not your password."))
        else:
            person_id, name, email = current_user.id, current_user.name, current_user.email
            logout_user()
            due = delete_account(person_id, name, email)
            if due is None:
                flash(_("Your account is deleted. Goodbye."), "info")
            else:
                flash(_("Your account will be deleted after %(value)s. Log in before then to "
                        "keep it.", value=due[:10]), "info")
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
