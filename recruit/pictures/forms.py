"""Forms for a member's profile photo."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class PhotoForm(FlaskForm):
    """Upload a profile photo; its content is checked by ``photos.clean_photo``."""
    photo = FileField(_l("Photo (JPEG, PNG or WebP)"),
                      validators=[FileRequired(_l("Choose a photo to upload."))])


class RemovePhotoForm(FlaskForm):
    """Remove the profile photo (a POST with a CSRF token, nothing else)."""
