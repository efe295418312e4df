"""Who is a verified recruiter *now*: the predicate every right-granting query uses.

A ``RECRUITS_FOR {status: 'verified'}`` (granted at once for a confirmed work e-mail on the
company's domain, or by an admin's approval) confers rights only while all of these hold,
checked inside each query so nothing has to expire by batch:
- the company is verified (``c.verified``: a proven domain, or site staff);
- the member's work e-mail is confirmed, on one of the company's proven domains, and the
  confirmation is younger than the configured period (``workEmailValidUntil``, epoch
  seconds, set on each confirmation from ``RECRUITER_EMAIL_MAX_AGE_DAYS``).
Revocation (admin or staff) and ending one's position there change ``status`` itself
(to ``revoked`` / ``lapsed``), so they show on the company's pages as such.
"""
from __future__ import annotations

from graph.base import cypher_variable


def active_recruiter_where(person: str, company: str) -> str:
    """Cypher condition on bound variables ``person`` (a Person) and ``company`` (a
    Company) joined by a verified ``RECRUITS_FOR``: the rights are in force now. The
    arguments are variable names written in the calling query, never values (checked)."""
    p, c = cypher_variable(person), cypher_variable(company)
    return (c + ".verified = true AND " + p + ".workEmailConfirmedAt IS NOT NULL\n"
            "    AND coalesce(" + p + ".workEmailValidUntil, 0) > datetime().epochSeconds\n"
            "    AND EXISTS { (" + c + ")-[:HAS_DOMAIN]->(:CompanyDomain {name: "
            + p + ".workEmailDomain}) }")


def is_active_recruiter(person: str, company: str | None = None) -> str:
    """Cypher predicate: ``person`` is an active verified recruiter of ``company`` (a
    bound variable) or, when None, of any company."""
    target = cypher_variable(company or "anyCompany:Company")
    bound = company or "anyCompany"
    return ("EXISTS { MATCH (" + cypher_variable(person) + ")-[:RECRUITS_FOR {status: 'verified'}]->("
            + target + ") WHERE " + active_recruiter_where(person, bound) + " }")
