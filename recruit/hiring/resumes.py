"""Résumé files: checked by content, their text read with pypdf, kept outside the web root.

A résumé is accepted only when its bytes are a PDF (the ``%PDF-`` signature, then a
document pypdf can open and is not password-protected), whatever the file is called,
and when it is at most ``RESUME_MAX_BYTES``. It is written to ``RESUME_DIR`` (by default
``instance/resumes``, never under ``static/``) as ``<random id>.pdf``; the id alone is
kept in the graph. Files are served only through ``hiring.resume``, which asks the graph
whether the viewer may have it, as an attachment.

Deleting: with the application (withdrawal) at once; after an account's erasure (which
deletes the ``:Resume`` nodes), ``sweep`` removes every file the graph no longer knows.
"""
from __future__ import annotations

import io
import logging
import os
import re
import secrets
import time
from pathlib import Path

from pypdf import PdfReader

from graph.errors import Invalid

logger = logging.getLogger(__name__)

PDF_SIGNATURE = b"%PDF-"
# Enough text for search and fit; a long CV's tail adds little.
MAX_TEXT = 20000
MAX_PAGES = 20
RESUME_ID = re.compile(r"[0-9a-f]{32}")


def read_pdf(data: bytes, max_bytes: int) -> dict:
    """``{bytes, pages, text}`` of an uploaded résumé; ``Invalid`` with a clear message
    when it is empty, too large, not a PDF or unreadable."""
    if not data:
        raise Invalid("The file you chose is empty; choose your résumé, a PDF file.")
    if len(data) > max_bytes:
        raise Invalid("The résumé is %(value)s KB; the most is %(value2)s KB. Save a smaller "
                      "PDF.", value=len(data) // 1024, value2=max_bytes // 1024)
    if not data.startswith(PDF_SIGNATURE):
        raise Invalid("The résumé must be a PDF file (this file's content is not a PDF, "
                      "whatever its name).")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Invalid("The résumé is password-protected; upload a PDF without a password.")
        pages = len(reader.pages)
        text = "\n".join((page.extract_text() or "") for page in reader.pages[:MAX_PAGES])
    except Invalid:
        raise
    except Exception as exc:  # any parser failure on untrusted input is the file's fault
        logger.info("unreadable résumé upload: %s", type(exc).__name__)
        raise Invalid("The résumé could not be read as a PDF. Export it again and retry.") from exc
    text = " ".join(text.split())[:MAX_TEXT]
    return {"bytes": len(data), "pages": pages, "text": text, "words": searchable(text)}


def searchable(text: str) -> str:
    """The text as matched against skill keys: lower-case words (letters, digits and
    ``+#.``) between single spaces, padded, so `` python `` or `` machine learning ``
    match whole words only ("go" never matches inside "good")."""
    words = re.findall(r"[\w+#.]+", text.casefold())
    return " " + " ".join(w.strip(".") for w in words if w.strip(".")) + " "


class ResumeStore:
    """The résumé files in one folder, named by random id."""

    def __init__(self, folder: str):
        self.folder = Path(folder)

    def path(self, resume_id: str) -> Path:
        """The file of a résumé id (ids are checked: no path can be smuggled in)."""
        if not RESUME_ID.fullmatch(resume_id or ""):
            raise ValueError("not a résumé id")
        return self.folder / f"{resume_id}.pdf"

    def save(self, data: bytes) -> str:
        """Write the bytes under a new random id (owner-only permissions); return the id."""
        self.folder.mkdir(parents=True, exist_ok=True)
        resume_id = secrets.token_hex(16)
        path = self.path(resume_id)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return resume_id

    def delete(self, resume_ids: list[str]) -> None:
        """Remove these files (missing ones are fine)."""
        for resume_id in resume_ids:
            self.path(resume_id).unlink(missing_ok=True)

    def stored_ids(self) -> list[str]:
        """The ids of every file in the folder."""
        if not self.folder.is_dir():
            return []
        return [p.stem for p in self.folder.glob("*.pdf") if RESUME_ID.fullmatch(p.stem)]

    def sweep(self, known_ids: set[str], min_age_seconds: int = 3600) -> int:
        """Delete the files whose id the graph no longer knows; return how many. Files
        younger than ``min_age_seconds`` are left alone: their application may be
        committing right now."""
        cutoff = time.time() - min_age_seconds
        orphans = [i for i in self.stored_ids()
                   if i not in known_ids and self.path(i).stat().st_mtime <= cutoff]
        self.delete(orphans)
        return len(orphans)
