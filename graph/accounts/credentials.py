"""A member's credentials: password, e-mail (verified or not) and display name.

``Person.emailVerifiedAt`` is set when the member opens the link mailed to their sign-up
(or new) address; until then the address is not a contact-match key and the member may
not ask for recruiter rights or refer outside candidates. Every change that proves
control of the account (new password, new e-mail) ends the member's other sessions in
the same transaction.
"""
from __future__ import annotations

import logging

from neo4j.exceptions import ConstraintError

from graph.base import Repository
from graph.errors import Duplicate, NotFound
from graph.index.changelog import PERSON, change, log_changes
from graph.keys import display_name
from graph.people.name_keys import name_keys

from .tokens import USE_TOKEN

logger = logging.getLogger(__name__)

SET_PASSWORD = """
MATCH (p:Person {id: $personId})
SET p.passwordHash = $passwordHash, p.passwordChangedAt = $now
WITH p
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_API_TOKEN]->(t:ApiToken)
  WHERE t.id <> $keepTokenId
  DETACH DELETE t
}
OPTIONAL MATCH (p)-[:HAS_SESSION]->(s:Session)
WHERE s.key <> $keepKey
DETACH DELETE s
RETURN count(s) AS ended
"""

MARK_VERIFIED = """
MATCH (p:Person {id: $personId})
WHERE p.email = $email
SET p.emailVerifiedAt = coalesce(p.emailVerifiedAt, $now)
RETURN p.id AS id, p.email AS email
"""

# The member's old e-mail key is dropped here; the caller builds the new address's key.
CHANGE_EMAIL = """
MATCH (p:Person {id: $personId})
WITH p, p.email AS oldEmail
SET p.email = $email, p.emailVerifiedAt = $now
WITH p, oldEmail
OPTIONAL MATCH (p)-[:HAS_MATCH_KEY]->(k:MatchKey {kind: 'email'})
DETACH DELETE k
WITH DISTINCT p, oldEmail
OPTIONAL MATCH (p)-[:HAS_SESSION]->(s:Session)
WHERE s.key <> $keepKey
DETACH DELETE s
RETURN DISTINCT oldEmail, p.email AS email, p.name AS name
"""

RENAME = """
MATCH (p:Person {id: $personId})
SET p.name = $name, p.nameLower = $nameLower, p.namePinyin = $namePinyin,
    p.nameInitials = $nameInitials
RETURN p.id AS id
"""

MATCH_PASSWORD_HASH = """
MATCH (p:Person {id: $personId}) RETURN p.passwordHash AS passwordHash
"""

MATCH_EMAIL_OWNER = """
MATCH (p:Person {email: $email}) RETURN p.id AS id
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rename(tx, params):
    """Rename; the network index (which orders people by name) learns it in the same
    transaction."""
    row = _single(tx, RENAME, params)
    if row:
        log_changes(tx, [change(PERSON, params["personId"], name=params["name"])])
    return row


def _use(tx, purpose: str, digest: str, now: str) -> dict | None:
    row = _single(tx, USE_TOKEN, {"purpose": purpose, "digest": digest, "now": now})
    return row if row and row["live"] else None


def _reset_password(tx, digest, password_hash, now):
    token = _use(tx, "reset", digest, now)
    if token is None:
        return None
    tx.run(SET_PASSWORD, personId=token["personId"], passwordHash=password_hash, now=now,
           keepKey="", keepTokenId="").consume()
    return token["personId"]


def _verify_email(tx, digest, now):
    token = _use(tx, "verify", digest, now)
    if token is None:
        return None
    return _single(tx, MARK_VERIFIED, {"personId": token["personId"], "email": token["email"],
                                       "now": now})


def _change_email(tx, person_id, digest, now, keep_key):
    token = _use(tx, "change_email", digest, now)
    if token is None or token["personId"] != person_id:
        return None
    owner = _single(tx, MATCH_EMAIL_OWNER, {"email": token["email"]})
    if owner is not None and owner["id"] != person_id:
        raise Duplicate("Another account uses that e-mail address now.")
    return _single(tx, CHANGE_EMAIL, {"personId": person_id, "email": token["email"],
                                      "now": now, "keepKey": keep_key})


class CredentialRepository(Repository):
    """Changes passwords, e-mail addresses and names; redeems the tokens that allow it."""

    def change_password(self, person_id: str, password_hash: str, keep_key: str | None,
                        now: str, keep_token_id: str | None = None) -> int:
        """Set a new hash and end every other session (all but ``keep_key``) and every API
        token but ``keep_token_id`` (the one a change through the API came with); returns
        how many sessions were ended."""
        row = self._write(_single, SET_PASSWORD, {"personId": person_id,
                                                  "passwordHash": password_hash,
                                                  "now": now, "keepKey": keep_key or "",
                                                  "keepTokenId": keep_token_id or ""})
        if row is None:
            raise NotFound("No such member.")
        return row["ended"]

    def reset_password(self, digest: str, password_hash: str, now: str) -> str | None:
        """Use a reset token and set the password, ending every session of the member;
        returns the member's id, or None if the token is unknown, used or expired."""
        return self._write(_reset_password, digest, password_hash, now)

    def verify_email(self, digest: str, now: str) -> dict | None:
        """Use a verification token: ``{id, email}`` of the member whose address it
        verified, or None (unknown, used, expired, or the address changed since)."""
        return self._write(_verify_email, digest, now)

    def change_email(self, person_id: str, digest: str, keep_key: str | None,
                     now: str) -> dict | None:
        """Use ``person_id``'s e-mail-change token: the new address becomes theirs,
        verified, and their other sessions end. Returns ``{oldEmail, email, name}``, None
        for a token that is not theirs or not live; ``Duplicate`` if the address was taken
        meanwhile."""
        try:
            return self._write(_change_email, person_id, digest, now, keep_key or "")
        except ConstraintError as exc:
            raise Duplicate("Another account uses that e-mail address now.") from exc

    def rename(self, person_id: str, name: str) -> str:
        """Set the display name; returns it as stored."""
        name = display_name(name)
        if not self._write(_rename, {"personId": person_id, "name": name,
                                     **name_keys(name)}):
            raise NotFound("No such member.")
        return name

    def email_owner(self, email: str) -> str | None:
        """The id of the member with this (lower-cased) e-mail, or None."""
        row = self._read(_single, MATCH_EMAIL_OWNER, {"email": email.strip().lower()})
        return row["id"] if row else None

    def password_hash(self, person_id: str) -> str | None:
        """The member's password hash (to check a password before a sensitive change)."""
        row = self._read(_single, MATCH_PASSWORD_HASH, {"personId": person_id})
        return row["passwordHash"] if row else None
