"""Background work: a Huey task queue on Redis, its scheduler, and the worker.

Why Huey: one small, actively maintained library (coleifer/huey) gives everything this
app needs in one consumer process: a Redis-backed queue, retries with back-off
(``retry_delay`` × ``retry_backoff``), cron-like periodic tasks run by the same consumer
(no second scheduler daemon, unlike RQ + rq-scheduler or Dramatiq + APScheduler), task
locks so a slow nightly run never overlaps the next, and an immediate mode in which
tasks run inline, which the test suite and a Redis-less development set-up use.

- ``queue``: the ``huey`` instance, bound to the app's ``REDIS_URL`` by ``init_tasks``,
  the app context tasks run in, and the worker heartbeat read by ``/readyz``;
- ``scheduled``: the periodic tasks (influence nightly, expiries hourly);
- ``worker``: what ``huey_consumer recruit.tasks.worker.huey`` loads.

Mail is queued by ``recruit.mail.send_mail`` (its task lives there, next to delivery).
"""
from .queue import heartbeat_age, huey, init_tasks, queue_status, task_app

__all__ = ["heartbeat_age", "huey", "init_tasks", "queue_status", "task_app"]
