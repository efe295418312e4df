"""Notification preferences: per kind of notice and per channel, and the frequency of
job alerts. The one place that decides whether a member hears of something, on the site
or by e-mail.

``Person.noticeOff``: the ``"<category>:<channel>"`` pairs the member switched off
(everything is on by default); ``Person.jobAlerts``: ``app`` (a notice per new job in
their network, the default), ``daily`` (the notices and a daily e-mail digest) or ``off``.

Every notice kind the code writes belongs to a category (``category_of``; a test fails
for one that does not, so nothing slips past the switches). Who reads the switches:
- ``add_notices`` (``graph.notices.store``) skips a notice whose category the recipient
  switched off on the site, and queues an e-mail copy (``graph.notices.mails``) of
  friend-request and conversation notices unless that e-mail is switched off, inside the
  same query;
- the alert digest (``graph.alerts.digests``) skips members with alert e-mail off;
- the referral e-mails ask ``email_allowed``.
The ``account`` category (account security mail, the data archive, one's own pseudonym)
is ``MANDATORY``: it cannot be switched off, because a password reset, a new-address
confirmation or a deletion warning that never arrives is a security hole; ``save``
refuses it and ``allows`` answers True.
"""
from __future__ import annotations

from graph.i18n import N_
from graph.base import Repository
from graph.errors import Invalid

CATEGORIES = {"friend_requests": N_("Friend requests"), "referrals": N_("Referrals and applications"),
              "conversations": N_("Conversations"), "alerts": N_("Job and candidate alerts")}
MANDATORY = {"account": N_("Your account, your data and your pseudonym")}
CHANNELS = {"app": N_("On the site"), "email": N_("By e-mail")}
JOB_ALERT_FREQUENCIES = {"app": N_("On the site, as they appear"),
                         "daily": N_("On the site, and a daily e-mail digest"), "off": N_("Off")}
# Notice kinds (``<prefix>.<event>``) by their category.
_CATEGORY_OF_PREFIX = {"friend": "friend_requests", "referral": "referrals",
                       "application": "referrals", "ask": "referrals",
                       "introduction": "referrals", "conversation": "conversations",
                       "alert": "alerts", "account": "account", "candidate": "account"}
# Categories whose notices get an e-mail copy through ``graph.notices.mails`` (referrals
# send their own e-mails, alerts go in the daily digest).
MAILED_COPIES = ("friend_requests", "conversations")
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
    """The category of a notice kind (``referral.moved`` → ``referrals``). A kind of no
    listed category is ``other`` and always delivered; ``tests/test_notice_preferences.py``
    fails for any such kind written by the code, so each answers to a switch."""
    return _CATEGORY_OF_PREFIX.get(kind.split(".", 1)[0], "other")


def allows(off: list[str] | set[str], category: str, channel: str) -> bool:
    """Whether a member with these switched-off pairs takes ``category`` on ``channel``."""
    return category in MANDATORY or f"{category}:{channel}" not in off


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
        return allows(self.get(person_id)["off"], category, "email")
