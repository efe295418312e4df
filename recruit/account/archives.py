"""Preparing a member's data archive in the background.

Asking for the archive records a queued ``DataArchive`` and enqueues ``build_archive``;
the worker reads every section (``DataExportRepository.export``), stores the JSON on the
archive and notifies the member, who downloads it from *Your data* for ``ARCHIVE_HOURS``.
A member with years of messages and referrals no longer holds a web worker while the
archive is assembled, and a database outage mid-way is retried with back-off instead of
failing the download. Without a queue (tests, a Redis-less set-up) or when Redis is away,
the archive is built inline, as mail is.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

from flask import Response, url_for

from graph.accounts.archives import ARCHIVE_HOURS
from graph.errors import NotFound
from graph.people import new_id

from ..extensions import graph
from ..pictures.storage import photo_for_archive
from ..tasks.queue import app_context, enqueue_or_run, huey

logger = logging.getLogger(__name__)

ARCHIVE_FORMAT = "referral-account-export/1"
ARCHIVES_PER_DAY = 3


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def build_archive_now(member_id: str, archive_id: str, link: str) -> str:
    """Assemble and store one queued archive, then notify its owner. Returns 'ready',
    'gone' (the member or the archive no longer exists) or 'already' (a retried task
    whose earlier run finished)."""
    now = datetime.now(timezone.utc)
    try:
        sections = graph().data_export.export(member_id)
    except NotFound:
        return "gone"
    sections["photo"] = photo_for_archive(member_id)
    body = json.dumps({"format": ARCHIVE_FORMAT, "exportedAt": _iso(now), **sections},
                      ensure_ascii=False, indent=2, default=str)
    stored = graph().data_archives.fill(member_id, archive_id, body, _iso(now),
                                        _iso(now + timedelta(hours=ARCHIVE_HOURS)))
    if not stored:
        return "already"
    graph().notices.notify([member_id], "account.archive",
                           f"Your data archive is ready. You can download it for "
                           f"{ARCHIVE_HOURS} hours.", link)
    logger.info("data archive %s ready (%d bytes)", archive_id, len(body))
    return "ready"


@huey.task(retries=5, retry_delay=30, retry_backoff=2)
def build_archive(member_id: str, archive_id: str, link: str) -> str:
    """The worker's side of ``queue_archive``."""
    with app_context():
        return build_archive_now(member_id, archive_id, link)


def queue_archive(member_id: str, archive_id: str, link: str) -> str:
    """Have the archive built by the worker ('queued'), or now ('ran') when there is no
    queue or Redis is away."""
    return enqueue_or_run(build_archive, member_id, archive_id, link)


def start_archive(member_id: str, request_id: str | None = None) -> tuple[str, str]:
    """Record and queue a new archive of the member's data (the page and the API):
    ``(archive id, 'queued' | 'ran')``. ``Duplicate`` (409) while another is being
    prepared, ``TooManyArchives`` (429) past ``ARCHIVES_PER_DAY`` a day. A repeat of
    ``request_id`` (a double click, a retried API call) raises ``AlreadyApplied`` with
    the first request's archive id, and queues nothing."""
    archive_id = new_id()
    now = datetime.now(timezone.utc)
    graph().data_archives.request(member_id, archive_id, _iso(now),
                                  _iso(now - timedelta(days=1)), ARCHIVES_PER_DAY,
                                  request_id=request_id)
    link = url_for("account.data_page") + f"#archive-{archive_id}"
    return archive_id, queue_archive(member_id, archive_id, link)


def archive_download(member_id: str, archive_id: str) -> Response:
    """One of the member's ready archives as a JSON attachment (the page and the API);
    ``NotFound`` for anyone else's, alike."""
    archive = graph().data_archives.body(member_id, archive_id, _iso(datetime.now(timezone.utc)))
    stamp = archive["readyAt"][:10].replace("-", "")
    return Response(archive["body"], mimetype="application/json",
                    headers={"Content-Disposition":
                             f'attachment; filename="referral-data-{stamp}.json"'})
