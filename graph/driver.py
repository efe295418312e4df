"""Creating a driver from settings: the one place that knows the connection options."""
from __future__ import annotations

from neo4j import Driver, GraphDatabase, NotificationDisabledClassification

# What a web request can afford to wait for a database that is not there. The driver's
# own defaults (30 s to connect, 60 s to get a connection from the pool, 30 s of retries
# per transaction) turn an outage into requests that hang until the worker is killed; with
# these a request learns within about 2 s that Neo4j is away and answers 503.
#
# A server that accepts connections and answers nothing (frozen, a JVM in a long pause)
# is bounded by the acquisition timeout, whatever that server's configuration: every
# pooled connection is checked before use (``liveness_check_timeout`` 0: a RESET round
# trip, well under a millisecond on a healthy server) within that timeout, and a new
# connection's handshake runs within it too. The driver retries nothing
# (``max_transaction_retry_time`` 0): a retry after a silent connection meant another
# 1 s back-off and 2 s handshake, 5 s in all (docs/operations.md). The server's transient
# errors (deadlocks) are retried by the repositories instead (``graph.base.run_managed``).
#
# That fast-failing mode is opt-in (``FAST_FAIL_TIMEOUTS``; config ``NEO4J_RETRY_TIME=0``,
# ``NEO4J_LIVENESS_CHECK=0``): with it the app did not recover in time after Neo4j was
# killed and restarted (the fault test), so the web app's defaults (``WEB_TIMEOUTS``,
# mirrored in config.py) keep a short driver retry and no liveness check.
WEB_TIMEOUTS = {"connection_timeout": 1.0, "connection_acquisition_timeout": 2.0,
                "max_transaction_retry_time": 0.5, "liveness_check_timeout": None}
FAST_FAIL_TIMEOUTS = {**WEB_TIMEOUTS, "max_transaction_retry_time": 0.0,
                      "liveness_check_timeout": 0.0}


def make_driver(uri: str, user: str = "neo4j", password: str = "", *,
                timeouts: dict[str, float] | None = None) -> Driver:
    """A driver for ``uri`` (``bolt://``, ``neo4j://`` for clusters, ``+s`` variants for
    TLS). With no password no credentials are sent, as for the local dev server.

    ``timeouts`` overrides the driver's connection settings (``connection_timeout``,
    ``connection_acquisition_timeout``, ``max_transaction_retry_time``,
    ``liveness_check_timeout``, in seconds); the
    web app passes short ones (``WEB_TIMEOUTS``), batch jobs keep the patient defaults.
    """
    auth = (user, password) if password else None
    # The server's INFORMATION notifications (e.g. "constraint already exists") are noise
    # in our logs, and so are UNRECOGNIZED warnings ("relationship type does not exist
    # yet" on a young database); other warnings still come through.
    return GraphDatabase.driver(
        uri, auth=auth, notifications_min_severity="WARNING",
        notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
        **(timeouts or {}))
