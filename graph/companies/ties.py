"""The tie rule: who counts as "at" a company, whatever the spelling of its name.

Every company carries tie keys, ``(c:Company)-[:TIED_BY]->(:TieKey {key})``:
``n:<folded name>`` for its name and each alias (``graph.keys.fold_name``) and
``d:<domain>`` for each proven domain. Two company nodes that share a key are one
employer for the tie rule ("X Industries Inc." and "XIndustries"; the page "Alibaba
Group" whose admins declared the alias "阿里巴巴" and the node members created by typing
"阿里巴巴集团"). ``c:<id>`` is always implied, so a company with no keys yet still ties
to itself.

The two sides are Cypher expressions (constants, concatenated into queries; values stay
``$parameters``):
- ``VIEWER_TIE_KEYS`` over ``v``: the keys of every company ``v`` works at now, recruits
  for (any request status) or administers, plus ``d:<domain>`` of ``v``'s confirmed work
  e-mail;
- ``CANDIDATE_HIDDEN_KEYS`` over ``p``: the keys of ``p``'s current employers and of every
  company on ``p``'s block list, one hop further through shared keys, plus the domain of
  ``p``'s confirmed work e-mail and the keys of the company that proved it.
``TIED`` is true when the two lists meet. Expanding one side by one hop is enough: a
shared key links two nodes directly, and the viewer's own keys are exact.
"""
from __future__ import annotations

from graph.keys import name_key

VIEWER_TIE_KEYS = """(COLLECT {
    MATCH (v)-[vr:WORKS_AT|RECRUITS_FOR|ADMIN_OF]->(vc:Company)
    WHERE type(vr) <> 'WORKS_AT' OR vr.current = true
    RETURN 'c:' + vc.id AS key
    UNION
    MATCH (v)-[vr:WORKS_AT|RECRUITS_FOR|ADMIN_OF]->(:Company)-[:TIED_BY]->(vk:TieKey)
    WHERE type(vr) <> 'WORKS_AT' OR vr.current = true
    RETURN vk.key AS key
  } + CASE WHEN v.workEmailConfirmedAt IS NOT NULL AND v.workEmailDomain IS NOT NULL
           THEN ['d:' + v.workEmailDomain] ELSE [] END)"""

# The companies ``p`` is hidden from by position or block list: ``e`` in scope after it.
_HIDING_COMPANY = """MATCH (p)-[hr:WORKS_AT|BLOCKS]->(e:Company)
    WHERE type(hr) = 'BLOCKS' OR hr.current = true"""

CANDIDATE_HIDDEN_KEYS = """(COLLECT {
    """ + _HIDING_COMPANY + """
    RETURN 'c:' + e.id AS key
    UNION
    """ + _HIDING_COMPANY + """
    MATCH (e)-[:TIED_BY]->(hk:TieKey)
    RETURN hk.key AS key
    UNION
    """ + _HIDING_COMPANY + """
    MATCH (e)-[:TIED_BY]->(:TieKey)<-[:TIED_BY]-(alias:Company)
    RETURN 'c:' + alias.id AS key
    UNION
    """ + _HIDING_COMPANY + """
    MATCH (e)-[:TIED_BY]->(:TieKey)<-[:TIED_BY]-(:Company)-[:TIED_BY]->(hk:TieKey)
    RETURN hk.key AS key
    UNION
    MATCH (:TieKey {key: 'd:' + p.workEmailDomain})<-[:TIED_BY]-(mine:Company)
    WHERE p.workEmailConfirmedAt IS NOT NULL
    MATCH (mine)-[:TIED_BY]->(hk:TieKey)
    RETURN hk.key AS key
    UNION
    MATCH (:TieKey {key: 'd:' + p.workEmailDomain})<-[:TIED_BY]-(mine:Company)
    WHERE p.workEmailConfirmedAt IS NOT NULL
    RETURN 'c:' + mine.id AS key
  } + CASE WHEN p.workEmailConfirmedAt IS NOT NULL AND p.workEmailDomain IS NOT NULL
           THEN ['d:' + p.workEmailDomain] ELSE [] END)"""

# The viewer ``v`` is tied to a company the candidate ``p`` is hidden from.
TIED = ("any(tieKey IN " + VIEWER_TIE_KEYS + " WHERE tieKey IN "
        + CANDIDATE_HIDDEN_KEYS + ")")

# Keys are rewritten whole from the company's name, aliases and proven domains.
MATCH_TIE_SOURCES = """
MATCH (c:Company {id: $companyId})
RETURN c.name AS name, coalesce(c.aliases, []) AS aliases,
       COLLECT { MATCH (c)-[:HAS_DOMAIN]->(d:CompanyDomain) RETURN d.name } AS domains
"""

REPLACE_TIE_KEYS = """
MATCH (c:Company {id: $companyId})
OPTIONAL MATCH (c)-[old:TIED_BY]->(:TieKey)
DELETE old
WITH DISTINCT c
UNWIND $keys AS key
MERGE (k:TieKey {key: key})
MERGE (c)-[:TIED_BY]->(k)
"""

MATCH_COMPANIES_WITHOUT_KEYS = """
MATCH (c:Company) WHERE NOT EXISTS { (c)-[:TIED_BY]->(:TieKey) }
RETURN c.id AS id, c.name AS name LIMIT 10000
"""

ADD_NAME_KEYS = """
UNWIND $rows AS row
MATCH (c:Company {id: row.id})
MERGE (k:TieKey {key: row.key})
MERGE (c)-[:TIED_BY]->(k)
"""


def tie_keys(name: str, aliases: list[str], domains: list[str]) -> list[str]:
    """Every tie key of a company with these names and proven domains."""
    keys = [name_key(n) for n in [name, *aliases]] + ["d:" + d for d in domains]
    return sorted({key for key in keys if key})


def refresh_tie_keys(tx, company_id: str) -> list[str]:
    """Rewrite a company's tie keys from its name, aliases and proven domains (inside the
    caller's transaction, after any change to them)."""
    row = tx.run(MATCH_TIE_SOURCES, companyId=company_id).single()
    if row is None:
        return []
    keys = tie_keys(row["name"], row["aliases"], row["domains"])
    tx.run(REPLACE_TIE_KEYS, companyId=company_id, keys=keys).consume()
    return keys


def backfill_name_keys(session) -> int:
    """Give companies written before tie keys existed their ``n:`` key (schema start-up)."""
    done = 0
    while True:
        rows = [r.data() for r in session.run(MATCH_COMPANIES_WITHOUT_KEYS)]
        batch = [{"id": r["id"], "key": name_key(r["name"])} for r in rows]
        batch = [r for r in batch if r["key"]]
        if not batch:
            return done
        session.run(ADD_NAME_KEYS, rows=batch).consume()
        done += len(batch)
        if len(batch) < len(rows):  # the rest fold to nothing: keys cannot be made
            return done
