"""The Huey instance and its binding to an app.

Tasks are registered on ``huey`` at import time (decorators), before any app exists;
``init_tasks`` points it at the app's Redis, or switches it to immediate mode (tasks run
inline, in memory) when the app has no Redis or is under test.
"""
from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from typing import Iterator

from flask import Flask, current_app, has_app_context
from huey import RedisHuey
from huey.storage import RedisStorage
from redis import ConnectionPool
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

QUEUE_NAME = "recruit"
HEARTBEAT_KEY = "recruit:worker:heartbeat"
# The consumer writes its heartbeat at start and every minute; /readyz calls the worker
# dead once the last one is older than this.
HEARTBEAT_STALE_SECONDS = 150

# Results are not kept: callers never wait on a task, and unread results would pile up.
huey = RedisHuey(QUEUE_NAME, results=False, immediate=True)
_task_app: Flask | None = None


def init_tasks(app: Flask) -> None:
    """Bind the queue to ``app``: Redis at ``REDIS_URL``, or immediate mode when the app
    sets ``TASKS_IMMEDIATE`` (tests, no Redis). Tasks run in this app's context."""
    global _task_app
    _task_app = app
    huey.storage_class = RedisStorage
    # A request that enqueues must not hang on a Redis that is away: short connect and
    # read timeouts (the consumer's blocking read waits 1 s, well inside 5 s).
    pool = ConnectionPool.from_url(app.config.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
                                   socket_connect_timeout=0.5, socket_timeout=5,
                                   health_check_interval=30)
    huey.storage_kwargs = {"connection_pool": pool}
    huey.immediate = bool(app.config["TASKS_IMMEDIATE"])
    huey.storage = huey.create_storage()
    app.extensions["tasks"] = huey


def task_app() -> Flask:
    """The app tasks run for: the current one inside a request (immediate mode), else
    the one the worker built."""
    if has_app_context():
        return current_app._get_current_object()
    if _task_app is None:
        raise RuntimeError("init_tasks() has not been called in this process")
    return _task_app


@contextmanager
def app_context() -> Iterator[Flask]:
    """An app context for a task's body (reuses the request's one in immediate mode)."""
    if has_app_context():
        yield current_app._get_current_object()
        return
    with task_app().app_context():
        yield task_app()


def enqueue_or_run(task, *args) -> str:
    """Queue ``task(*args)`` for the worker ('queued'); run it here and now ('ran') when
    there is no queue (immediate mode) or Redis is away: a request never fails, or loses
    the work, because the queue is down."""
    if not huey.immediate:
        try:
            huey.enqueue(task.s(*args))
            return "queued"
        except RedisError as exc:
            logger.warning("task queue unreachable (%s); running %s inline",
                           type(exc).__name__, task.func.__name__)
    task.call_local(*args)
    return "ran"


def redis_client():
    """The Redis client behind the queue, or None in immediate mode."""
    return None if huey.immediate else huey.storage.conn


def write_heartbeat() -> None:
    """Record that a worker is alive (read by ``heartbeat_age``)."""
    client = redis_client()
    if client is not None:
        client.set(HEARTBEAT_KEY, repr(time.time()), ex=HEARTBEAT_STALE_SECONDS * 2)


def heartbeat_age() -> float | None:
    """Seconds since a worker last wrote its heartbeat; None if none is recorded.
    Raises ``RedisError`` when Redis cannot be reached."""
    client = redis_client()
    if client is None:
        return 0.0
    stamp = client.get(HEARTBEAT_KEY)
    return None if stamp is None else max(0.0, time.time() - float(stamp))


def queue_status() -> dict:
    """The queue as ``/readyz`` shows it: mode, Redis reachable, pending tasks, worker."""
    if huey.immediate:
        return {"mode": "inline", "ok": True}
    try:
        age = heartbeat_age()
        pending = huey.pending_count()
        scheduled = huey.scheduled_count()
    except RedisError as exc:
        return {"mode": "redis", "ok": False, "error": f"redis unreachable ({type(exc).__name__})"}
    alive = age is not None and age <= HEARTBEAT_STALE_SECONDS
    return {"mode": "redis", "ok": alive, "pending": pending, "scheduled": scheduled,
            "workerHeartbeatAge": None if age is None else round(age, 1),
            **({} if alive else {"error": "no live worker"})}
