"""Profile photos: checked by content with Pillow, re-encoded small and clean, kept
outside the web root.

An upload is accepted when its bytes decode as a JPEG, PNG or WebP image (whatever the
file is called or claims to be), it is at most ``PHOTO_MAX_BYTES`` and its pixel count
is sane (a small file that decodes to a huge bitmap is refused before it is decoded).
It is then turned upright by its EXIF orientation, cropped to a centred square, resized
to ``PHOTO_SIZE`` pixels and saved as a fresh JPEG: every EXIF, XMP and ICC block of the
upload (GPS position, camera serial, thumbnails) is left behind, since nothing is copied
across but pixels.

Files live in ``PHOTO_DIR`` (default ``instance/photos``, never under ``static/``) as
``<random id>.jpg``; the graph keeps only the id (``graph.people.photos``). They are
served only by ``pictures.photo``, to logged-in members, with an ETag.
"""
from __future__ import annotations

import io
import logging
import os
import re
import secrets
import time
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from graph.errors import Invalid

logger = logging.getLogger(__name__)

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
PHOTO_SIZE = 256
# A 12,000 × 8,000 camera image is 96 MP; anything above this is refused undecoded.
MAX_PIXELS = 50_000_000
PHOTO_ID = re.compile(r"[0-9a-f]{32}")


def clean_photo(data: bytes, max_bytes: int) -> bytes:
    """The JPEG to store for an uploaded photo; ``Invalid`` with a clear message when the
    file is empty, too large, not an image of an accepted type, or unreadable."""
    if not data:
        raise Invalid("The file you chose is empty; choose a JPEG, PNG or WebP photo.")
    if len(data) > max_bytes:
        raise Invalid("The photo is %(size)s KB; the most is %(max)s KB. Choose a smaller one.",
                      size=len(data) // 1024, max=max_bytes // 1024)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                if image.format:
                    raise Invalid("The photo must be a JPEG, PNG or WebP image (this file's "
                                  "content is %(format)s, whatever its name).",
                                  format=image.format)
                raise Invalid("The photo must be a JPEG, PNG or WebP image (this file's content "
                              "is not an image, whatever its name).")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise Invalid("The photo has too many pixels; choose a smaller image.")
            image.load()
            return _square_jpeg(image)
    except Invalid:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Invalid("The file is not a photo we can read: choose a JPEG, PNG or WebP image "
                      "(its content decides, not its name).") from None
    except Exception as exc:  # any decoder failure on untrusted input is the file's fault
        logger.info("unreadable photo upload: %s", type(exc).__name__)
        raise Invalid("The photo could not be read; it may be damaged. Try another file.") from exc


def _square_jpeg(image: Image.Image) -> bytes:
    """Upright, centre-cropped, ``PHOTO_SIZE`` square, RGB JPEG with no metadata."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        backdrop = Image.new("RGB", image.size, (255, 255, 255))
        backdrop.paste(image, mask=image.getchannel("A"))
        image = backdrop
    else:
        image = image.convert("RGB")
    image = ImageOps.fit(image, (PHOTO_SIZE, PHOTO_SIZE), Image.Resampling.LANCZOS)
    # A new image holds no metadata; save without exif/icc arguments keeps it that way.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


class PhotoStore:
    """The photo files in one folder, named by random id."""

    def __init__(self, folder: str):
        self.folder = Path(folder)

    def path(self, photo_id: str) -> Path:
        """The file of a photo id (ids are checked: no path can be smuggled in)."""
        if not PHOTO_ID.fullmatch(photo_id or ""):
            raise ValueError("not a photo id")
        return self.folder / f"{photo_id}.jpg"

    def save(self, data: bytes) -> str:
        """Write the bytes under a new random id (owner-only permissions); return the id."""
        self.folder.mkdir(parents=True, exist_ok=True)
        photo_id = secrets.token_hex(16)
        fd = os.open(self.path(photo_id), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return photo_id

    def read(self, photo_id: str) -> bytes | None:
        """The stored bytes, None when the file is gone."""
        try:
            return self.path(photo_id).read_bytes()
        except (FileNotFoundError, ValueError):
            return None

    def delete(self, photo_ids: list[str]) -> None:
        """Remove these files (missing ones are fine)."""
        for photo_id in photo_ids:
            if photo_id and PHOTO_ID.fullmatch(photo_id):
                self.path(photo_id).unlink(missing_ok=True)

    def stored_ids(self) -> list[str]:
        """The ids of every file in the folder."""
        if not self.folder.is_dir():
            return []
        return [p.stem for p in self.folder.glob("*.jpg") if PHOTO_ID.fullmatch(p.stem)]

    def sweep(self, known_ids: set[str], min_age_seconds: int = 3600) -> int:
        """Delete files no member has any more (a crash between file and graph write);
        files younger than ``min_age_seconds`` may be committing right now."""
        cutoff = time.time() - min_age_seconds
        orphans = [i for i in self.stored_ids()
                   if i not in known_ids and self.path(i).stat().st_mtime <= cutoff]
        self.delete(orphans)
        return len(orphans)
