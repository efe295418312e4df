"""The app's résumé folder, and removing files the graph no longer holds (after a
withdrawal, an account's erasure, or a write that failed after the upload)."""
from __future__ import annotations

import logging

from flask import current_app

from ..extensions import graph
from .resumes import ResumeStore, read_pdf

logger = logging.getLogger(__name__)


def resume_store() -> ResumeStore:
    """The app's résumé folder (``RESUME_DIR``)."""
    return ResumeStore(current_app.config["RESUME_DIR"])


def store_resume(data: bytes) -> dict:
    """Check an uploaded résumé (``read_pdf``: ``Invalid`` with a message) and store its
    file; returns ``{id, bytes, pages, text, words}`` for ``ApplicationRepository.apply``.
    The caller deletes the file again if the application is not written."""
    resume = read_pdf(data, current_app.config["RESUME_MAX_BYTES"])
    resume["id"] = resume_store().save(data)
    return resume


def member_resume_ids(person_id: str) -> list[str]:
    """The ids of every résumé a member's applications hold (read before erasing them)."""
    return graph().applications.resume_ids_of(person_id)


def sweep_orphan_resumes(min_age_seconds: int = 3600) -> int:
    """Delete résumé files whose ``:Resume`` node is gone; how many (the hourly task)."""
    store = resume_store()
    known = graph().applications.known_resume_ids(store.stored_ids())
    removed = store.sweep(known, min_age_seconds)
    if removed:
        logger.info("résumé sweep: %d orphaned file(s) deleted", removed)
    return removed
