"""A candidate's block list ("hide me from these companies") and the preview of their
pseudonymous profile as one company would see it.

``(p:Person)-[:BLOCKS {since}]->(c:Company)``; a company typed by name is found by its
normalised key or created like a position's company (with its folded-name tie key), so
a block works for companies without a page too. Blocks are applied by the tie rule
(``graph.companies.ties``) exactly like the candidate's employer.
"""
from __future__ import annotations

from graph.base import utc_now
from graph.candidates.visibility import ScopedRepository, company_scope
from graph.companies.ties import CANDIDATE_HIDDEN_KEYS
from graph.errors import Invalid, NotFound
from graph.keys import display_name, fold_name, name_key, normalised_key
from graph.people.members import new_id

MAX_BLOCKS = 50

ADD_BLOCK = """
MATCH (p:Person {id: $personId})
MERGE (c:Company {key: $key})
  ON CREATE SET c.id = $newId, c.name = $name, c.createdAt = $now
FOREACH (key IN CASE WHEN $tieKey IS NULL THEN [] ELSE [$tieKey] END |
  MERGE (k:TieKey {key: key}) MERGE (c)-[:TIED_BY]->(k))
MERGE (p)-[b:BLOCKS]->(c) ON CREATE SET b.since = $now
RETURN c.name AS name, COUNT { (p)-[:BLOCKS]->(:Company) } AS blocks
"""

REMOVE_BLOCK = """
MATCH (:Person {id: $personId})-[b:BLOCKS]->(:Company {id: $companyId})
DELETE b
RETURN count(*) AS removed
"""

MATCH_BLOCKS = """
MATCH (:Person {id: $personId})-[b:BLOCKS]->(c:Company)
RETURN c {.id, .name, since: b.since} AS company ORDER BY c.name, c.id
"""

# The company's own keys (as its recruiters would carry them) against the candidate's
# hidden keys, and which of the candidate's links produced a match.
MATCH_PREVIEW = """
MATCH (p:Person {id: $personId})
OPTIONAL MATCH (x:Company {key: $key})
WITH p, coalesce(x.name, $name) AS company, x.id AS companyId,
     CASE WHEN x IS NULL THEN [$nameKey]
          ELSE ['c:' + x.id] + COLLECT { MATCH (x)-[:TIED_BY]->(k:TieKey) RETURN k.key }
     END AS companyKeys
WITH p, company, companyId, companyKeys, """ + CANDIDATE_HIDDEN_KEYS + """ AS hidden
RETURN company, any(k IN companyKeys WHERE k IN hidden) AS isHidden,
       COLLECT { MATCH (p)-[:WORKS_AT {current: true}]->(e:Company)
                 RETURN e.name } AS employers,
       COLLECT { MATCH (p)-[:BLOCKS]->(e:Company) RETURN e.name } AS blocked,
       CASE WHEN p.workEmailConfirmedAt IS NOT NULL THEN p.workEmailDomain END AS emailDomain,
       companyKeys, companyId,
       head(COLLECT { MATCH (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true})
                      RETURN ps {.id, .rank} }) AS pseudonym
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _reasons(row: dict) -> list[str]:
    """Why the company is hidden from the candidate, in words the candidate knows."""
    keys = set(row["companyKeys"])
    target = fold_name(row["company"])
    names = {k[2:] for k in keys if k.startswith("n:")} | {target}
    reasons = []
    for employer in row["employers"]:
        if fold_name(employer) in names:
            reasons.append(f"you work at {employer} (the same company under any of its names)")
    for blocked in row["blocked"]:
        if fold_name(blocked) in names:
            reasons.append(f"{blocked} is on your block list")
    if row["emailDomain"] and "d:" + row["emailDomain"] in keys:
        reasons.append(f"your confirmed work e-mail is on {row['emailDomain']}, one of its domains")
    if row["isHidden"] and not reasons:
        reasons.append("it is another name of your employer or of a company you block")
    return reasons


class BlockListRepository(ScopedRepository):
    """The companies a candidate hides from, and the as-a-company preview."""

    def add(self, person_id: str, company: str) -> str:
        """Block a company by name (any company, page or not). Returns its name."""
        name = display_name(company)
        if not name or not fold_name(name):
            raise Invalid("Enter the company's name.")
        row = self._write(_single, ADD_BLOCK, {
            "personId": person_id, "key": normalised_key(name), "name": name,
            "newId": new_id(), "tieKey": name_key(name), "now": utc_now()})
        if row is None:
            raise NotFound("No such member.")
        if row["blocks"] > MAX_BLOCKS:
            raise Invalid("A block list holds at most %(max)s companies.", max=MAX_BLOCKS)
        return row["name"]

    def remove(self, person_id: str, company_id: str) -> None:
        """Take a company off the member's block list."""
        if not self._write(_single, REMOVE_BLOCK,
                           {"personId": person_id, "companyId": company_id})["removed"]:
            raise NotFound("That company is not on your block list.")

    def listing(self, person_id: str) -> list[dict]:
        """The member's blocked companies, by name."""
        return [r["company"] for r in self._read(_rows, MATCH_BLOCKS, {"personId": person_id})]

    def preview(self, person_id: str, company: str) -> dict:
        """Whether the company's people would see the member's pseudonym, and why not:
        ``{company, hidden, reasons, pseudonymName}``. An unknown company name hides
        nothing unless it folds to the name of the member's employer or a block.
        ``pseudonymName`` is the name the company's recruiters know the active pseudonym
        by (``graph.candidates.visibility``); None when hidden, without a pseudonym, or for
        a company without a page (it has no recruiters)."""
        name = display_name(company)
        if not name:
            raise Invalid("Enter a company's name.")
        row = self._read(_single, MATCH_PREVIEW, {
            "personId": person_id, "key": normalised_key(name), "name": name,
            "nameKey": name_key(name) or ""})
        if row is None:
            raise NotFound("No such member.")
        row["isHidden"] = row["isHidden"] or bool(_reasons({**row, "isHidden": False}))
        name = None
        if not row["isHidden"] and row["companyId"] and row["pseudonym"]:
            name = self.scopes.label(company_scope(row["companyId"]), row["pseudonym"])
        return {"company": row["company"], "hidden": row["isHidden"], "reasons": _reasons(row),
                "pseudonymName": name}
