"""Notifications (``notices``)."""
from . import notices

BLUEPRINTS = (notices.blp,)
