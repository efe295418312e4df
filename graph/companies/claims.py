"""Creating or claiming a company page (docs/trust.md).

Anyone may create a page for a new name; it stays unverified (no recruiter rights). A
company that members already list as their employer, or an existing unverified page, is
claimed only with proof of its domain (``graph.companies.verification``), which also
takes the page over from admins who claimed it without proof. A verified page is never
claimed again: its admins add people.
"""
from __future__ import annotations

from graph.companies.ties import refresh_tie_keys
from graph.companies.verification import prove_domain_in
from graph.errors import Duplicate, Invalid, NotFound

# Setting and removing a property takes the company's write lock until commit, so two
# members claiming the same unclaimed company take turns: the second sees the first admin.
LOCK_COMPANY = """
MATCH (p:Person {id: $personId})
MERGE (c:Company {key: $key})
  ON CREATE SET c.id = $newId, c.name = $name, c.createdAt = $now
SET c._lock = true
REMOVE c._lock
RETURN c.id AS id
"""

MATCH_CLAIM_STATE = """
MATCH (c:Company {key: $key}), (p:Person {id: $personId})
RETURN c.name AS name, EXISTS { (:Person)-[:ADMIN_OF]->(c) } AS hasPage,
       coalesce(c.verified, false) AS verified,
       EXISTS { (:Person)-[:WORKS_AT]->(c) } AS listed,
       p.workEmailDomain AS emailDomain
"""

DESCRIBE_COMPANY = """
MATCH (c:Company {key: $key})
SET c.name = $name, c.industry = $industry, c.city = $city,
    c.description = $description, c.pageCreatedAt = coalesce(c.pageCreatedAt, $now)
RETURN c.id AS id
"""

CLAIM_COMPANY = """
MATCH (p:Person {id: $personId}), (c:Company {key: $key})
MERGE (p)-[a:ADMIN_OF {key: $adminKey}]->(c) ON CREATE SET a.since = $now
RETURN c.id AS id
"""


def member_company_key(person_id: str, company_id: str) -> str:
    """The key that makes one ``ADMIN_OF`` / ``RECRUITS_FOR`` per member and company."""
    return f"{person_id}|{company_id}"


def claim_in(tx, params):
    """Create or claim the page inside the caller's transaction (see
    ``CompanyRepository.create``); returns the company id."""
    locked = tx.run(LOCK_COMPANY, params).single()
    if locked is None:
        raise NotFound("No such member.")
    company_id = locked["id"]
    state = tx.run(MATCH_CLAIM_STATE, params).single()
    if state["verified"]:
        raise Duplicate("%(name)s already has a verified company page. Ask one of its admins to "
                        "add you.", name=state['name'])
    if params["domain"]:
        if params["domain"] != state["emailDomain"]:
            raise Invalid("To claim %(domain)s, first confirm your work e-mail at %(domain)s (Work "
                          "e-mail page), or leave the domain empty for an unverified page.", domain=params['domain'])
        tx.run(DESCRIBE_COMPANY, params).consume()
        prove_domain_in(tx, {"personId": params["personId"], "companyId": company_id,
                             "now": params["now"]})
        return company_id
    if state["hasPage"]:
        raise Duplicate("%(name)s already has an unverified company page. Prove its domain with "
                        "your confirmed work e-mail to take it over.", name=state['name'])
    if state["listed"]:
        raise Invalid("Members already list %(name)s as their employer: claiming its page "
                      "needs proof of its domain. Confirm your work e-mail there and enter the "
                      "domain.", name=state['name'])
    tx.run(DESCRIBE_COMPANY, params).consume()
    tx.run(CLAIM_COMPANY, {**params, "adminKey": member_company_key(params["personId"],
                                                                    company_id)}).consume()
    # The page's name (and so its folded-name tie key) may be new: every spelling of it
    # must tie its people from the start.
    refresh_tie_keys(tx, company_id)
    return company_id
