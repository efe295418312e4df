"""Background tasks of the alerts (queued; inline in tests and without Redis)."""
from __future__ import annotations

from ..tasks.queue import app_context, huey
from .work import fire_job_alerts


@huey.task(retries=3, retry_delay=30)
def job_alerts_task(job_id: str) -> int:
    """After a job is posted: alert its network."""
    with app_context():
        return fire_job_alerts(job_id)
