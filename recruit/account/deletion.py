"""Deleting an account, for the page and the API alike: the password check, the grace
period (or erasure at once when it is 0), and erasing an account with its résumé and photo files."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import current_app

from graph.people import new_id

from ..auth.mails import send_deletion_scheduled
from ..auth.passwords import verify_password
from ..auth.tokens import now_iso
from ..extensions import graph
from ..hiring.files import member_resume_ids, resume_store
from ..pictures.storage import photo_store


def password_is_right(person_id: str, password: str) -> bool:
    """True if ``password`` is the member's current password."""
    stored = graph().credentials.password_hash(person_id)
    return bool(stored) and verify_password(stored, password)


def erase_account(person_id: str) -> bool:
    """Erase one account now, then delete its résumé and photo files (the graph goes
    first: a file left by a crash in between is removed by the hourly sweeps)."""
    files = member_resume_ids(person_id)
    photo = graph().photos.photo_id(person_id)
    erased = graph().account_erasure.erase(person_id, new_id(), now_iso())
    resume_store().delete(files)
    photo_store().delete([photo] if photo else [])
    return erased


def delete_account(person_id: str, name: str, email: str) -> str | None:
    """Schedule the account's erasure after ``ACCOUNT_DELETION_GRACE_DAYS`` (every session
    and API token ends; logging in again before then keeps it, and the member is mailed)
    and return the due time; with no grace period, erase it now and return None. The
    caller checked the password and logs the member out."""
    grace_days = current_app.config["ACCOUNT_DELETION_GRACE_DAYS"]
    if grace_days <= 0:
        erase_account(person_id)
        return None
    due = (datetime.now(timezone.utc) + timedelta(days=grace_days)).isoformat(
        timespec="seconds")
    graph().account_erasure.schedule(person_id, due)
    send_deletion_scheduled(name, email, due)
    return due
