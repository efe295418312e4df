"""Job seekers' saved job filters: "tell me when a job like this opens in my network".

``(p:Person)-[:SAVED_FILTER]->(:SavedJobFilter {id, key, city, cityKey, remote, skills,
skillKeys, minSalary, currency, createdAt})``: the job feed's own filters (city, work mode,
skills, salary floor; ``graph.jobs.feed.JobFilters``), saved from the feed. ``key`` =
``"memberId|<the normalised filter>"`` is unique, so the same filter is saved once; a
member keeps at most ``MAX_SAVED_FILTERS``.

Matching is done when a job is posted, by the job alert itself
(``graph.alerts.job_alerts``): only members within two degrees of the job are ever
considered, and ``SAVED_FILTER_MATCHES_JOB`` is the feed's ``JOB_FILTERS`` read from the
saved node instead of the request, so a filter fires for exactly the jobs the same filter
would show in the feed.
"""
from __future__ import annotations

from neo4j.exceptions import ConstraintError

from graph.base import Repository, utc_now
from graph.errors import Duplicate, Invalid, NotFound
from graph.i18n import Message, msg
from graph.idempotency import write_key
from graph.jobs.feed import JobFilters
from graph.jobs.postings import REMOTE_OPTIONS
from graph.people.members import new_id

MAX_SAVED_FILTERS = 10

# ``f`` a SavedJobFilter, ``j`` a Job: the feed's JOB_FILTERS with the saved values.
SAVED_FILTER_MATCHES_JOB = """
  (f.cityKey = '' OR j.cityKey CONTAINS f.cityKey)
  AND (f.remote = '' OR j.remote = f.remote)
  AND all(key IN f.skillKeys WHERE EXISTS { (j)-[:REQUIRES]->(:Skill {key: key}) })
  AND (f.minSalary IS NULL OR (j.currency = f.currency AND j.salaryMax >= f.minSalary))
"""

# The member's node is written first: that lock serialises two saves of one member, so
# the cap holds under a double click.
CREATE_FILTER = """
MATCH (p:Person {id: $personId}) WHERE NOT p:FormerMember
SET p._lock = true REMOVE p._lock
WITH p, COUNT { (p)-[:SAVED_FILTER]->(:SavedJobFilter) } AS existing
WHERE existing < $max
CREATE (p)-[:SAVED_FILTER]->(f:SavedJobFilter {id: $id, key: $key, city: $city,
                                              cityKey: $cityKey, remote: $remote,
                                              skills: $skills, skillKeys: $skillKeys,
                                              minSalary: $minSalary, currency: $currency,
                                              createdAt: $now})
RETURN f.id AS id
"""

DELETE_FILTER = """
MATCH (:Person {id: $personId})-[:SAVED_FILTER]->(f:SavedJobFilter {id: $id})
DETACH DELETE f
RETURN $id AS id
"""

MATCH_MINE = """
MATCH (:Person {id: $personId})-[:SAVED_FILTER]->(f:SavedJobFilter)
RETURN f {.id, .city, .remote, .skills, .minSalary, .currency, .createdAt} AS filter
ORDER BY f.createdAt, f.id
"""


def describe(saved: dict) -> Message:
    """A short label of a saved filter (``Shanghai · Remote · Python, Go · ≥ 300,000 CNY``),
    shown in the reader's language (the remote option is a catalogue label)."""
    parts = []
    if saved.get("city"):
        parts.append(msg("%(text)s", text=saved["city"]))
    if saved.get("remote"):
        parts.append(msg("%(remote_label)s",
                         remote_label=REMOTE_OPTIONS.get(saved["remote"], saved["remote"])))
    if saved.get("skills"):
        parts.append(msg("%(text)s", text=", ".join(saved["skills"])))
    if saved.get("minSalary") is not None:
        parts.append(msg("≥ %(amount)s %(currency)s", amount=f"{saved['minSalary']:,}",
                         currency=saved.get("currency") or ""))
    if not parts:
        return msg("any job")
    described = parts[0]
    for part in parts[1:]:
        described += msg(" · ") + part
    return described


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _create(tx, params):
    """Create the filter, or refuse past the cap: raised inside the transaction, so a
    refused save claims no idempotency key and a retry is judged afresh."""
    row = _single(tx, CREATE_FILTER, params)
    if row is None:
        raise Invalid("You can keep %(max)s saved job filters; delete one first.",
                      max=params["max"])
    return row["id"]


def filter_params(person_id: str, filters: JobFilters) -> dict:
    """The stored form of ``filters`` for ``person_id``: display values, the normalised
    keys the match uses, and the uniqueness key."""
    keys = filters.params()
    skills = [s.strip() for s in filters.skills if s.strip()]
    has_floor = filters.min_salary is not None
    currency = filters.currency if has_floor else ""
    return {"city": filters.city.strip(), "cityKey": keys["city"], "remote": filters.remote,
            "skills": skills, "skillKeys": sorted(keys["skills"]),
            "minSalary": filters.min_salary, "currency": currency,
            "key": "|".join([person_id, keys["city"], filters.remote,
                             ",".join(sorted(keys["skills"])),
                             str(filters.min_salary) if has_floor else "", currency])}


class SavedJobFilterRepository(Repository):
    """A member's saved job filters."""

    def save(self, person_id: str, filters: JobFilters, now: str | None = None,
             request_id: str | None = None) -> str:
        """Save ``filters`` (at least one set); returns the new id. ``Invalid`` for an empty
        filter or past ``MAX_SAVED_FILTERS``, ``Duplicate`` for one saved already; a
        repeat of ``request_id`` raises ``AlreadyApplied`` with the first save's id."""
        stored = filter_params(person_id, filters)
        if not (stored["cityKey"] or stored["remote"] or stored["skillKeys"]
                or stored["minSalary"] is not None):
            raise Invalid("Choose at least one filter (city, work mode, skills or a minimum "
                          "salary) before saving; every new job in your network is "
                          "announced anyway unless you switched job alerts off.")
        params = {**stored, "personId": person_id, "id": new_id(), "now": now or utc_now(),
                  "max": MAX_SAVED_FILTERS}
        try:
            return self._write_once(write_key("job-filter", person_id, request_id), _create,
                                    params)
        except ConstraintError as exc:
            raise Duplicate("You have saved this filter already.") from exc

    def delete(self, person_id: str, filter_id: str) -> None:
        """Delete one of the member's saved filters (``NotFound`` for anyone else's)."""
        if self._write(_single, DELETE_FILTER, {"personId": person_id, "id": filter_id}) is None:
            raise NotFound("No such saved filter.")

    def mine(self, person_id: str) -> list[dict]:
        """The member's saved filters, oldest first, each with its ``description`` (a
        ``Message``, for the pages) and ``label`` (its English text, for the API)."""
        rows = [r["filter"] for r in self._read(_rows, MATCH_MINE, {"personId": person_id})]
        described = [(row, describe(row)) for row in rows]
        return [{**row, "label": text.english(), "description": text}
                for row, text in described]
