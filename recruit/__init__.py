"""The recruiting web app: ``create_app`` builds it from a config object."""
from __future__ import annotations

import atexit
import logging

from flask import Flask

from config import Config


def create_app(config: Config | None = None) -> Flask:
    """Build the app: bind extensions, register blueprints, errors and CLI commands."""
    from . import cli, errors
    from .auth import bp as auth_bp
    from .auth.server_sessions import init_sessions
    from .auth.session import init_login
    from .candidates import bp as candidates_bp
    from .candidates.cli import register as register_candidate_commands
    from .circles import bp as circles_bp
    from .companies import bp as companies_bp
    from .contacts import bp as contacts_bp
    from .extensions import Graph, csrf, limiter
    from .alerts import bp as alerts_bp
    from .hiring import bp as hiring_bp
    from .jobs import bp as jobs_bp
    from .messages import bp as messages_bp
    from .network import bp as network_bp
    from .profiles import bp as profiles_bp
    from .pictures import bp as pictures_bp, init_pictures
    from .staff import bp as staff_bp
    from .suggestions import bp as suggestions_bp
    from .health import bp as health_bp
    from .idempotency import init_request_ids
    from .tasks import init_tasks
    from .views import bp as main_bp
    from .workplace import bp as workplace_bp
    from .account import bp as account_bp
    from .hosts import BaseUrlFlask, configure_hosts
    from .i18n import init_i18n
    from .security_headers import init_security_headers
    from .referrals.setup import register_referrals
    from .api import init_api
    from .cities import init_cities

    app = BaseUrlFlask(__name__, template_folder="../templates", static_folder="../static")
    app.config.from_object(config or Config())
    configure_hosts(app)
    logging.basicConfig(level=logging.INFO)

    graph = Graph()
    graph.init_app(app)
    atexit.register(graph.close)
    init_pictures(app)  # before CSRF: it raises the upload's size cap before the form is read
    csrf.init_app(app)
    limiter.init_app(app)
    init_login(app)
    init_sessions(app)
    init_security_headers(app)
    register_referrals(app)
    init_tasks(app)
    init_i18n(app)
    init_request_ids(app)
    init_cities(app)

    for blueprint in (main_bp, auth_bp, profiles_bp, network_bp, companies_bp, jobs_bp,
                      contacts_bp, suggestions_bp, circles_bp, candidates_bp, messages_bp,
                      account_bp, staff_bp, health_bp, workplace_bp, hiring_bp,
                      alerts_bp, pictures_bp):
        app.register_blueprint(blueprint)
    init_api(app)
    errors.register(app)
    cli.register(app)
    register_candidate_commands(app)
    return app
