"""Notifications (``notices``), notification settings and saved candidate searches
(``settings``), saved job filters (``job_filters``). Mirrors ``recruit/notices/`` and
``recruit/alerts/``."""
from . import job_filters, notices, settings

BLUEPRINTS = (notices.blp, settings.blp, job_filters.blp)
