"""Who may see a pseudonymous candidate: Cypher predicates shared by every query that
shows one (browse, profile, conversations), so the rules live in one place.

Each predicate is a constant over the variables ``v`` (the viewer, a ``:Person``),
``p`` (the candidate, a ``:Person``) and ``ps`` (the candidate's ``:Pseudonym``), and is
concatenated into the queries that use it: constants only, values stay ``$parameters``
(``$seeking`` and ``$now``; see ``visibility_params``).

The rules (``../shared/product.md``):
- only members whose job status is "looking" or "open" are shown;
- never to anyone *tied* to a company the candidate is hidden from: their current
  employers (by position, or by their own confirmed work e-mail's domain) and every
  company on their block list, under any alias or folded spelling of its name. The viewer
  is tied by a current position, a confirmed work e-mail on one of its domains, or a
  recruiter (any request status) or admin role (``graph.companies.ties``);
- verified recruiters (active: ``graph.companies.recruiters``) see the candidates within two degrees; other members only where
  the candidate's ``memberReach`` setting allows (0: nobody, 1: friends, 2: two degrees);
- once a conversation exists, its counterpart sees that pseudonym whatever the degree;
- a freshly rotated pseudonym is listed only from ``visibleFrom`` on.

What each viewer sees of a pseudonym: per-company pseudonyms (the second half of this
module). The system keeps one ``(:Pseudonym)`` per member and period (``graph.candidates.pseudonyms``):
its ``id`` and its catalogue name are the system record and never leave ``graph/`` for anyone
but the member. Everyone else sees the pseudonym through a scope (docs/trust.md):

- **scope**: ``c:<companyId>`` for a viewer who is an active verified recruiter (their
  first such company by id, so all of a company's recruiters share it), otherwise
  ``m:<memberId>`` (a contact sees a pseudonym of their own). ``scope_of`` computes it
  inside the query that serves the viewer.
- **scoped id**: ``AES-SIV(key, pseudonym id, associated data = scope)``, url-safe base64.
  Deterministic (a GET writes nothing and a link stays valid), unlinkable without the key,
  and it decodes only under the scope it was made for: another company's id, or a
  tampered one, decodes to nothing and the caller answers exactly as for a missing id.
- **scoped name**: a character of the pseudonym's rank (the rank still matches the
  influence level) and a generation, both chosen by ``HMAC(key, scope|pseudonym id)``.

Both derive from the pseudonym id, which rotation replaces, so rotating changes the id and
the name in every scope at once. Two companies comparing notes see unrelated ids and
names. Names are not unique within a scope (``GENERATIONS`` times the rank's characters
make a collision rare on one page, not impossible); the id always is.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from typing import Any, Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from neo4j import Driver

from graph.base import Repository, cypher_variable, utc_now
from graph.candidates import pseudonym_names as names
from graph.companies.recruiters import active_recruiter_where, is_active_recruiter
from graph.companies.ties import TIED

SEEKING = ("looking", "open")

# The viewer is tied to the candidate's employer or to a company they block.
EMPLOYER_CONFLICT = TIED

IS_VERIFIED_RECRUITER = is_active_recruiter("v")

# 1 friend, 2 friend of a friend, 3 further or unconnected.
DEGREE = """CASE WHEN EXISTS { (v)-[:FRIENDS_WITH]-(p) } THEN 1
     WHEN EXISTS { (v)-[:FRIENDS_WITH]-(:Person)-[:FRIENDS_WITH]-(p) } THEN 2
     ELSE 3 END"""

# The candidate is on the market and the viewer is not at their employer.
SHOWN = "(v <> p AND p.jobStatus IN $seeking AND NOT " + EMPLOYER_CONFLICT + ")"

# Given ``degree`` and ``isRecruiter`` in scope: the viewer may find ``ps`` by browsing.
LISTED = """(ps.active = true AND ps.visibleFrom <= $now AND degree <= 2
  AND (isRecruiter OR degree <= ps.memberReach))"""

IN_CONVERSATION = "EXISTS { (v)<-[:COUNTERPART]-(:Conversation)-[:CANDIDATE]->(ps) }"


def visibility_params(now: str | None = None) -> dict:
    """The parameters every visibility predicate needs."""
    return {"seeking": list(SEEKING), "now": now or utc_now()}


# --- Per-company pseudonyms: what each viewer sees of one -------------------------------

# A scoped name's generation is drawn from 1..GENERATIONS ("令狐冲 Linghu Chong IV").
GENERATIONS = 10
# Used when a repository is built without the app's settings (tests, scripts): ids are then
# stable within the process only, never guessable.
_PROCESS_KEY = secrets.token_bytes(32)


def scope_of(viewer: str) -> str:
    """Cypher expression: the scope of the ``:Person`` bound to ``viewer`` (a variable name
    written in the calling query, never a value; checked)."""
    viewer = cypher_variable(viewer)
    return ("coalesce(head(COLLECT { MATCH (" + viewer + ")-[:RECRUITS_FOR {status: 'verified'}]"
            "->(scopeCompany:Company) WHERE "
            + active_recruiter_where(viewer, "scopeCompany")
            + " RETURN 'c:' + scopeCompany.id ORDER BY scopeCompany.id }), 'm:' + "
            + viewer + ".id)")


MATCH_VIEWER_SCOPE = """
MATCH (v:Person {id: $viewerId})
RETURN """ + scope_of("v") + """ AS scope
"""

# Stands in for an id that decodes to nothing: no pseudonym has it, so the query that
# follows runs as usual and finds nothing, as for a missing pseudonym.
NO_PSEUDONYM = ""


def company_scope(company_id: str) -> str:
    """The scope of a company's recruiters."""
    return "c:" + company_id


def key_from_settings(settings: Mapping[str, Any]) -> bytes:
    """The master key: ``PSEUDONYM_SCOPE_KEY`` if set, else derived from ``SECRET_KEY``."""
    configured = settings.get("PSEUDONYM_SCOPE_KEY")
    if configured:
        return configured.encode() if isinstance(configured, str) else configured
    secret = settings.get("SECRET_KEY")
    if not secret:
        return _PROCESS_KEY
    secret = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(secret, b"pseudonym-scopes", hashlib.sha256).digest()


def _subkey(master: bytes, label: bytes) -> bytes:
    return hmac.new(master, label, hashlib.sha256).digest()


class PseudonymScopes:
    """The keyed mapping between a pseudonym and what one scope sees of it."""

    def __init__(self, key: bytes | None = None):
        master = key or _PROCESS_KEY
        # AES-256-SIV takes a 512-bit key; the name hash a key of its own.
        self._siv = AESSIV(_subkey(master, b"id-1") + _subkey(master, b"id-2"))
        self._name_key = _subkey(master, b"name")

    def public_id(self, scope: str, pseudonym_id: str) -> str:
        """The id of the pseudonym as ``scope`` sees it."""
        sealed = self._siv.encrypt(pseudonym_id.encode(), [scope.encode()])
        return base64.urlsafe_b64encode(sealed).rstrip(b"=").decode()

    def pseudonym_id(self, scope: str, public_id: str) -> str | None:
        """The pseudonym behind a scoped id, or None when the id was not made for
        ``scope`` (another company's, tampered, or not an id at all)."""
        try:
            raw = base64.urlsafe_b64decode(public_id + "=" * (-len(public_id) % 4))
            return self._siv.decrypt(raw, [scope.encode()]).decode()
        except (InvalidTag, ValueError, binascii.Error, UnicodeError):
            return None

    def name(self, scope: str, pseudonym_id: str, rank: int) -> dict:
        """The character and generation ``scope`` knows the pseudonym by."""
        digest = hmac.new(self._name_key, f"{scope}|{pseudonym_id}".encode(),
                          hashlib.sha256).digest()
        pool = names.characters(names.rank(rank).level)
        character = pool[int.from_bytes(digest[:8], "big") % len(pool)]
        generation = 1 + int.from_bytes(digest[8:12], "big") % GENERATIONS
        return {"hanzi": character.hanzi, "pinyin": character.pinyin,
                "novel": character.novel, "author": character.author,
                "generation": generation}

    def present(self, scope: str, pseudonym: dict | None) -> dict | None:
        """A pseudonym row (system id and name) as ``scope`` sees it: the scoped id and
        name replace the system ones; other fields are kept."""
        if pseudonym is None:
            return None
        seen = dict(pseudonym)
        seen.update(self.name(scope, pseudonym["id"], pseudonym["rank"]))
        seen["id"] = self.public_id(scope, pseudonym["id"])
        return seen

    def label(self, scope: str, pseudonym: dict) -> str:
        """The display name ``scope`` knows the pseudonym by (for notifications)."""
        seen = self.name(scope, pseudonym["id"], pseudonym["rank"])
        return names.display_name(seen["hanzi"], seen["pinyin"], seen["generation"])


def resolve_public_id(tx, scopes: PseudonymScopes, viewer_id: str,
                      public_id: str) -> tuple[str | None, str]:
    """Inside a caller's transaction: the viewer's scope and the pseudonym id behind
    ``public_id`` under it (``NO_PSEUDONYM`` when it decodes to nothing)."""
    record = tx.run(MATCH_VIEWER_SCOPE, viewerId=viewer_id).single()
    scope = record["scope"] if record else None
    pseudonym_id = scopes.pseudonym_id(scope, public_id) if scope else None
    return scope, pseudonym_id or NO_PSEUDONYM


def names_by_counterpart(scopes: PseudonymScopes, pseudonym: dict | None, counterparts: list[dict]) -> list[dict]:
    """The name the active pseudonym goes by with each company (or member) it talks to:
    ``[{company, member, name}]``, by company or member name."""
    if not pseudonym:
        return []
    seen = [{"company": c["company"], "member": c["member"],
             "name": scopes.label(c["scope"], pseudonym)} for c in counterparts]
    return sorted(seen, key=lambda row: (row["company"] is None,
                                         row["company"] or row["member"] or ""))


class ScopedRepository(Repository):
    """A repository that shows pseudonyms to viewers: it holds the app's scope key."""

    def __init__(self, driver: Driver, database: str, scope_key: bytes | None = None,
                 index: Any = None):
        super().__init__(driver, database)
        self.scopes = PseudonymScopes(scope_key)
        # The process's network index: browsing reads the two-degree reach from it when
        # warm (graph.candidates.search); every rule above stays in Cypher.
        self.index = index

    @classmethod
    def from_settings(cls, driver: Driver, database: str, settings: Mapping[str, Any],
                      index: Any = None):
        """Built with the key from the app's settings (``PSEUDONYM_SCOPE_KEY``) and the
        process's network index."""
        return cls(driver, database, scope_key=key_from_settings(settings), index=index)
