"""Trust in the demo (docs/trust.md): verified companies with proven domains and aliases,
one unverified page, verified recruiters whose work e-mail is confirmed on their
company's domain, and one candidate with a block list. Written after ``demo.loader``."""
from __future__ import annotations

import logging

from neo4j import Driver

from graph.companies.ties import tie_keys

logger = logging.getLogger(__name__)

# Every demo company is verified by its domain except this one: its page exists (members
# list it) but nobody proved a domain, so it confers no recruiter rights.
UNVERIFIED_COMPANY = "Willow Consulting"
# Chinese names (and a legal form) declared as aliases by the companies' admins.
ALIASES = {
    "Acme Cloud": ["艾克云", "Acme Cloud Co., Ltd."],
    "Bytewave": ["字节波浪", "Bytewave Group"],
    "Dragon Fintech": ["龙金融科技有限公司"],
    "Harbor Bank": ["港湾银行"],
}
VALID_DAYS = 365

VERIFY_COMPANIES = """
UNWIND $rows AS row
MATCH (c:Company {key: row.key})
MERGE (d:CompanyDomain {name: row.domain})
  ON CREATE SET d.provenAt = $now, d.provenBy = 'demo'
MERGE (c)-[:HAS_DOMAIN]->(d)
SET c.verified = true, c.verifiedAt = $now, c.verifiedBy = 'domain', c.aliases = row.aliases
WITH c, row
UNWIND row.tieKeys AS key
MERGE (k:TieKey {key: key})
MERGE (c)-[:TIED_BY]->(k)
"""

UNVERIFY_COMPANY = """
MATCH (c:Company {key: $key})
SET c.verified = false, c.domain = null
WITH c
UNWIND $tieKeys AS key
MERGE (k:TieKey {key: key})
MERGE (c)-[:TIED_BY]->(k)
"""

# Recruiters and admins confirm a work e-mail on their company's domain.
CONFIRM_STAFF_EMAILS = """
MATCH (p:Person)-[r:RECRUITS_FOR|ADMIN_OF]->(c:Company {verified: true})
WHERE type(r) = 'ADMIN_OF' OR r.status = 'verified'
WITH p, head(collect(c)) AS c
SET p.workEmail = split(p.email, '@')[0] + '@' + c.domain, p.workEmailDomain = c.domain,
    p.workEmailRequestedAt = $now, p.workEmailConfirmedAt = $now,
    p.workEmailValidUntil = datetime($now).epochSeconds + $validSeconds
"""

# The first looking member with a current employer blocks two other companies (a
# competitor and a client), never their own employer (hidden from it anyway).
BLOCK_LIST = """
MATCH (p:Person)-[:WORKS_AT {current: true}]->(own:Company)
WHERE p.jobStatus = 'looking'
WITH p, own ORDER BY p.name, p.id LIMIT 1
WITH p, [key IN $blocked WHERE key <> own.key][..2] AS keys
MATCH (other:Company) WHERE other.key IN keys
MERGE (p)-[b:BLOCKS]->(other) ON CREATE SET b.since = $now
RETURN p.name AS name, collect(other.name) AS blocked
"""


def load_trust(driver: Driver, database: str, companies: list[dict], now: str) -> dict:
    """Verify the demo companies (but one), add aliases, confirm recruiters' work e-mail
    and give one candidate a block list. Returns what it did."""
    rows = [{"key": c["key"], "domain": c["domain"], "aliases": ALIASES.get(c["name"], []),
             "tieKeys": tie_keys(c["name"], ALIASES.get(c["name"], []), [c["domain"]])}
            for c in companies if c["name"] != UNVERIFIED_COMPANY]
    unverified = [c for c in companies if c["name"] == UNVERIFIED_COMPANY]
    blocked = [c["key"] for c in companies
               if c["name"] in ("Bytewave", "Harbor Bank", "Orchid Media")]
    with driver.session(database=database) as session:
        session.run(VERIFY_COMPANIES, rows=rows, now=now).consume()
        for c in unverified:
            session.run(UNVERIFY_COMPANY, key=c["key"],
                        tieKeys=tie_keys(c["name"], [], [])).consume()
        session.run(CONFIRM_STAFF_EMAILS, now=now, validSeconds=VALID_DAYS * 86400).consume()
        record = session.run(BLOCK_LIST, blocked=blocked, now=now).single()
    outcome = {"verified companies": len(rows), "unverified pages": len(unverified),
               "block list of": record["name"] if record else None}
    logger.info("demo trust loaded: %s", outcome)
    return outcome
