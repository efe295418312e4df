"""A member's own photo (upload, remove) and serving photos to logged-in members.

Uploads may be larger than the site's general request cap (phone cameras): the package's
``init_pictures`` raises the cap for the upload route alone, so a photo a little over
``PHOTO_MAX_BYTES`` gets the form's 400 with a message, and only one far beyond it the
413 page (which says the same).
"""
from __future__ import annotations

import logging

from flask import current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import NotFound as HTTPNotFound, RequestEntityTooLarge

from graph.base import utc_now
from graph.errors import Invalid

from ..extensions import graph
from ..i18n.labels import error_text
from . import bp
from .forms import PhotoForm, RemovePhotoForm
from .photos import clean_photo
from .storage import photo_store

logger = logging.getLogger(__name__)

PHOTO_CACHE = "private, max-age=86400"  # the URL carries the photo id: content never changes


def _page(status: int = 200, form: PhotoForm | None = None):
    person = {"id": current_user.id, "name": current_user.name,
              "photoId": graph().photos.photo_id(current_user.id)}
    # formdata=None: the page may answer a request whose body was refused as too large.
    return render_template("pictures/photo.html", person=person, form=form or PhotoForm(formdata=None),
                           remove_form=RemovePhotoForm(formdata=None),
                           max_kb=current_app.config["PHOTO_MAX_BYTES"] // 1024), status


@bp.route("/me/photo")
@login_required
def edit():
    return _page()


@bp.route("/me/photo", methods=["POST"])
@login_required
def upload():
    form = PhotoForm()
    if not form.validate_on_submit():
        return _page(400, form)
    try:
        data = clean_photo(form.photo.data.read(), current_app.config["PHOTO_MAX_BYTES"])
    except Invalid as error:
        form.photo.errors.append(error_text(error))
        return _page(400, form)
    store = photo_store()
    photo_id = store.save(data)
    try:
        found, previous = graph().photos.set_photo(current_user.id, photo_id, utc_now())
    except Exception:
        store.delete([photo_id])
        raise
    if not found:
        store.delete([photo_id])
        raise HTTPNotFound()
    store.delete([previous] if previous else [])
    flash(_("Photo saved."), "success")
    return redirect(url_for("pictures.edit"))


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    """Only the upload takes a body this large: answer with the photo page and its message."""
    message = _("The photo is larger than %(max)s KB; choose a smaller one.",
                max=current_app.config["PHOTO_MAX_BYTES"] // 1024)
    if not current_user.is_authenticated:
        return render_template("errors/error.html", status=413, title=_("Too large"),
                               message=message), 413
    form = PhotoForm(formdata=None)
    form.photo.errors = [message]
    return _page(413, form)


@bp.route("/me/photo/delete", methods=["POST"])
@login_required
def remove():
    form = RemovePhotoForm()
    if not form.validate_on_submit():
        return _page(400)
    previous = graph().photos.remove_photo(current_user.id)
    photo_store().delete([previous] if previous else [])
    flash(_("Photo removed.") if previous else _("You had no photo."), "success")
    return redirect(url_for("pictures.edit"))


@bp.route("/people/<person_id>/photo/<photo_id>")
@login_required
def photo(person_id: str, photo_id: str):
    """A member's current photo, to any logged-in member (as their page is). An old id,
    a former member or a missing file: 404, alike."""
    data = None
    if graph().photos.is_current(person_id, photo_id):
        data = photo_store().read(photo_id)
    if data is None:
        raise HTTPNotFound()
    response = make_response(data)
    response.mimetype = "image/jpeg"
    response.set_etag(photo_id)
    response.headers["Cache-Control"] = PHOTO_CACHE
    response.vary.add("Cookie")
    return response.make_conditional(request)
