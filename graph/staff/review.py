"""Staff and their review queue.

Staff are members with ``staff = true`` (``flask staff add EMAIL``). Members file
``(:Person)-[:FILED]->(:TrustReport {id, kind: 'claim'|'dispute'|'report', text, status:
'open'|'closed', createdAt, closedAt?, outcome?})-[:ABOUT]->(:Company)``. Every staff
decision about a company is a ``TrustDecision`` (``graph.companies.verification``) that the
company's admins see. Every query here checks ``actor.staff`` itself.
"""
from __future__ import annotations

from neo4j.exceptions import ConstraintError

from graph.i18n import N_
from graph.base import Repository, utc_now
from graph.companies.domains import clean_domain
from graph.companies.ties import refresh_tie_keys
from graph.errors import Duplicate, Forbidden, Invalid, NotFound
from graph.people.members import new_id

REPORT_KINDS = {"claim": N_("Verify our company without a work e-mail"),
                "dispute": N_("Dispute who controls this page"),
                "report": N_("Report a fake page or recruiter")}

MAKE_STAFF = """
MATCH (p:Person {email: $email})
SET p.staff = true
RETURN p.id AS id, p.name AS name
"""

IS_STAFF = "MATCH (p:Person {id: $actorId}) RETURN coalesce(p.staff, false) AS staff"

FILE_REPORT = """
MATCH (p:Person {id: $personId}), (c:Company {id: $companyId})
CREATE (p)-[:FILED]->(r:TrustReport {id: $id, kind: $kind, text: $text, status: 'open',
                                     createdAt: $now})-[:ABOUT]->(c)
RETURN r.id AS id
"""

MATCH_QUEUE = """
MATCH (r:TrustReport {status: 'open'})-[:ABOUT]->(c:Company), (p:Person)-[:FILED]->(r)
RETURN r {.id, .kind, .text, .createdAt, company: c {.id, .name,
          verified: coalesce(c.verified, false)}, by: p {.id, .name, .email}} AS report
ORDER BY r.createdAt, r.id LIMIT 200
"""

CLOSE_REPORT = """
MATCH (a:Person {id: $actorId, staff: true}), (r:TrustReport {id: $reportId, status: 'open'})
SET r.status = 'closed', r.closedAt = $now, r.outcome = $outcome, r.closedBy = a.id
RETURN r.id AS id
"""

MATCH_COMPANY = """
MATCH (c:Company {id: $companyId})
RETURN c {.id, .name, verified: coalesce(c.verified, false), .verifiedBy} AS company,
       COLLECT { MATCH (c)-[:HAS_DOMAIN]->(d:CompanyDomain) RETURN d.name ORDER BY d.name } AS domains,
       COLLECT { MATCH (a:Person)-[:ADMIN_OF]->(c) RETURN a {.id, .name} ORDER BY a.name } AS admins,
       COLLECT { MATCH (r:Person)-[rf:RECRUITS_FOR]->(c)
                 RETURN r {.id, .name, status: rf.status,
                           viewsToday: COUNT { (r)<-[:BY]-(:ProfileView {day: $day}) },
                           viewsTotal: COUNT { (r)<-[:BY]-(:ProfileView) }}
                 ORDER BY r.name } AS recruiters
"""

SET_VERIFIED = """
MATCH (a:Person {id: $actorId, staff: true}), (c:Company {id: $companyId})
SET c.verified = $verified, c.verifiedBy = CASE WHEN $verified THEN 'staff' ELSE null END,
    c.verifiedAt = CASE WHEN $verified THEN $now ELSE null END
CREATE (d:TrustDecision {id: $decisionId, action: $action, reason: $reason, at: $now})
CREATE (d)-[:ABOUT]->(c), (d)-[:BY]->(a)
RETURN c.name AS name
"""

ADD_STAFF_DOMAIN = """
MATCH (a:Person {id: $actorId, staff: true}), (c:Company {id: $companyId})
CREATE (c)-[:HAS_DOMAIN]->(:CompanyDomain {name: $domain, provenAt: $now, provenBy: 'staff'})
SET c.domain = coalesce(c.domain, $domain)
"""

REMOVE_ADMIN = """
MATCH (a:Person {id: $actorId, staff: true}),
      (p:Person {id: $personId})-[r:ADMIN_OF]->(c:Company {id: $companyId})
DELETE r
CREATE (d:TrustDecision {id: $decisionId, action: 'admin-removed', reason: $reason, at: $now})
CREATE (d)-[:ABOUT]->(c), (d)-[:BY]->(a), (d)-[:CONCERNS]->(p)
RETURN p.name AS name
"""

MATCH_VIEWS = """
MATCH (p:Person {id: $personId})
RETURN p {.id, .name} AS person,
       COLLECT { MATCH (p)<-[:BY]-(v:ProfileView)
                 WITH v.day AS day, count(*) AS profiles
                 RETURN {day: day, profiles: profiles} ORDER BY day DESC LIMIT 60 } AS days
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _require_staff(tx, params):
    row = tx.run(IS_STAFF, params).single()
    if row is None or not row["staff"]:
        raise Forbidden("Only site staff can do this.")


def _staff_single(tx, query, params):
    _require_staff(tx, params)
    return _single(tx, query, params)


def _staff_rows(tx, query, params):
    _require_staff(tx, params)
    return _rows(tx, query, params)


def _set_verified(tx, params):
    _require_staff(tx, params)
    if params["domain"]:
        tx.run(ADD_STAFF_DOMAIN, params).consume()
    row = tx.run(SET_VERIFIED, params).single()
    if row is None:
        raise NotFound("No such company.")
    refresh_tie_keys(tx, params["companyId"])
    return row["name"]


def _staff_write(tx, query, params, missing: str):
    _require_staff(tx, params)
    row = tx.run(query, params).single()
    if row is None:
        raise NotFound(missing)
    return row.data()


class StaffRepository(Repository):
    """Staff membership, the review queue and staff decisions."""

    def add_staff(self, email: str) -> dict:
        """Make the member with this e-mail staff; ``NotFound`` if nobody has it."""
        row = self._write(_single, MAKE_STAFF, {"email": (email or "").strip().lower()})
        if row is None:
            raise NotFound("No member has that e-mail address.")
        return row

    def is_staff(self, person_id: str) -> bool:
        """Whether the member is site staff."""
        row = self._read(_single, IS_STAFF, {"actorId": person_id})
        return bool(row and row["staff"])

    def file_report(self, person_id: str, company_id: str, kind: str, text: str) -> str:
        """A member asks staff to review a company (claim, dispute or report)."""
        if kind not in REPORT_KINDS:
            raise Invalid("Choose what you are asking the staff for.")
        row = self._write(_single, FILE_REPORT, {
            "personId": person_id, "companyId": company_id, "kind": kind,
            "text": (text or "").strip(), "id": new_id(), "now": utc_now()})
        if row is None:
            raise NotFound("No such company.")
        return row["id"]

    def queue(self, actor_id: str) -> list[dict]:
        """Open reports, oldest first (staff only)."""
        return [r["report"] for r in self._read(_staff_rows, MATCH_QUEUE, {"actorId": actor_id})]

    def close_report(self, actor_id: str, report_id: str, outcome: str) -> None:
        """Close a report with the staff's outcome."""
        self._write(_staff_write, CLOSE_REPORT, {"actorId": actor_id, "reportId": report_id,
                                                 "outcome": outcome, "now": utc_now()},
                    N_("No such open report."))

    def company(self, actor_id: str, company_id: str, day: str | None = None) -> dict:
        """A company as staff review it: domains, admins, recruiters with their
        candidate-browsing counts (today and in all)."""
        row = self._read(_staff_single, MATCH_COMPANY, {"actorId": actor_id,
                                                      "companyId": company_id,
                                                      "day": day or utc_now()[:10]})
        if row is None:
            raise NotFound("No such company.")
        return row

    def set_verified(self, actor_id: str, company_id: str, verified: bool, reason: str,
                     domain: str | None = None) -> str:
        """Verify (optionally with a domain staff checked another way) or unverify a
        company; recorded. Returns its name."""
        params = {"actorId": actor_id, "companyId": company_id, "verified": verified,
                  "reason": (reason or "").strip() or "Decided by site staff.",
                  "action": "staff-verified" if verified else "staff-unverified",
                  "domain": clean_domain(domain) if verified else None,
                  "decisionId": new_id(), "now": utc_now()}
        try:
            return self._write(_set_verified, params)
        except ConstraintError as exc:
            raise Duplicate("That domain already belongs to another company page.") from exc

    def remove_admin(self, actor_id: str, company_id: str, person_id: str, reason: str) -> str:
        """Remove a company admin; recorded. Returns the member's name."""
        return self._write(_staff_write, REMOVE_ADMIN, {
            "actorId": actor_id, "companyId": company_id, "personId": person_id,
            "reason": (reason or "").strip() or "Removed by site staff.",
            "decisionId": new_id(), "now": utc_now()}, N_("No such admin of this company."))["name"]

    def browsing(self, actor_id: str, person_id: str) -> dict:
        """A member's distinct candidate profiles opened per day (staff only)."""
        row = self._read(_staff_single, MATCH_VIEWS, {"actorId": actor_id, "personId": person_id})
        if row is None:
            raise NotFound("No such member.")
        return row
