"""Rejections: the fixed list of reasons and the kind words a candidate reads. Pure rules.

A recruiter who turns a candidate down picks a reason from ``REASONS`` (kept on the
record for the company) and may add a message. The candidate always gets a kind notice;
it names the reason only when the recruiter leaves "tell the candidate the reason" on.
"""
from __future__ import annotations

from graph.i18n import N_, Message, msg
from graph.errors import Invalid

REJECTED = "not_selected"
MAX_MESSAGE = 1000

REASONS = {
    "experience": N_("Experience does not match the level of the role"),
    "skills": N_("Skills do not match what the role needs"),
    "filled": N_("The position has been filled"),
    "location": N_("Location or way of working does not fit"),
    "salary": N_("Salary expectations are too far apart"),
    "closer_fit": N_("Another candidate was a closer fit"),
}


def check_rejection(stage: str, reason: str | None, message: str | None) -> tuple[str, str]:
    """The reason and message of a move, checked: a reason only with a rejection, always
    one of ``REASONS``; a message of at most ``MAX_MESSAGE`` characters."""
    reason = (reason or "").strip()
    message = (message or "").strip()
    if reason and stage != REJECTED:
        raise Invalid("A reason goes with “Not selected” only.")
    if reason and reason not in REASONS:
        raise Invalid("Choose a reason from the list.")
    if len(message) > MAX_MESSAGE:
        raise Invalid("Keep the message to %(max)s characters.", max=MAX_MESSAGE)
    return reason, message


def rejection_text(job_title: str, company: str, reason: str, hide_reason: bool,
                   message: str) -> str:
    """``rejection_message`` in English."""
    return str(rejection_message(job_title, company, reason, hide_reason, message))


def rejection_message(job_title: str, company: str, reason: str, hide_reason: bool,
                      message: str) -> Message:
    """What the candidate reads when turned down: thanks, the decision, the reason only if
    the recruiter shares it, and their message if any; kept as a ``Message`` so that the
    notice reads in the candidate's language."""
    text = msg("Thank you for your interest in %(title)s at %(company)s. The team has decided "
               "not to go further with your candidacy this time.", title=job_title,
               company=company)
    if reason and not hide_reason:
        text += msg(" Their reason: %(reason_lowerlabel)s.", reason_lowerlabel=REASONS[reason])
    if message:
        text += msg(" Their message: %(message)s", message=message)
    return text + msg(" We wish you well in your search.")
