"""The consumer's entry point: ``huey_consumer recruit.tasks.worker.huey``.

Building the app here binds the queue to ``REDIS_URL`` and gives tasks their app
context. Nothing here touches Neo4j: a worker starts while the database is away and its
tasks retry until it is back.
"""
from recruit import create_app

from . import scheduled  # noqa: F401  (registers the periodic tasks)
from .queue import huey

app = create_app()

__all__ = ["app", "huey"]
