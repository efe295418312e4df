"""The hiring steps that the pages and the JSON API share (one implementation): applying
with a résumé, withdrawing, and a recruiter's move of a card on a job's board."""
from __future__ import annotations

from pathlib import Path

from flask import current_app

from graph.errors import NotFound

from ..extensions import graph
from ..listing import with_badges
from ..referrals.notify import mail_moved
from .files import resume_store, store_resume

CARD_KINDS = ("application", "referral")


def read_upload(upload) -> bytes | None:
    """An uploaded résumé's bytes (one byte past ``RESUME_MAX_BYTES`` at most, so the
    size check can tell), or None when no file was chosen."""
    if upload is None or not getattr(upload, "filename", ""):
        return None
    return upload.read(current_app.config["RESUME_MAX_BYTES"] + 1)


def apply_with_resume(member_id: str, job_id: str, mode: str, note: str,
                      data: bytes | None, request_id: str | None = None) -> dict:
    """Check and store the résumé (``Invalid`` when it is not an acceptable PDF), then
    apply; the stored file is deleted again if the write fails or was a repeat."""
    resume = store_resume(data) if data is not None else None
    try:
        return graph().applications.apply(member_id, job_id, mode, note, resume,
                                          request_id=request_id)
    except BaseException:
        if resume:
            resume_store().delete([resume["id"]])
        raise


def withdraw(member_id: str, application_id: str) -> dict:
    """Withdraw the member's application and delete its résumé file."""
    result = graph().applications.withdraw(member_id, application_id)
    resume_store().delete(result["resumeIds"])
    return result


def resume_file_for(viewer_id: str, application_id: str) -> Path:
    """The résumé file of an application, for a recruiter entitled to it
    (``resume_for_recruiter`` decides in the query); ``NotFound`` for everyone else."""
    found = graph().applications.resume_for_recruiter(viewer_id, application_id)
    path = resume_store().path(found["resumeId"]) if found else None
    if path is None or not path.is_file():
        raise NotFound("No such résumé.")
    return path


def board_with_badges(viewer_id: str, job_id: str) -> dict:
    """The job's board for its recruiter, each named candidate with the viewer's degree
    badge (one query for the whole board)."""
    data = graph().pipeline_board.board(viewer_id, job_id)
    named = [c for c in data["cards"] if c.get("candidate")]
    badges = with_badges([{"id": c["candidate"]["id"]} for c in named])
    by_id = {row["id"]: row.get("badge") for row in badges}
    for card in named:
        card["badge"] = by_id.get(card["candidate"]["id"])
    return data


def board_card(viewer_id: str, job_id: str, kind: str, card_id: str) -> dict:
    """The card on this job's board; 404 when it is not there for this viewer."""
    if kind in CARD_KINDS:
        for card in graph().pipeline_board.board(viewer_id, job_id)["cards"]:
            if card["kind"] == kind and card["id"] == card_id:
                return card
    raise NotFound("No such candidate on this job's board.")


def move_card(viewer_id: str, job_id: str, kind: str, card_id: str, stage: str,
              comment: str, reason: str, hide_reason: bool) -> dict:
    """Move a card of the job's board: a referral through its own pipeline (history,
    points, notices and mail), an application through the board. Returns the card as it
    was before the move."""
    card = board_card(viewer_id, job_id, kind, card_id)
    if kind == "referral":
        result = graph().referral_pipeline.move(viewer_id, card_id, stage, comment,
                                                reason=reason, hide_reason=hide_reason)
        mail_moved(result)
    else:
        graph().pipeline_board.move(viewer_id, job_id, card_id, stage, comment, reason,
                                    hide_reason)
    return card
