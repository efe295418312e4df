"""``/healthz`` (liveness) and ``/readyz`` (readiness), for a load balancer or supervisor.

Liveness asks nothing of the database: a worker that answers is alive, and restarting it
would not bring Neo4j back. Readiness says whether this instance can serve: Neo4j
reachable with the schema applied, the queue's Redis reachable with a live worker and
scheduler. Both answer in JSON; neither needs a login nor changes anything.
"""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify

from graph.base import database_call
from graph.schema import UNREACHABLE, missing_schema

from .deadline import DatabaseCallTimeout, note_unreachable
from .extensions import graph
from .tasks import queue_status

logger = logging.getLogger(__name__)

bp = Blueprint("health", __name__)

# Once an app saw the whole schema it stays applied (the app drops no constraint), so
# later probes skip the SHOW queries.
SCHEMA_SEEN = "health.schema_applied"


@bp.route("/healthz")
def healthz():
    """The process answers."""
    return jsonify(status="ok")


def _database_status() -> dict:
    g = graph()
    try:
        with database_call():
            g.driver.execute_query("RETURN 1", database_=g.database)
        if not current_app.extensions.get(SCHEMA_SEEN):
            with database_call():
                missing = missing_schema(g.driver, g.database)
            if missing:
                return {"ok": False, "reachable": True, "schema": "incomplete",
                        "missing": missing[:10]}
            current_app.extensions[SCHEMA_SEEN] = True
    except (*UNREACHABLE, DatabaseCallTimeout) as exc:
        note_unreachable()
        return {"ok": False, "reachable": False, "error": type(exc).__name__}
    return {"ok": True, "reachable": True, "schema": "applied"}


def _cache_status() -> dict:
    """The network index's state, age and lag. It never holds readiness back: until it is
    warm (or while it rebuilds) the pages answer from Cypher."""
    index = graph().index
    if index is None:
        return {"ok": True, "networkIndex": "off"}
    return {"ok": True, "networkIndex": index.status()}


@bp.route("/readyz")
def readyz():
    """Ready when the database, its schema and the background workers all are; 503 and
    the failing part otherwise."""
    checks = {"database": _database_status(), "tasks": queue_status(),
              "caches": _cache_status()}
    ready = all(check["ok"] for check in checks.values())
    response = jsonify(status="ready" if ready else "not ready", checks=checks)
    response.status_code = 200 if ready else 503
    return response
