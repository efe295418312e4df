"""Company pages, their admins and recruiter requests.

A company page is a ``Company`` node with at least one ``ADMIN_OF``. Companies also appear
without a page when a member lists a position there. Anyone may create a page for a new
name; it stays *unverified* (no recruiter rights) until a domain is proven
(``graph.companies.verification``). Claiming a company that members already list as
their employer, or taking over an unverified page, needs that proof at once. A recruiter
request is verified at once when the member's confirmed work e-mail is on one of a
verified company's domains; otherwise an admin decides, and the rights still need that
e-mail (``graph.companies.recruiters``).
"""
from __future__ import annotations

import logging

from neo4j.exceptions import ConstraintError

from graph.base import Repository, utc_now
from graph.companies.claims import claim_in, member_company_key
from graph.companies.domains import clean_domain
from graph.companies.recruiters import active_recruiter_where, is_active_recruiter
from graph.errors import Duplicate, Forbidden, Invalid, NotFound
from graph.idempotency import write_key
from graph.keys import display_name, normalised_key
from graph.people.members import new_id

logger = logging.getLogger(__name__)





MATCH_COMPANY_LIST = """
MATCH (c:Company)
WHERE $q = '' OR c.key CONTAINS $q
WITH c ORDER BY c.name, c.id
WITH collect(c) AS found
RETURN size(found) AS total,
       [c IN found[$skip..$skip + $limit] | c {.id, .name, .industry, .city,
          hasPage: EXISTS { (:Person)-[:ADMIN_OF]->(c) }, verified: coalesce(c.verified, false),
          openJobs: COUNT { (:Job {status: 'open'})-[:AT]->(c) }}] AS companies
"""

# The viewer's role is part of the page: whether they administer it and where their
# recruiter request stands. Closed jobs are listed for the company's recruiters only.
MATCH_COMPANY_PAGE = """
MATCH (c:Company {id: $companyId}), (v:Person {id: $viewerId})
WITH c, v, head(COLLECT { MATCH (v)-[r:RECRUITS_FOR]->(c) RETURN r.status }) AS myStatus,
     """ + is_active_recruiter("v", "c") + """ AS iRecruit
RETURN c {.id, .name, .domain, .industry, .city, .description,
          verified: coalesce(c.verified, false)} AS company,
       COLLECT { MATCH (a:Person)-[:ADMIN_OF]->(c) RETURN a {.id, .name} ORDER BY a.name, a.id } AS admins,
       COLLECT { MATCH (r:Person)-[:RECRUITS_FOR {status: 'verified'}]->(c)
                 WHERE """ + active_recruiter_where("r", "c") + """
                 RETURN r {.id, .name} ORDER BY r.name, r.id } AS recruiters,
       COLLECT { MATCH (r:Person)-[:POSTED]->(j:Job)-[:AT]->(c)
                 WHERE j.status = 'open' OR iRecruit
                 RETURN j {.id, .title, .city, .team, .remote, .seniority, .status, .createdAt,
                           recruiter: r.name}
                 ORDER BY j.status DESC, j.createdAt DESC, j.id LIMIT $maxJobs } AS jobs,
       EXISTS { (v)-[:ADMIN_OF]->(c) } AS isAdmin, myStatus, iRecruit,
       EXISTS { (v)-[:WORKS_AT {current: true}]->(c) } AS worksHere
"""

# Admin-only: pending requests and who could be made an admin (people who work there
# now or recruit for it, and are not admins yet).
MATCH_MANAGE = """
MATCH (:Person {id: $adminId})-[:ADMIN_OF]->(c:Company {id: $companyId})
RETURN c {.id, .name, .domain} AS company,
       COLLECT { MATCH (p:Person)-[r:RECRUITS_FOR {status: 'pending'}]->(c)
                 RETURN p {.id, .name, .headline, requestedAt: r.requestedAt,
                           worksHere: EXISTS { (p)-[:WORKS_AT {current: true}]->(c) }}
                 ORDER BY r.requestedAt, p.id } AS pending,
       COLLECT { MATCH (p:Person)-[:RECRUITS_FOR {status: 'verified'}]->(c)
                 RETURN p {.id, .name} ORDER BY p.name, p.id } AS recruiters,
       COLLECT { MATCH (p:Person)-[r:WORKS_AT|RECRUITS_FOR]->(c)
                 WHERE (r.current = true OR r.status = 'verified')
                   AND NOT EXISTS { (p)-[:ADMIN_OF]->(c) }
                 WITH DISTINCT p ORDER BY p.name, p.id LIMIT 500
                 RETURN p {.id, .name} } AS adminCandidates
"""

MATCH_ADMIN_STATE = """
MATCH (c:Company {id: $companyId})
RETURN c.name AS name, EXISTS { (:Person {id: $adminId})-[:ADMIN_OF]->(c) } AS isAdmin
"""

MATCH_REQUEST_STATE = """
MATCH (p:Person {id: $personId}), (c:Company {id: $companyId})
RETURN c.name AS company, c.domain AS domain, coalesce(c.verified, false) AS verified,
       head(COLLECT { MATCH (p)-[r:RECRUITS_FOR]->(c) RETURN r.status }) AS status,
       EXISTS { (p)-[:ADMIN_OF]->(c) } AS isAdmin,
       (p.workEmailConfirmedAt IS NOT NULL
        AND coalesce(p.workEmailValidUntil, 0) > datetime().epochSeconds
        AND EXISTS { (c)-[:HAS_DOMAIN]->(:CompanyDomain {name: p.workEmailDomain}) })
         AS domainMatch
"""

MERGE_REQUEST = """
MATCH (p:Person {id: $personId}), (c:Company {id: $companyId})
MERGE (p)-[r:RECRUITS_FOR {key: $key}]->(c)
SET r.status = $status, r.requestedAt = $now, r.decidedAt = $decidedAt,
    r.autoReason = $autoReason, r.decidedBy = null
"""

DECIDE_REQUEST = """
MATCH (:Person {id: $adminId})-[:ADMIN_OF]->(c:Company {id: $companyId})
MATCH (p:Person {id: $personId})-[r:RECRUITS_FOR {status: 'pending'}]->(c)
SET r.status = $status, r.decidedAt = $now, r.decidedBy = $adminId
RETURN p.name AS name
"""

ADD_ADMIN = """
MATCH (:Person {id: $adminId})-[:ADMIN_OF]->(c:Company {id: $companyId})
MATCH (p:Person {id: $personId})
WHERE NOT EXISTS { (p)-[:ADMIN_OF]->(c) }
CREATE (p)-[:ADMIN_OF {key: $key, since: $now}]->(c)
RETURN p.name AS name
"""

MATCH_PERSON_ADMIN = """
OPTIONAL MATCH (p:Person {id: $personId})
RETURN p IS NOT NULL AS exists,
       EXISTS { (p)-[:ADMIN_OF]->(:Company {id: $companyId}) } AS isAdmin
"""

MATCH_RECRUITING_FOR = """
MATCH (me:Person {id: $personId})-[:RECRUITS_FOR {status: 'verified'}]->(c:Company)
WHERE """ + active_recruiter_where("me", "c") + """
RETURN c {.id, .name} AS company ORDER BY c.name, c.id
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _admin_failure(tx, params, action: str) -> None:
    """Raise the error that explains why an admin-only write matched nothing."""
    state = tx.run(MATCH_ADMIN_STATE, params).single()
    if state is None:
        raise NotFound("No such company.")
    if not state["isAdmin"]:
        raise Forbidden("Only admins of %(name)s can %(action)s.", name=state['name'], action=action)


def _manage(tx, params):
    row = _single(tx, MATCH_MANAGE, params)
    if row is None:
        _admin_failure(tx, params, "manage this company page")
    return row


def _decide(tx, params):
    row = tx.run(DECIDE_REQUEST, params).single()
    if row is None:
        _admin_failure(tx, params, "approve or decline recruiters")
        raise NotFound("There is no pending recruiter request from this member.")
    return row["name"]


def _add_admin(tx, params):
    row = tx.run(ADD_ADMIN, params).single()
    if row is None:
        _admin_failure(tx, params, "add admins")
        state = tx.run(MATCH_PERSON_ADMIN, params).single()
        if not state["exists"]:
            raise NotFound("No such member.")
        raise Duplicate("That member is already an admin of this company.")
    return row["name"]


def _request(tx, params):
    state = tx.run(MATCH_REQUEST_STATE, params).single()
    if state is None:
        raise NotFound("No such company.")
    if not state["verified"]:
        raise Forbidden("%(company)s is not a verified company: its page confers no recruiter "
                        "rights until someone proves its domain.", company=state['company'])
    if state["status"] == "verified" and state["domainMatch"]:
        raise Duplicate("You are already a verified recruiter for %(company)s.", company=state['company'])
    if state["status"] == "pending":
        raise Duplicate("You have already asked to recruit for %(company)s; its admins will "
                        "decide.", company=state['company'])
    # Being an admin no longer suffices: the work e-mail on a company domain is the proof.
    reason = "work-email" if state["domainMatch"] else None
    tx.run(MERGE_REQUEST, {**params, "status": "verified" if reason else "pending",
                           "decidedAt": params["now"] if reason else None,
                           "autoReason": reason}).consume()
    return {"status": "verified" if reason else "pending", "reason": reason,
            "company": state["company"], "domain": state["domain"]}


class CompanyRepository(Repository):
    """Company pages, admins and the recruiter requests admins answer."""

    def create(self, creator_id: str, name: str, domain: str | None, industry: str = "",
               city: str = "", description: str = "", request_id: str | None = None) -> str:
        """Create (or claim an unclaimed) company page; the creator becomes its admin.
        Raises ``Duplicate`` when the company already has a page or the domain is used.
        With ``request_id`` (an idempotency key) a repeat raises ``AlreadyApplied`` with
        the first call's company id."""
        name = display_name(name)
        if not name:
            raise Invalid("Enter the company's name.")
        params = {"personId": creator_id, "key": normalised_key(name), "name": name,
                  "newId": new_id(), "domain": clean_domain(domain),
                  "industry": display_name(industry), "city": display_name(city),
                  "description": (description or "").strip(), "now": utc_now()}
        try:
            return self._write_once(write_key("company", creator_id, request_id), claim_in,
                                    params)
        except ConstraintError as exc:
            # A concurrent page took the domain between our check and our write.
            raise Duplicate("Another company page already uses the domain %(domain)s.", domain=params['domain']) from exc

    def listing(self, query: str, skip: int, limit: int) -> tuple[list[dict], int]:
        """Companies whose name contains ``query`` (all when empty), by name; a page and
        the total."""
        row = self._read(_single, MATCH_COMPANY_LIST,
                         {"q": normalised_key(query), "skip": skip, "limit": limit})
        return row["companies"], row["total"]

    def page(self, company_id: str, viewer_id: str, max_jobs: int = 50) -> dict:
        """The company, its admins, verified recruiters, jobs and the viewer's role."""
        row = self._read(_single, MATCH_COMPANY_PAGE,
                         {"companyId": company_id, "viewerId": viewer_id, "maxJobs": max_jobs})
        if row is None:
            raise NotFound("No such company.")
        return row

    def manage(self, admin_id: str, company_id: str) -> dict:
        """Pending requests and admin candidates; ``Forbidden`` for non-admins."""
        return self._read(_manage, {"adminId": admin_id, "companyId": company_id})

    def request_recruiter(self, person_id: str, company_id: str) -> dict:
        """Ask to recruit for a company. Returns ``{status, reason, company, domain}``;
        ``status`` is 'verified' when approved automatically, else 'pending'."""
        params = {"personId": person_id, "companyId": company_id, "now": utc_now(),
                  "key": member_company_key(person_id, company_id)}
        try:
            return self._write(_request, params)
        except ConstraintError as exc:
            raise Duplicate("You have already asked to recruit for this company.") from exc

    def decide(self, admin_id: str, company_id: str, person_id: str, approve: bool) -> str:
        """Approve or decline a pending request (admins only). Returns the member's name."""
        return self._write(_decide, {"adminId": admin_id, "companyId": company_id,
                                     "personId": person_id, "now": utc_now(),
                                     "status": "verified" if approve else "declined"})

    def add_admin(self, admin_id: str, company_id: str, person_id: str) -> str:
        """Make another member an admin (admins only). Returns their name."""
        try:
            return self._write(_add_admin, {"adminId": admin_id, "companyId": company_id,
                                            "personId": person_id, "now": utc_now(),
                                            "key": member_company_key(person_id, company_id)})
        except ConstraintError as exc:
            raise Duplicate("That member is already an admin of this company.") from exc

    def recruiting_for(self, person_id: str) -> list[dict]:
        """The companies the member is a verified recruiter for, by name."""
        return [row["company"] for row in
                self._read(_rows, MATCH_RECRUITING_FOR, {"personId": person_id})]
