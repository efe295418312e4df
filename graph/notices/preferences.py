"""Notification preferences: per kind of notice and per channel, and the frequency of
job alerts.

``Person.noticeOff``: the ``"<category>:<channel>"`` pairs the member switched off
(everything is on by default); ``Person.jobAlerts``: ``app`` (a notice per new job in
their network, the default), ``daily`` (the notices and a daily e-mail digest) or ``off``.
``add_notices`` (``graph.notices.store``) skips a notice whose category the recipient
switched off in the app, inside the same query; e-mail senders ask ``email_allowed``.
"""
from __future__ import annotations

from graph.i18n import N_
from graph.base import Repository
from graph.errors import Invalid

CATEGORIES = {"friend_requests": N_("Friend requests"), "referrals": N_("Referrals and applications"),
              "conversations": N_("Conversations"), "alerts": N_("Job and candidate alerts")}
CHANNELS = {"app": N_("On the site"), "email": N_("By e-mail")}
JOB_ALERT_FREQUENCIES = {"app": N_("On the site, as they appear"),
                         "daily": N_("On the site, and a daily e-mail digest"), "off": N_("Off")}
# Notice kinds (``<prefix>.<event>``) by the category a member can switch off.
_CATEGORY_OF_PREFIX = {"friend": "friend_requests", "referral": "referrals",
                       "application": "referrals", "ask": "referrals",
                       "introduction": "referrals", "conversation": "conversations",
                       "alert": "alerts"}

MATCH_PREFERENCES = """
MATCH (p:Person {id: $personId})
RETURN coalesce(p.noticeOff, []) AS off, coalesce(p.jobAlerts, 'app') AS jobAlerts
"""

SET_PREFERENCES = """
MATCH (p:Person {id: $personId})
SET p.noticeOff = $off, p.jobAlerts = $jobAlerts
RETURN p.id AS id
"""


def category_of(kind: str) -> str:
    """The category of a notice kind (``referral.moved`` → ``referrals``); kinds of no
    listed category are ``other`` and always delivered."""
    return _CATEGORY_OF_PREFIX.get(kind.split(".", 1)[0], "other")


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


class NoticePreferenceRepository(Repository):
    """A member's notification settings."""

    def get(self, person_id: str) -> dict:
        """``{off: [...], jobAlerts}``."""
        return self._read(_single, MATCH_PREFERENCES, {"personId": person_id}) or \
            {"off": [], "jobAlerts": "app"}

    def save(self, person_id: str, off: list[str], job_alerts: str) -> None:
        """Replace the member's settings; unknown pairs or frequencies are ``Invalid``."""
        valid = {f"{c}:{ch}" for c in CATEGORIES for ch in CHANNELS}
        if not set(off) <= valid or job_alerts not in JOB_ALERT_FREQUENCIES:
            raise Invalid("Choose among the settings listed.")
        self._write(_single, SET_PREFERENCES, {"personId": person_id,
                                               "off": sorted(set(off)), "jobAlerts": job_alerts})

    def email_allowed(self, person_id: str, category: str) -> bool:
        """Whether the member takes e-mail of this category."""
        return f"{category}:email" not in self.get(person_id)["off"]
