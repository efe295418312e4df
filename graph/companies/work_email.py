"""A member's work e-mail: set, confirmed through a signed link, and used to verify
recruiters on the company's domain.

The address is contact data: it is stored on the member (``workEmail``,
``workEmailDomain``, ``workEmailRequestedAt``, ``workEmailConfirmedAt``), shown only to
them, and never logged. Confirming it verifies, in the same transaction, every pending
recruiter request the member has at a verified company holding the address's domain.
Each confirmation (a renewal too) is in force for ``valid_days``
(``workEmailValidUntil``, epoch seconds); recruiter rights lapse after it
(``graph.companies.recruiters``).
"""
from __future__ import annotations

import logging

from graph.base import Repository, utc_now
from graph.errors import Invalid, NotFound

logger = logging.getLogger(__name__)

MAX_LENGTH = 254

SET_WORK_EMAIL = """
MATCH (p:Person {id: $personId})
SET p.workEmail = $address, p.workEmailDomain = $domain,
    p.workEmailRequestedAt = $now, p.workEmailConfirmedAt = null
RETURN p.id AS id
"""

MATCH_WORK_EMAIL = """
MATCH (p:Person {id: $personId})
RETURN p.workEmail AS address, p.workEmailDomain AS domain,
       p.workEmailConfirmedAt AS confirmedAt,
       p.workEmailValidUntil AS validUntil,
       COLLECT { MATCH (c:Company)-[:HAS_DOMAIN]->(:CompanyDomain {name: p.workEmailDomain})
                 WHERE p.workEmailDomain IS NOT NULL
                 RETURN c {.id, .name} ORDER BY c.name } AS companies
"""

# Only the address the member still has on file can be confirmed: a link for an address
# they have since replaced matches nothing.
CONFIRM_WORK_EMAIL = """
MATCH (p:Person {id: $personId})
WHERE p.workEmail = $address
SET p.workEmailConfirmedAt = $now,
    p.workEmailValidUntil = datetime($now).epochSeconds + $validSeconds
WITH p
CALL (p) {
  MATCH (p)-[r:RECRUITS_FOR {status: 'pending'}]->(c:Company {verified: true})
  WHERE EXISTS { (c)-[:HAS_DOMAIN]->(:CompanyDomain {name: p.workEmailDomain}) }
  SET r.status = 'verified', r.decidedAt = $now, r.autoReason = 'work-email'
  RETURN collect(c.name) AS verified
}
RETURN p.workEmailDomain AS domain, verified
"""


def split_address(raw: str) -> tuple[str, str]:
    """The lower-cased address and its domain; ``Invalid`` when it is not an address."""
    address = (raw or "").strip().lower()
    local, _, domain = address.rpartition("@")
    if not local or not domain or "." not in domain or len(address) > MAX_LENGTH:
        raise Invalid("Enter a valid e-mail address.")
    return address, domain


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


class WorkEmailRepository(Repository):
    """Setting and confirming a member's work e-mail."""

    def set_pending(self, person_id: str, raw_address: str) -> str:
        """Store a new, unconfirmed work e-mail (replacing any other); returns it."""
        address, domain = split_address(raw_address)
        row = self._write(_single, SET_WORK_EMAIL, {"personId": person_id, "address": address,
                                                    "domain": domain, "now": utc_now()})
        if row is None:
            raise NotFound("No such member.")
        return address

    def status(self, person_id: str) -> dict:
        """``{address, domain, confirmedAt, companies}`` (companies on that domain)."""
        row = self._read(_single, MATCH_WORK_EMAIL, {"personId": person_id})
        if row is None:
            raise NotFound("No such member.")
        return row

    def confirm(self, person_id: str, address: str, valid_days: int = 365) -> dict:
        """Confirm (or renew) ``address`` if it is still the member's work e-mail, in
        force for ``valid_days``; returns ``{domain, verified}`` with the companies whose
        pending requests it verified."""
        row = self._write(_single, CONFIRM_WORK_EMAIL,
                          {"personId": person_id, "address": address, "now": utc_now(),
                           "validSeconds": valid_days * 86400})
        if row is None:
            raise Invalid("This link is for an e-mail address that is no longer your work "
                          "e-mail. Use the link in the most recent message.")
        return row
