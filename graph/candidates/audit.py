"""The audit trail and daily limit on candidate profiles opened.

Each distinct pseudonymous profile a member opens on a day is one
``(:ProfileView {key: "viewerId|pseudonymId|day", day, at})-[:BY]->(viewer)``,
``-[:OF]->(:Pseudonym)``. A member opens at most ``limit`` distinct profiles a day (the
same one again is free). Once the limit is reached every *new* profile id answers "too
many" before anything is looked up, whether it is visible, hidden or missing, so the
limit cannot tell them apart. Staff read the counts (``graph.staff``).
"""
from __future__ import annotations

from graph.base import utc_now
from graph.candidates.search import MATCH_PROFILE, seen_profile
from graph.candidates.visibility import ScopedRepository, resolve_public_id, visibility_params
from graph.errors import TooMany

# Takes the viewer's write lock so two tabs cannot both open the last allowed profile.
MATCH_VIEW_BUDGET = """
MATCH (v:Person {id: $viewerId})
SET v._lock = true
REMOVE v._lock
RETURN COUNT { (v)<-[:BY]-(:ProfileView {day: $day}) } AS today,
       EXISTS { (:ProfileView {key: $key}) } AS seen
"""

RECORD_VIEW = """
MATCH (v:Person {id: $viewerId}), (ps:Pseudonym {id: $pseudonymId})
MERGE (pv:ProfileView {key: $key})
  ON CREATE SET pv.day = $day, pv.at = $now
MERGE (pv)-[:BY]->(v)
MERGE (pv)-[:OF]->(ps)
"""


def view_key(viewer_id: str, pseudonym_id: str, day: str) -> str:
    """The key of one member's views of one profile on one day."""
    return f"{viewer_id}|{pseudonym_id}|{day}"


def _open(tx, scopes, params, limit: int):
    # The audit keeps the system pseudonym id, so one profile counts once a day.
    scope, pseudonym_id = resolve_public_id(tx, scopes, params["viewerId"],
                                            params["publicId"])
    params = {**params, "scope": scope, "pseudonymId": pseudonym_id,
              "key": view_key(params["viewerId"], pseudonym_id or params["publicId"],
                              params["day"])}
    budget = tx.run(MATCH_VIEW_BUDGET, params).single()
    if budget is None:
        return None
    if not budget["seen"] and budget["today"] >= limit:
        raise TooMany("You have opened %(limit)s candidate profiles today, the daily limit. "
                      "Profiles you opened today stay available; try new ones tomorrow.", limit=limit)
    record = tx.run(MATCH_PROFILE, params).single()
    if record is None:
        return None
    profile = record.data()
    if not profile["own"]:
        tx.run(RECORD_VIEW, params).consume()
    return seen_profile(scopes, profile)


class ProfileAuditRepository(ScopedRepository):
    """Opening a candidate profile under the daily limit, with the audit trail."""

    def open_profile(self, viewer_id: str, pseudonym_id: str, limit: int,
                     now: str | None = None) -> dict | None:
        """The profile if the viewer may see it (None for hidden, missing and another
        scope's id alike), recording the view; ``TooMany`` past the daily limit of
        distinct profiles. ``pseudonym_id`` is the id as the viewer's scope sees it."""
        now = now or utc_now()
        params = {"viewerId": viewer_id, "publicId": pseudonym_id, "day": now[:10],
                  **visibility_params(now)}
        return self._write(_open, self.scopes, params, limit)
