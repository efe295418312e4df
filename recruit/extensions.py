"""Extensions, created unbound here and bound to an app in ``create_app``."""
from __future__ import annotations

import logging

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from neo4j import Driver

from graph import (accounts, alerts, candidates, companies, contacts, hiring, jobs, network,
                   notices, people, referrals, staff, workplace)
from graph.base import Repository
from graph.driver import make_driver
from graph.index import NetworkIndex

logger = logging.getLogger(__name__)

csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])

# Every repository by the name views use (``graph().referrals``), from each package's exports.
REPOSITORIES: dict[str, type[Repository]] = {
    name: repository
    for package in (people, network, companies, jobs, candidates, referrals, contacts, notices,
                    accounts, staff, workplace, hiring, alerts)
    for name, repository in package.REPOSITORIES.items()
}


class Graph:
    """The app's Neo4j driver and the repositories built on it.

    One driver per app, created in ``init_app`` (never at import time) and closed when
    the process exits; repositories are cheap views over it.
    """

    def __init__(self) -> None:
        self.driver: Driver | None = None
        self.database = "neo4j"
        self.config: dict = {}  # the app's settings (referral windows, points, caps)
        self.index: NetworkIndex | None = None  # the in-memory network index, when enabled

    def init_app(self, app: Flask) -> None:
        # Short timeouts: during an outage a request fails fast with a 503 (errors.py).
        timeouts = {"connection_timeout": app.config["NEO4J_CONNECTION_TIMEOUT"],
                    "connection_acquisition_timeout": app.config["NEO4J_ACQUISITION_TIMEOUT"],
                    "max_transaction_retry_time": app.config["NEO4J_RETRY_TIME"],
                    "liveness_check_timeout": app.config["NEO4J_LIVENESS_CHECK"]}
        self.driver = make_driver(app.config["NEO4J_URI"], app.config["NEO4J_USER"],
                                  app.config["NEO4J_PASSWORD"], timeouts=timeouts)
        self.database = app.config["NEO4J_DATABASE"]
        self.config = app.config
        app.extensions["graph"] = self
        if app.config.get("NETWORK_INDEX"):
            self.index = NetworkIndex(self.driver, self.database,
                                      poll_seconds=app.config["NETWORK_INDEX_POLL_SECONDS"])
            # Built by the serving process on its first request, never at import or by
            # `flask` commands (each gunicorn worker keeps its own).
            app.before_request(self.index.start)
            app.after_request(self._apply_own_writes)

    def _apply_own_writes(self, response):
        """After a POST, this process applies the changes it just logged, so the member
        sees their own write on the next page (other processes follow within a poll).
        Not after a failed one: it logged nothing, and after a 503 the database is away,
        so catching up would only make the member wait a second bound on its answer
        (py-spy found frozen-server POSTs waiting here: 4 s instead of 2)."""
        if request.method == "POST" and response.status_code < 400 \
                and self.index is not None and self.index.warm:
            try:
                self.index.catch_up()
            except Exception:  # noqa: BLE001 - the write succeeded; the poll catches up
                logger.warning("network index: catching up after a write failed", exc_info=True)
        return response

    def close(self) -> None:
        """Stop the index and close the driver's connection pool."""
        if self.index is not None:
            self.index.stop()
        if self.driver is not None:
            self.driver.close()

    def __getattr__(self, name: str) -> Repository:
        # Only called for names that are not attributes: the repositories, built per use
        # (they are cheap views over the driver) from the feature packages' registries.
        try:
            repository = REPOSITORIES[name]
        except KeyError:
            raise AttributeError(f"Graph has no repository {name!r}") from None
        return repository.from_settings(self.driver, self.database, self.config,
                                        index=self.index)


def graph() -> Graph:
    """The current app's ``Graph``."""
    return current_app.extensions["graph"]
