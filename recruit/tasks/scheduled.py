"""The periodic tasks, run by the consumer's scheduler (``scripts/run.sh`` starts it).

Times are UTC. Each task is idempotent and takes a lock, so a slow run never overlaps the
next one, and each retries with back-off when the database is away at its hour.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from huey import crontab

from graph.base import utc_now
from graph.idempotency import TOKEN_LIFETIME_HOURS

from graph.index.changelog import prune_older_than

from ..account.data import erase_due_accounts, purge_expired_sessions
from ..candidates.cli import refresh_influence
from ..alerts.work import check_saved_searches, send_alert_digests
from ..extensions import graph
from ..hiring.files import sweep_orphan_resumes
from ..pictures.storage import sweep_orphan_photos
from ..notices.mails import send_notice_mails
from .locks import exclusive
from .queue import app_context, huey, write_heartbeat

logger = logging.getLogger(__name__)


@huey.on_startup()
def heartbeat_at_start() -> None:
    """A fresh consumer is ready at once, not at the next minute."""
    write_heartbeat()


@huey.periodic_task(crontab(minute="*"))
def heartbeat() -> None:
    """Every minute: proves that the scheduler enqueues and a worker runs (``/readyz``)."""
    write_heartbeat()


@huey.periodic_task(crontab(minute="30", hour="2"), retries=4, retry_delay=300,
                    retry_backoff=2)
@exclusive("influence-recompute", ttl=6 * 3600)
def recompute_influence() -> dict:
    """Nightly: influence levels from the friendship graph, then pseudonyms in line with
    job statuses (``flask compute-influence`` does the same by hand)."""
    with app_context():
        per_level, assigned = refresh_influence(graph())
    logger.info("nightly influence: %d members, %d pseudonyms created",
                sum(per_level.values()), assigned)
    return {"members": sum(per_level.values()), "pseudonymsCreated": assigned}


@huey.periodic_task(crontab(minute="5"), retries=3, retry_delay=60, retry_backoff=2)
@exclusive("expiry-sweep", ttl=3600)
def sweep_expired() -> dict:
    """Hourly: expire unanswered invitations, asks and introductions past their window,
    prune idempotency tokens older than their lifetime, expired API tokens, and data
    archives past theirs (or stuck unprepared for a day)."""
    now = utc_now()
    moment = datetime.now(timezone.utc)
    before = (moment - timedelta(hours=TOKEN_LIFETIME_HOURS)).isoformat(timespec="seconds")
    a_day_ago = (moment - timedelta(days=1)).isoformat(timespec="seconds")
    with app_context():
        expired = graph().expiry.sweep(now)
        expired["writeTokens"] = graph().expiry.prune_write_tokens(before)
        expired["dataArchives"] = graph().data_archives.prune(now, a_day_ago)
        expired["apiTokens"] = graph().api_tokens.prune_expired(now)
    logger.info("expiry sweep: %s", expired)
    return expired


@huey.periodic_task(crontab(minute="15"), retries=3, retry_delay=60, retry_backoff=2)
@exclusive("saved-searches", ttl=3600)
def saved_search_alerts() -> int:
    """Hourly: announce new candidates matching recruiters' saved searches."""
    with app_context():
        return check_saved_searches()


@huey.periodic_task(crontab(minute="0", hour="7"), retries=3, retry_delay=300,
                    retry_backoff=2)
@exclusive("alert-digests", ttl=3600)
def alert_digests() -> int:
    """Daily at 07:00 UTC: mail each member the alerts of the day."""
    with app_context():
        return send_alert_digests()


@huey.periodic_task(crontab(minute="*"), retries=3, retry_delay=30, retry_backoff=2)
@exclusive("notice-mails", ttl=600)
def notice_mails() -> int:
    """Every minute: the e-mail copies of friend-request and conversation notices."""
    with app_context():
        return send_notice_mails()


@huey.periodic_task(crontab(minute="35"), retries=3, retry_delay=60, retry_backoff=2)
@exclusive("resume-sweep", ttl=3600)
def sweep_resumes() -> int:
    """Hourly: delete résumé files whose application or account is gone."""
    with app_context():
        return sweep_orphan_resumes()


@huey.periodic_task(crontab(minute="40"), retries=3, retry_delay=60, retry_backoff=2)
@exclusive("photo-sweep", ttl=3600)
def sweep_photos() -> int:
    """Hourly: delete photo files no member has (a crash between file and graph write)."""
    with app_context():
        return sweep_orphan_photos()


@huey.periodic_task(crontab(minute="20"), retries=3, retry_delay=60, retry_backoff=2)
@exclusive("session-purge", ttl=3600)
def purge_sessions() -> int:
    """Hourly: delete sessions past their idle or absolute limit."""
    with app_context():
        return purge_expired_sessions()


@huey.periodic_task(crontab(minute="45", hour="3"), retries=4, retry_delay=300,
                    retry_backoff=2)
@exclusive("account-erasure", ttl=6 * 3600)
def erase_due() -> int:
    """Nightly: erase the accounts whose deletion grace period is over."""
    with app_context():
        return erase_due_accounts()


INDEX_LOG_DAYS = 7


@huey.periodic_task(crontab(minute="50", hour="3"), retries=3, retry_delay=60, retry_backoff=2)
@exclusive("index-log-prune", ttl=3600)
def prune_index_log() -> int:
    """Nightly: drop the network index's change-log entries older than a week (a process
    that far behind rebuilds anyway)."""
    with app_context():
        g, deleted = graph(), 0
        with g.driver.session(database=g.database) as session:
            while batch := session.execute_write(prune_older_than, INDEX_LOG_DAYS):
                deleted += batch
    return deleted
