"""Notifications (``notices``), notification settings and saved candidate searches
(``settings``). Mirrors ``recruit/notices/`` and ``recruit/alerts/``."""
from . import notices, settings

BLUEPRINTS = (notices.blp, settings.blp)
