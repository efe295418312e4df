"""E-mail copies of referral notices, through ``recruit.mail`` (SMTP or the outbox).

The in-app notices are written by the repositories in the same transaction as the change;
these e-mails follow after the commit. A failed e-mail never undoes the change: the member
is told and the notice on the site stands. Addresses are never logged. A member who
switched referral e-mail off (``graph.notices.preferences``) gets the notices only.
"""
from __future__ import annotations

import logging

from flask import flash, url_for
from flask_babel import gettext as _

from graph.referrals.stages import STAGE_LABELS

from ..extensions import graph
from ..mail import MailError, send_mail

logger = logging.getLogger(__name__)


def mail_each(messages: list[tuple[dict | None, str, str]]) -> bool:
    """Send each ``(person {email, name}, subject, body)``; tell the member once if any
    failed. Returns whether all went out."""
    delivered = True
    for person, subject, body in messages:
        if not person or not person.get("email"):
            continue
        if person.get("id") and not graph().notice_preferences.email_allowed(person["id"],
                                                                              "referrals"):
            continue  # the member switched referral e-mail off (notification settings)
        try:
            send_mail(person["email"], subject, f"Hello {person['name']},\n\n{body}\n")
        except MailError:
            delivered = False
    if not delivered:
        flash(_("Some e-mail notices could not be sent; the notices on the site are there."), "info")
    return delivered


def mail_people(people: list[dict | None], subject: str, body: str) -> bool:
    """Send the same message to each person."""
    return mail_each([(person, subject, body) for person in people])


def referral_url(referral_id: str) -> str:
    """The absolute address of a referral's page, for e-mails."""
    return url_for("referrals.view", referral_id=referral_id, _external=True)


def mail_request(result: dict) -> None:
    """Ask a member candidate to confirm a referral."""
    body = (f"{result['referrer']['name']} would like to refer you for {result['job']['title']} "
            f"at {result['company']['name']}. Nothing is shared with the company's recruiters "
            f"until you confirm.\n\nConfirm or decline: {referral_url(result['referral']['id'])}")
    mail_people([result["candidate"]], f"Referral for {result['job']['title']}", body)


def mail_confirmed(result: dict) -> None:
    """Tell the referrer and the job's recruiter that the candidate confirmed."""
    url = referral_url(result["referral"]["id"])
    job, cand = result["job"]["title"], result["candidate"]["name"]
    people = [p for p in (result["referrer"], result["recruiter"])
              if p and p["id"] in result["notified"]]
    mail_people(people, f"Referral confirmed: {cand} for {job}",
                f"{cand} confirmed the referral for {job} at {result['company']['name']}.\n\n{url}")


def mail_declined(result: dict) -> None:
    """Tell the referrer the candidate did not confirm."""
    mail_people([result["referrer"]], f"Referral for {result['job']['title']}",
                f"The candidate did not confirm your referral for {result['job']['title']}.\n\n"
                f"{referral_url(result['referral']['id'])}")


def mail_moved(result: dict) -> None:
    """Tell referrer and candidate the referral moved (each with their own text)."""
    url = referral_url(result["referral"]["id"])
    subject = f"{result['job']['title']}: {STAGE_LABELS[result['stage']]}"
    mail_each([(result["referrer"], subject, f"{result['referrerText']}\n\n{url}"),
               (result["candidate"], subject, f"{result['text']}\n\n{url}")])
