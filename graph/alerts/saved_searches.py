"""Saved candidate searches and their alerts.

``(v:Person)-[:SAVED]->(:SavedSearch {id, skills, seniority, region, createdAt})``. The
matches are found by the browse query itself (``CandidateSearchRepository.browse``, run by
the caller), so a saved search sees exactly what the member may browse; this module
records them once each (``graph.alerts.sent``). Saving sets a silent baseline: only
candidates who match *later* are announced, in the app and in the daily digest.
"""
from __future__ import annotations

from graph.alerts.sent import record_alerts
from graph.base import Repository, utc_now
from graph.errors import Invalid, NotFound
from graph.i18n import msg
from graph.idempotency import write_key
from graph.people.members import new_id

MAX_SAVED = 10

CREATE_SEARCH = """
MATCH (v:Person {id: $viewerId})
WITH v, COUNT { (v)-[:SAVED]->(:SavedSearch) } AS existing
WHERE existing < $max
CREATE (v)-[:SAVED]->(:SavedSearch {id: $id, skills: $skills, seniority: $seniority,
                                   region: $region, createdAt: $now})
RETURN $id AS id
"""

DELETE_SEARCH = """
MATCH (:Person {id: $viewerId})-[:SAVED]->(s:SavedSearch {id: $id})
DETACH DELETE s
RETURN $id AS id
"""

MATCH_MINE = """
MATCH (:Person {id: $viewerId})-[:SAVED]->(s:SavedSearch)
RETURN s {.id, .skills, .seniority, .region, .createdAt} AS search ORDER BY s.createdAt, s.id
"""

MATCH_ALL = """
MATCH (v:Person)-[:SAVED]->(s:SavedSearch)
RETURN v.id AS ownerId, s {.id, .skills, .seniority, .region} AS search
ORDER BY s.id
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _create(tx, params):
    # Refused inside the transaction, so an idempotency token is not kept for a refusal.
    row = _single(tx, CREATE_SEARCH, params)
    if row is None:
        raise Invalid("You can keep %(max)s saved searches; delete one first.", max=MAX_SAVED)
    return row["id"]


def _record(tx, owner_id, search_id, matches, now, notify):
    rows = [{"personId": owner_id, "key": f"search|{search_id}|{m['id']}", "kind": "alert.search",
             "text": msg("New candidate for your saved search: %(name)s.", name=m["name"]),
             "link": f"/candidates/{m['id']}", "digest": True} for m in matches]
    return record_alerts(tx, rows, now, notify)


class SavedSearchRepository(Repository):
    """A member's saved candidate searches and their matches."""

    def save(self, viewer_id: str, skills: list[str], seniority: str | None,
             region: str | None, now: str | None = None, request_id: str | None = None) -> str:
        """Save a search; returns its id (``Invalid`` past ``MAX_SAVED``). With
        ``request_id`` (an idempotency key) a repeat raises ``AlreadyApplied`` with the id."""
        return self._write_once(write_key("saved-search", viewer_id, request_id), _create, {
            "viewerId": viewer_id, "id": new_id(), "skills": list(skills)[:10],
            "seniority": seniority or None, "region": region or None,
            "now": now or utc_now(), "max": MAX_SAVED})

    def delete(self, viewer_id: str, search_id: str) -> None:
        """Delete one of the member's saved searches (``NotFound`` for anyone else's)."""
        if self._write(_single, DELETE_SEARCH, {"viewerId": viewer_id, "id": search_id}) is None:
            raise NotFound("No such saved search.")

    def mine(self, viewer_id: str) -> list[dict]:
        """The member's saved searches, oldest first."""
        return [r["search"] for r in self._read(_rows, MATCH_MINE, {"viewerId": viewer_id})]

    def all_searches(self) -> list[dict]:
        """Every saved search with its owner (for the alert task)."""
        return self._read(_rows, MATCH_ALL, {})

    def record_matches(self, owner_id: str, search_id: str, matches: list[dict],
                       notify: bool = True, now: str | None = None) -> int:
        """Record the search's current matches (``{id, name}`` of pseudonyms); announce
        the ones never seen before unless ``notify`` is false. Returns how many were new."""
        return len(self._write(_record, owner_id, search_id, matches, now or utc_now(), notify))
