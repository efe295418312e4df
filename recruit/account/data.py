"""Data rights: download my data (JSON), delete my account (after a grace period), and
the commands that carry out due deletions and purge expired sessions."""
from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timedelta, timezone

import click
from flask import Response, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, logout_user

from graph.people import new_id

from ..auth.mails import send_deletion_scheduled
from ..auth.tokens import now_iso
from ..extensions import graph
from ..hiring.files import member_resume_ids, resume_store
from . import bp
from .forms import DeleteAccountForm
from .routes import password_is_right

logger = logging.getLogger(__name__)


@bp.route("/account/export.json")
@login_required
def export():
    archive = graph().data_export.export(current_user.id)
    archive = {"format": "referral-account-export/1", "exportedAt": now_iso(), **archive}
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d")
    return Response(json.dumps(archive, ensure_ascii=False, indent=2, default=str),
                    mimetype="application/json",
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
    """Erase one account now, then delete its résumé files (the graph goes first: a file
    left by a crash in between is removed by the hourly résumé sweep)."""
    files = member_resume_ids(person_id)
    erased = graph().account_erasure.erase(person_id, new_id(), now_iso())
    resume_store().delete(files)
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
