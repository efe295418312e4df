"""The alert work, as plain functions (the background tasks and tests call them): job
alerts after a post, saved-search matches, the daily digest."""
from __future__ import annotations

import logging

from flask import url_for
from flask_babel import force_locale, gettext as _, ngettext

from graph.hiring.queries import pseudonym_label

from ..extensions import graph
from ..i18n.labels import message_text
from ..i18n.locale import normalise
from ..mail import MailError, send_mail

logger = logging.getLogger(__name__)

# Enough for any two-degree network; a saved search reads its matches in one page.
MAX_MATCHES = 500


def fire_job_alerts(job_id: str) -> int:
    """Alert the job's network (once per member and job); how many were alerted."""
    return graph().job_alerts.fire(job_id)


def _matches(owner_id: str, search: dict) -> list[dict]:
    rows, _ = graph().candidate_search.browse(owner_id, search["skills"], search["seniority"],
                                              search["region"], 0, MAX_MATCHES)
    return [{"id": r["pseudonym"]["id"], "name": pseudonym_label(r["pseudonym"])} for r in rows]


def baseline_saved_search(owner_id: str, search: dict) -> int:
    """Record a new search's current matches silently; only later ones are announced."""
    return graph().saved_searches.record_matches(owner_id, search["id"],
                                                 _matches(owner_id, search), notify=False)


def save_search(owner_id: str, skills: list[str], seniority: str | None,
                region: str | None, request_id: str | None = None) -> dict:
    """Save a candidate search (the pages and the API) and set its silent baseline.
    A repeat of ``request_id`` raises ``AlreadyApplied`` with the first search's id."""
    search = {"skills": skills, "seniority": seniority or None, "region": region or None}
    search["id"] = graph().saved_searches.save(owner_id, **search, request_id=request_id)
    baseline_saved_search(owner_id, search)
    return search


def check_saved_searches() -> int:
    """Run every saved search as its owner would browse; announce new matches. How many."""
    announced = 0
    for row in graph().saved_searches.all_searches():
        announced += graph().saved_searches.record_matches(
            row["ownerId"], row["search"]["id"], _matches(row["ownerId"], row["search"]))
    return announced


def send_alert_digests() -> int:
    """Mail each member their pending alerts in one message; mark them sent. A digest that
    could not be handed to the mail queue stays pending. Returns how many went out."""
    sent = 0
    base = url_for("main.index", _external=True).rstrip("/")
    for digest in graph().alert_digests.pending():
        # In the recipient's chosen language; English when they never chose one.
        with force_locale(normalise(digest.get("locale")) or "en"):
            lines = [f"- {message_text(a.get('message'), a['text'])}\n  {base}{a['link']}"
                     for a in digest["alerts"]]
            body = (_("Hello %(name)s,", name=digest["name"]) + "\n\n"
                    + _("New since your last digest:") + "\n\n" + "\n".join(lines) + "\n\n"
                    + _("Change how often we write under Me → Notification settings.") + "\n")
            subject = ngettext("%(num)s new alert", "%(num)s new alerts", len(lines))
        try:
            send_mail(digest["email"], subject, body)
        except MailError:
            logger.warning("alert digest not sent; kept for the next run")
            continue
        graph().alert_digests.mark_sent([a["key"] for a in digest["alerts"]])
        sent += 1
    return sent
