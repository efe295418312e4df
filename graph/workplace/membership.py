"""Who belongs to a channel, how many have spoken, and how a post is labelled: Cypher
fragments shared by the workplace queries, and the base class holding the author key and
the k threshold (docs/workplace.md).

Fragments are constants concatenated into queries (values stay ``$parameters``) over these
variables: ``v`` the viewer (``:Person``), ``ch`` a channel's company, ``c`` the author's
company of a post (``(post)-[:FROM]->(c)``), ``post`` a ``:WorkplacePost``.
"""
from __future__ import annotations

from typing import Any, Mapping

from neo4j import Driver

from graph.base import Repository
from graph.workplace.anonymity import current_hour, derive_key

WINDOW_DAYS = 90

# ``v`` may read and post in ``ch``'s channel: ``ch`` is verified and ``v`` holds a confirmed,
# unexpired work e-mail on one of its proven domains.
MEMBER_OF = """(ch.verified = true AND v.workEmailConfirmedAt IS NOT NULL
  AND coalesce(v.workEmailValidUntil, 0) > datetime().epochSeconds
  AND EXISTS { (ch)-[:HAS_DOMAIN]->(:CompanyDomain {name: v.workEmailDomain}) })"""

# Binds ``ch``: the company whose channel ``v`` belongs to (one domain, one company).
MATCH_OWN_CHANNEL = """
MATCH (ch:Company)-[:HAS_DOMAIN]->(:CompanyDomain {name: v.workEmailDomain})
WHERE """ + MEMBER_OF

# Distinct authors (posts and comments, any channel) of company ``c`` since ``$since``.
POSTERS = """size(COLLECT { MATCH (x)-[:FROM]->(c)
  WHERE (x:WorkplacePost OR x:WorkplaceComment) AND x.hourEpoch >= $since
  RETURN DISTINCT x.authorKey })"""

# The label a reader sees on ``post``: none inside a company channel (every reader is a
# colleague), else the company only if the author chose it and ``c`` has at least ``$k``
# posters, else the industry.
SHOWS_COMPANY = "(post.channel = 'public' AND post.labelChoice = 'company' AND " + POSTERS + " >= $k)"
LABEL = ("CASE WHEN post.channel = 'company' THEN null WHEN " + SHOWS_COMPANY
         + " THEN c.name ELSE coalesce(c.industry, 'an undisclosed industry') END")
LABEL_COMPANY_ID = "CASE WHEN " + SHOWS_COMPANY + " THEN c.id ELSE null END"

# The fields of a post any reader may see: no author key, no exact time, no member.
POST_FIELDS = """post {.id, .channel, .topic, .title, .body, .hour, .handle,
  label: """ + LABEL + """, labelCompanyId: """ + LABEL_COMPANY_ID + """,
  comments: COUNT { (:WorkplaceComment {status: 'visible'})-[:ON]->(post) },
  meToo: COUNT { (:WorkplaceReaction {kind: 'metoo'})-[:ON]->(post) },
  reactions: COUNT { (r:WorkplaceReaction)-[:ON]->(post) WHERE r.kind <> 'metoo' }}"""


class WorkplaceRepository(Repository):
    """Base for the workplace repositories: the author key and the k threshold."""

    def __init__(self, driver: Driver, database: str, key: bytes = b"", k: int = 10):
        super().__init__(driver, database)
        if not key:
            raise ValueError("The workplace channel needs an author key.")
        self.key = key
        self.k = k

    @classmethod
    def from_settings(cls, driver: Driver, database: str, settings: Mapping[str, Any],
                      index: Any = None):
        """Reads ``WORKPLACE_AUTHOR_KEY`` (else derives one from ``SECRET_KEY``) and
        ``WORKPLACE_K``."""
        key = derive_key(settings["SECRET_KEY"], settings.get("WORKPLACE_AUTHOR_KEY", ""))
        return cls(driver, database, key=key, k=int(settings.get("WORKPLACE_K", 10)))

    def window(self) -> dict:
        """The parameters of the k rule: ``$k`` and ``$since`` (hours since the epoch)."""
        _, hour = current_hour()
        return {"k": self.k, "since": hour - WINDOW_DAYS * 24}
