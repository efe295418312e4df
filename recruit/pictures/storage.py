"""The app's photo folder, and removing files no member has any more (shared by the
photo routes, account erasure and the data archive)."""
from __future__ import annotations

import base64
import logging

from flask import current_app

from ..extensions import graph
from .photos import PhotoStore

logger = logging.getLogger(__name__)


def photo_store() -> PhotoStore:
    """The app's photo folder (``PHOTO_DIR``)."""
    return PhotoStore(current_app.config["PHOTO_DIR"])


def photo_for_archive(person_id: str) -> dict | None:
    """The member's photo as the data archive holds it (JPEG, base64), or None."""
    photo_id = graph().photos.photo_id(person_id)
    data = photo_store().read(photo_id) if photo_id else None
    if data is None:
        return None
    return {"contentType": "image/jpeg", "base64": base64.b64encode(data).decode("ascii")}


def sweep_orphan_photos(min_age_seconds: int = 3600) -> int:
    """Delete photo files whose id no member holds; how many (the hourly task)."""
    store = photo_store()
    known = graph().photos.known_photo_ids(store.stored_ids())
    removed = store.sweep(known, min_age_seconds)
    if removed:
        logger.info("photo sweep: %d orphaned file(s) deleted", removed)
    return removed
