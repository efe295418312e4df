"""Creating a driver from settings: the one place that knows the connection options."""
from __future__ import annotations

from neo4j import Driver, GraphDatabase, NotificationDisabledClassification


def make_driver(uri: str, user: str = "neo4j", password: str = "") -> Driver:
    """A driver for ``uri`` (``bolt://``, ``neo4j://`` for clusters, ``+s`` variants for
    TLS). With no password no credentials are sent, as for the local dev server."""
    auth = (user, password) if password else None
    # The server's INFORMATION notifications (e.g. "constraint already exists") are noise
    # in our logs, and so are UNRECOGNIZED warnings ("relationship type does not exist
    # yet" on a young database); other warnings still come through.
    return GraphDatabase.driver(
        uri, auth=auth, notifications_min_severity="WARNING",
        notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED])
