"""Extensions, created unbound here and bound to an app in ``create_app``."""
from __future__ import annotations

import logging

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from neo4j import Driver

from graph import candidates, companies, contacts, jobs, network, notices, people, referrals
from graph.base import Repository
from graph.driver import make_driver

logger = logging.getLogger(__name__)

csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])

# Every repository by the name views use (``graph().referrals``), from each package's exports.
REPOSITORIES: dict[str, type[Repository]] = {
    name: repository
    for package in (people, network, companies, jobs, candidates, referrals, contacts, notices)
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

    def init_app(self, app: Flask) -> None:
        # Short timeouts: during an outage a request fails fast with a 503 (errors.py).
        timeouts = {"connection_timeout": app.config["NEO4J_CONNECTION_TIMEOUT"],
                    "connection_acquisition_timeout": app.config["NEO4J_ACQUISITION_TIMEOUT"],
                    "max_transaction_retry_time": app.config["NEO4J_RETRY_TIME"]}
        self.driver = make_driver(app.config["NEO4J_URI"], app.config["NEO4J_USER"],
                                  app.config["NEO4J_PASSWORD"], timeouts=timeouts)
        self.database = app.config["NEO4J_DATABASE"]
        self.config = app.config
        app.extensions["graph"] = self

    def close(self) -> None:
        """Close the driver's connection pool."""
        if self.driver is not None:
            self.driver.close()

    def __getattr__(self, name: str) -> Repository:
        # Only called for names that are not attributes: the repositories, built per use
        # (they are cheap views over the driver) from the feature packages' registries.
        try:
            repository = REPOSITORIES[name]
        except KeyError:
            raise AttributeError(f"Graph has no repository {name!r}") from None
        return repository.from_settings(self.driver, self.database, self.config)


def graph() -> Graph:
    """The current app's ``Graph``."""
    return current_app.extensions["graph"]
