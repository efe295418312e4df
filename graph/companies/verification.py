"""Verifying company pages by domain proof, and their domains and aliases.

A page is verified (``c.verified = true``) once a member proves control of one of its
domains: their own work e-mail there is confirmed (the signed link of
``graph.companies.work_email``) and in force. Each proven domain is a
``(c)-[:HAS_DOMAIN]->(:CompanyDomain {name, provenAt, provenBy})``; the constraint on
``CompanyDomain.name`` gives a domain to one company only. Public mail providers never
qualify (``graph.companies.domains``). Proving the first domain of a page takes it over
from admins who claimed it without proof; later domains and aliases are added by the
page's admins, each domain with its own proof. Every change rewrites the company's tie
keys (``graph.companies.ties``).
"""
from __future__ import annotations

import logging

from neo4j.exceptions import ConstraintError

from graph.base import Repository, utc_now
from graph.companies.domains import domain_fits_names, is_public_mail_domain
from graph.companies.ties import refresh_tie_keys
from graph.errors import Duplicate, Forbidden, Invalid, NotFound
from graph.keys import display_name, fold_name
from graph.people.members import new_id

logger = logging.getLogger(__name__)

MAX_ALIASES = 20

# Locks the company (set/remove) so concurrent proofs take turns.
MATCH_PROOF_STATE = """
MATCH (p:Person {id: $personId}), (c:Company {id: $companyId})
SET c._lock = true
REMOVE c._lock
RETURN c.name AS company, coalesce(c.verified, false) AS verified,
       coalesce(c.aliases, []) AS aliases,
       p.workEmailDomain AS domain,
       (p.workEmailConfirmedAt IS NOT NULL
        AND coalesce(p.workEmailValidUntil, 0) > datetime().epochSeconds) AS emailInForce,
       EXISTS { (p)-[:ADMIN_OF]->(c) } AS isAdmin,
       head(COLLECT { MATCH (other:Company)-[:HAS_DOMAIN]->(:CompanyDomain {name: p.workEmailDomain})
                      RETURN other.id }) AS holder
"""

ADD_DOMAIN = """
MATCH (p:Person {id: $personId}), (c:Company {id: $companyId})
CREATE (c)-[:HAS_DOMAIN]->(:CompanyDomain {name: $domain, provenAt: $now, provenBy: p.id})
SET c.verified = true, c.verifiedAt = coalesce(c.verifiedAt, $now),
    c.verifiedBy = coalesce(c.verifiedBy, 'domain'), c.domain = coalesce(c.domain, $domain)
MERGE (p)-[a:ADMIN_OF {key: $adminKey}]->(c) ON CREATE SET a.since = $now
RETURN c.id AS id
"""

# Admins who claimed an unverified page without proof lose it to the member who proves
# its domain; each removal is recorded as a decision the new admins see.
REMOVE_UNPROVEN_ADMINS = """
MATCH (old:Person)-[a:ADMIN_OF]->(c:Company {id: $companyId})
WHERE old.id <> $personId
  AND NOT (old.workEmailConfirmedAt IS NOT NULL AND old.workEmailDomain = $domain)
DELETE a
WITH c, old
CREATE (d:TrustDecision {id: randomUUID(), action: 'admin-removed',
                         reason: 'The page was re-claimed by proof of ' + $domain + '.',
                         at: $now})
CREATE (d)-[:ABOUT]->(c), (d)-[:CONCERNS]->(old)
RETURN count(*) AS removed
"""

RECORD_DECISION = """
MATCH (c:Company {id: $companyId})
OPTIONAL MATCH (by:Person {id: $byId})
CREATE (d:TrustDecision {id: $id, action: $action, reason: $reason, at: $now})
CREATE (d)-[:ABOUT]->(c)
FOREACH (actor IN CASE WHEN by IS NULL THEN [] ELSE [by] END | CREATE (d)-[:BY]->(actor))
"""

MATCH_ALIAS_STATE = """
MATCH (c:Company {id: $companyId})
RETURN c.name AS company, coalesce(c.verified, false) AS verified,
       coalesce(c.aliases, []) AS aliases,
       EXISTS { (:Person {id: $personId})-[:ADMIN_OF]->(c) } AS isAdmin
"""

SET_ALIASES = """
MATCH (c:Company {id: $companyId})
SET c.aliases = $aliases
"""

# An admin of the company, or site staff, revokes a recruiter; the decision is recorded.
REVOKE_RECRUITER = """
MATCH (actor:Person {id: $actorId}), (c:Company {id: $companyId})
WHERE EXISTS { (actor)-[:ADMIN_OF]->(c) } OR ($asStaff AND actor.staff = true)
MATCH (p:Person {id: $personId})-[r:RECRUITS_FOR {status: 'verified'}]->(c)
SET r.status = 'revoked', r.decidedAt = $now, r.decidedBy = actor.id
CREATE (d:TrustDecision {id: $id, action: 'recruiter-revoked', reason: $reason, at: $now})
CREATE (d)-[:ABOUT]->(c), (d)-[:CONCERNS]->(p), (d)-[:BY]->(actor)
RETURN p.name AS name
"""

MATCH_TRUST = """
MATCH (c:Company {id: $companyId})
RETURN coalesce(c.verified, false) AS verified, c.verifiedBy AS verifiedBy,
       coalesce(c.aliases, []) AS aliases,
       COLLECT { MATCH (c)-[:HAS_DOMAIN]->(d:CompanyDomain) RETURN d.name ORDER BY d.name }
         AS domains,
       COLLECT { MATCH (d:TrustDecision)-[:ABOUT]->(c)
                 OPTIONAL MATCH (d)-[:CONCERNS]->(who:Person)
                 RETURN d {.action, .reason, .at, concerns: who.name}
                 ORDER BY d.at DESC, d.id LIMIT 50 } AS decisions
"""


def record_decision(tx, company_id: str, action: str, reason: str, by_id: str | None,
                    now: str) -> None:
    """Record a trust decision about a company (inside the caller's transaction)."""
    tx.run(RECORD_DECISION, companyId=company_id, byId=by_id, id=new_id(), action=action,
           reason=reason, now=now).consume()


def prove_domain_in(tx, params):
    """Prove the member's work-e-mail domain for the company inside the caller's
    transaction (see ``CompanyVerificationRepository.prove_domain``)."""
    state = tx.run(MATCH_PROOF_STATE, params).single()
    if state is None:
        raise NotFound("No such company.")
    domain = state["domain"]
    if not domain or not state["emailInForce"]:
        raise Invalid("First confirm your work e-mail at the company's domain (Work e-mail "
                      "page); the confirmation proves the domain.")
    if is_public_mail_domain(domain):
        raise Invalid("%(domain)s is a public e-mail provider and proves nothing about an "
                      "employer.", domain=domain)
    if state["holder"] == params["companyId"]:
        raise Duplicate("%(domain)s is already proven for %(company)s.", domain=domain, company=state['company'])
    if state["holder"]:
        raise Duplicate("%(domain)s already belongs to another company page. If it is yours, "
                        "report it to the site staff.", domain=domain)
    if state["verified"] and not state["isAdmin"]:
        raise Forbidden("%(company)s is already verified: ask one of its admins to add you, or "
                        "to add this domain.", company=state['company'])
    names = [fold_name(n) for n in [state["company"], *state["aliases"]]]
    if not state["verified"] and not domain_fits_names(domain, names):
        raise Invalid("%(domain)s does not look like %(company)s's domain. If it is, ask the "
                      "site staff to verify the page (“Ask the site staff” on the company "
                      "page).", domain=domain, company=state['company'])
    params = {**params, "domain": domain, "adminKey": f"{params['personId']}|{params['companyId']}"}
    removed = 0
    if not state["verified"]:
        removed = tx.run(REMOVE_UNPROVEN_ADMINS, params).single()["removed"]
    tx.run(ADD_DOMAIN, params).consume()
    record_decision(tx, params["companyId"], "domain-proven",
                    f"{domain} proven by a confirmed work e-mail.", params["personId"],
                    params["now"])
    refresh_tie_keys(tx, params["companyId"])
    return {"domain": domain, "company": state["company"], "removedAdmins": removed,
            "newlyVerified": not state["verified"]}


def _add_alias(tx, params):
    state = tx.run(MATCH_ALIAS_STATE, params).single()
    if state is None:
        raise NotFound("No such company.")
    if not state["isAdmin"]:
        raise Forbidden("Only admins of %(company)s can add names.", company=state['company'])
    if not state["verified"]:
        raise Forbidden("Verify the page by proving its domain before adding names.")
    folded = {fold_name(n) for n in [state["company"], *state["aliases"]]}
    if fold_name(params["alias"]) in folded:
        raise Duplicate("“%(alias)s” is already one of this company's names.", alias=params['alias'])
    if len(state["aliases"]) >= MAX_ALIASES:
        raise Invalid("A company has at most %(max)s other names.", max=MAX_ALIASES)
    tx.run(SET_ALIASES, {**params, "aliases": [*state["aliases"], params["alias"]]}).consume()
    record_decision(tx, params["companyId"], "alias-added",
                    f"Also known as \u201c{params['alias']}\u201d.", params["personId"],
                    params["now"])
    refresh_tie_keys(tx, params["companyId"])
    return state["company"]


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


class CompanyVerificationRepository(Repository):
    """Domain proofs, aliases and the trust record of a company page."""

    def prove_domain(self, person_id: str, company_id: str) -> dict:
        """Prove the domain of the member's confirmed work e-mail for the company: the
        page becomes verified and the member its admin (taking over an unproven claim), or
        an admin adds another domain. Returns ``{domain, company, removedAdmins,
        newlyVerified}``."""
        params = {"personId": person_id, "companyId": company_id, "now": utc_now()}
        try:
            return self._write(prove_domain_in, params)
        except ConstraintError as exc:
            raise Duplicate("That domain already belongs to another company page.") from exc

    def add_alias(self, person_id: str, company_id: str, alias: str) -> str:
        """Add another name (e.g. the Chinese or English one) to a verified page (admins
        only). Returns the company's name."""
        alias = display_name(alias)
        if not alias or not fold_name(alias):
            raise Invalid("Enter the other name of the company.")
        return self._write(_add_alias, {"personId": person_id, "companyId": company_id,
                                        "alias": alias, "now": utc_now()})

    def revoke_recruiter(self, actor_id: str, company_id: str, person_id: str,
                         as_staff: bool = False, reason: str = "") -> str:
        """Revoke a verified recruiter (an admin of the company, or staff when
        ``as_staff``); recorded as a decision. Returns the member's name."""
        row = self._write(_single, REVOKE_RECRUITER, {
            "actorId": actor_id, "companyId": company_id, "personId": person_id,
            "asStaff": as_staff, "now": utc_now(), "id": new_id(),
            "reason": reason or ("Revoked by site staff." if as_staff else "Revoked by an admin.")})
        if row is None:
            raise NotFound("No verified recruiter of this company that you may revoke.")
        return row["name"]

    def trust(self, company_id: str) -> dict:
        """Whether the page is verified and how, its proven domains, aliases and the
        latest trust decisions."""
        row = self._read(_single, MATCH_TRUST, {"companyId": company_id})
        if row is None:
            raise NotFound("No such company.")
        return row
