"""Pictures: generated avatars, connection paths drawn as SVG, and profile photos
(upload, removal, serving). The drawing is pure (``avatars``, ``paths``); the template
globals that feed it (``templating``) decide what a pseudonymous view may show."""
from flask import Blueprint, Flask, request

bp = Blueprint("pictures", __name__)

# Room in an upload request beyond the photo: the CSRF token, multipart framing, file name.
FORM_ROOM = 64 * 1024


def init_pictures(app: Flask) -> None:
    """Raise the request size cap for the photo upload alone, to ``PHOTO_MAX_BYTES`` plus
    the form. Must be installed before ``csrf.init_app``: the CSRF check reads the form,
    and the cap applies when the form is first read."""
    @app.before_request
    def _photo_upload_cap():
        if request.endpoint == "pictures.upload":
            request.max_content_length = app.config["PHOTO_MAX_BYTES"] + FORM_ROOM


from . import routes, templating  # noqa: E402,F401  (they attach themselves to bp)
