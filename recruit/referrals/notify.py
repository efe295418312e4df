"""E-mail copies of referral notices, through ``recruit.mail`` (SMTP or the outbox).

The in-app notices are written by the repositories in the same transaction as the change;
these e-mails follow after the commit. A failed e-mail never undoes the change: the member
is told and the notice on the site stands. Addresses are never logged. A member who
switched referral e-mail off (``graph.notices.preferences``) gets the notices only.

Each e-mail is written in its recipient's language: the ``locale`` they chose with the
switch (read with the participants), English when they never chose one; an address with
no member behind it (an outside candidate's invitation) gets the sender's language.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from flask import flash, url_for
from flask_babel import force_locale, gettext as _

from graph.referrals.stages import STAGE_LABELS

from ..extensions import graph
from ..i18n.labels import label, message_text
from ..i18n.locale import normalise
from ..mail import MailError, send_mail

logger = logging.getLogger(__name__)

# (subject, body) of one e-mail, written when called (in the recipient's language).
Letter = Callable[[], tuple[str, str]]


def _recipient_locale(person: dict) -> str | None:
    """The language to write to ``person`` in; None keeps the current request's."""
    if not person.get("id"):
        return None
    return normalise(person.get("locale")) or "en"


def _write(person: dict, letter: Letter) -> tuple[str, str]:
    locale = _recipient_locale(person)
    if locale is None:
        subject, body = letter()
        return subject, _("Hello %(name)s,", name=person["name"]) + f"\n\n{body}\n"
    with force_locale(locale):
        subject, body = letter()
        return subject, _("Hello %(name)s,", name=person["name"]) + f"\n\n{body}\n"


def mail_each(messages: list[tuple[dict | None, Letter]]) -> bool:
    """Send each ``(person {email, name, id?, locale?}, letter)``, the letter written in the
    person's language; tell the member once if any failed. Returns whether all went out."""
    delivered = True
    for person, letter in messages:
        if not person or not person.get("email"):
            continue
        if person.get("id") and not graph().notice_preferences.email_allowed(person["id"],
                                                                              "referrals"):
            continue  # the member switched referral e-mail off (notification settings)
        subject, body = _write(person, letter)
        try:
            send_mail(person["email"], subject, body)
        except MailError:
            delivered = False
    if not delivered:
        flash(_("Some e-mail notices could not be sent; the notices on the site are there."), "info")
    return delivered


def mail_people(people: list[dict | None], letter: Letter) -> bool:
    """Send the same letter to each person (each in their own language)."""
    return mail_each([(person, letter) for person in people])


def referral_url(referral_id: str) -> str:
    """The absolute address of a referral's page, for e-mails."""
    return url_for("referrals.view", referral_id=referral_id, _external=True)


def mail_request(result: dict) -> None:
    """Ask a member candidate to confirm a referral."""
    url = referral_url(result["referral"]["id"])
    job = result["job"]["title"]
    mail_people([result["candidate"]], lambda: (
        _("Referral for %(title)s", title=job),
        _("%(referrer)s would like to refer you for %(title)s at %(company)s. Nothing is shared "
          "with the company's recruiters until you confirm.", referrer=result["referrer"]["name"],
          title=job, company=result["company"]["name"])
        + "\n\n" + _("Confirm or decline: %(url)s", url=url)))


def mail_confirmed(result: dict) -> None:
    """Tell the referrer and the job's recruiter that the candidate confirmed."""
    url = referral_url(result["referral"]["id"])
    job, cand = result["job"]["title"], result["candidate"]["name"]
    people = [p for p in (result["referrer"], result["recruiter"])
              if p and p["id"] in result["notified"]]
    mail_people(people, lambda: (
        _("Referral confirmed: %(candidate)s for %(title)s", candidate=cand, title=job),
        _("%(candidate)s confirmed the referral for %(title)s at %(company)s.", candidate=cand,
          title=job, company=result["company"]["name"]) + f"\n\n{url}"))


def mail_declined(result: dict) -> None:
    """Tell the referrer the candidate did not confirm."""
    job = result["job"]["title"]
    url = referral_url(result["referral"]["id"])
    mail_people([result["referrer"]], lambda: (
        _("Referral for %(title)s", title=job),
        _("The candidate did not confirm your referral for %(title)s.", title=job)
        + f"\n\n{url}"))


def mail_moved(result: dict) -> None:
    """Tell referrer and candidate the referral moved (each with their own text, in their
    own language: the notices' stored messages)."""
    url = referral_url(result["referral"]["id"])

    def letter(stored: str | None, english: str) -> Letter:
        return lambda: (f"{result['job']['title']}: {label(STAGE_LABELS, result['stage'])}",
                        f"{message_text(stored, english)}\n\n{url}")

    mail_each([(result["referrer"], letter(result.get("referrerMessage"), result["referrerText"])),
               (result["candidate"], letter(result.get("message"), result["text"]))])
