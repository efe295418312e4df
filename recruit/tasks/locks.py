"""One run at a time of a recurring task, across every worker, on any Redis.

Huey's own ``lock_task(ttl=...)`` stores the lock as a hash field with a TTL, which needs
Redis 7.4 or later; Debian's ``redis-server`` is 7.0, where every locked task raised
``NotImplementedError`` and was retried instead of running. A lock without a TTL would
stay held forever by a worker killed mid-task. So the lock here is a plain key set with
``SET NX EX``, which every Redis has: it expires after ``ttl`` seconds on its own, and is
released (only by its holder: a token is compared in one Lua step) when the task ends.
"""
from __future__ import annotations

import functools
import logging
import secrets
from typing import Any, Callable

from .queue import huey

logger = logging.getLogger(__name__)

LOCK_PREFIX = "recruit:lock:"

# Delete the key only if it still holds our token: a run that outlived its TTL must not
# release the lock a later run has taken since.
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


def _redis():
    """The queue's Redis client, or None in immediate mode (one process, no lock needed)."""
    if huey.immediate:
        return None
    return getattr(huey.storage, "conn", None)


def exclusive(name: str, ttl: int) -> Callable:
    """Decorator for a task body: run it only when no other run of ``name`` holds the
    lock; otherwise log and return None (the next scheduled run will do the work)."""

    def decorate(task: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(task)
        def run(*args: Any, **kwargs: Any) -> Any:
            conn = _redis()
            if conn is None:
                return task(*args, **kwargs)
            key, token = LOCK_PREFIX + name, secrets.token_hex(16)
            if not conn.set(key, token, nx=True, ex=ttl):
                logger.info("task %s is already running elsewhere; this run is skipped", name)
                return None
            try:
                return task(*args, **kwargs)
            finally:
                conn.eval(_RELEASE, 1, key, token)

        return run

    return decorate
