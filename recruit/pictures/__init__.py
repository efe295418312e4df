"""Pictures: generated avatars, connection paths drawn as SVG, and profile photos
(upload, removal, serving). The drawing is pure (``avatars``, ``paths``); the template
globals that feed it (``templating``) decide what a pseudonymous view may show."""
from flask import Blueprint

bp = Blueprint("pictures", __name__)

from . import routes, templating  # noqa: E402,F401  (they attach themselves to bp)
