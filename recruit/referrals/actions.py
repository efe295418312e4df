"""Referral actions shared by the pages and the JSON API: who may refer, making a
referral, answering one and moving it, each with the mail it sends. One implementation,
so a rule (employees only, a verified address for outside candidates, who is told) holds
the same through both."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from graph.errors import Forbidden

from ..auth.session import require_verified_email
from ..extensions import graph
from .notify import mail_confirmed, mail_declined, mail_moved, mail_people, mail_request
from .tokens import invitation_token


def refer_page(job_id: str) -> dict:
    """The refer form's data for the current member; ``Forbidden`` unless they work at
    the job's company now (``NotFound`` for an unknown job)."""
    page = graph().who_fits.refer_page(current_user.id, job_id)
    if not page["employee"]:
        raise Forbidden("Only current employees of %(name)s can refer candidates to its jobs.", name=page['company']['name'])
    return page


def refer(job_id: str, kind: str, friend_id: str, name: str, email: str, note: str,
          request_id: str | None) -> dict:
    """Refer a friend (``kind`` "friend") or an outside candidate by e-mail, once per
    ``request_id``; raises ``AlreadyApplied`` for a repeat (nothing is mailed again)."""
    if kind == "friend":
        return graph().referrals.refer_member(current_user.id, job_id, friend_id, note,
                                              request_id=request_id)
    require_verified_email("refer someone from outside the site")
    return graph().referrals.refer_outside(current_user.id, job_id, name, email, note,
                                           request_id=request_id)


def announce(result: dict, kind: str, email: str = "") -> None:
    """Mail the new referral's candidate: a confirmation request, or an invitation."""
    if kind == "friend":
        mail_request(result)
    else:
        _mail_invitation(result, email.strip().lower())


def _mail_invitation(result: dict, address: str) -> None:
    url = url_for("referrals.invitation", _external=True,
                  token=invitation_token(result["referral"]["id"], address))
    referrer = result["referrer"]["name"]
    # No member behind the address yet: written in the referrer's language (notify.py).
    mail_people([{"email": address, "name": result["referral"]["candidateName"]}], lambda: (
        _("%(referrer)s would like to refer you", referrer=referrer),
        _("%(referrer)s would like to refer you for %(title)s at %(company)s.",
          referrer=referrer, title=result["job"]["title"], company=result["company"]["name"])
        + "\n\n"
        + _("Open this link to see the referral and confirm it (you sign up or log in to "
            "confirm) or decline it. Nothing is shared with the company until you confirm.")
        + f"\n\n{url}\n\n"
        + _("If you do not know %(referrer)s, decline or ignore this.", referrer=referrer)))


def answer(referral_id: str, accept: bool) -> dict:
    """The candidate confirms or declines a referral; the people concerned are mailed."""
    result = graph().referrals.answer(current_user.id, referral_id, accept)
    (mail_confirmed if accept else mail_declined)(result)
    return result


def move(referral_id: str, stage: str, comment: str) -> dict:
    """A recruiter moves a referral; referrer and candidate are mailed."""
    result = graph().referral_pipeline.move(current_user.id, referral_id, stage, comment)
    mail_moved(result)
    return result
