"""Members' profile photos: which photo a member has (``Person.photoId``).

The image itself is a file named by ``photoId`` outside the web root
(``recruit/pictures/photos.py``); the graph keeps only the random id. A new upload gets
a new id, so a photo's URL (which carries the id) never changes content: browsers may
cache it, and the old one stops answering the moment it is replaced.

Who may see a photo: any logged-in member who may see the member's page, i.e. the member
is a live one (not a ``FormerMember``). Pseudonymous views never ask: nothing that shows a
pseudonym returns a ``photoId`` (docs/candidates.md).
"""
from __future__ import annotations

from graph.base import Repository

# The previous id comes back so the caller can delete its file after the commit.
SET_PHOTO = """
MATCH (p:Person {id: $personId}) WHERE NOT p:FormerMember
WITH p, p.photoId AS previous
SET p.photoId = $photoId, p.photoUpdatedAt = $now
RETURN previous
"""

REMOVE_PHOTO = """
MATCH (p:Person {id: $personId})
WITH p, p.photoId AS previous
REMOVE p.photoId, p.photoUpdatedAt
RETURN previous
"""

MATCH_PHOTO = """
MATCH (p:Person {id: $personId, photoId: $photoId}) WHERE NOT p:FormerMember
RETURN p.photoId AS photoId
"""

MATCH_OWN_PHOTO = """
MATCH (p:Person {id: $personId}) WHERE NOT p:FormerMember
RETURN p.photoId AS photoId
"""

MATCH_KNOWN_PHOTOS = """
UNWIND $photoIds AS photoId
MATCH (p:Person {photoId: photoId})
RETURN collect(photoId) AS known
"""


def _single_value(tx, query, params, key):
    record = tx.run(query, params).single()
    return record[key] if record else None


def _set_photo(tx, params):
    record = tx.run(SET_PHOTO, params).single()
    return (True, record["previous"]) if record else (False, None)


class PhotoRepository(Repository):
    """The photo id on each member."""

    def set_photo(self, person_id: str, photo_id: str, now: str) -> tuple[bool, str | None]:
        """Give the member this photo; ``(found, previous photo id or None)``."""
        return self._write(_set_photo, {"personId": person_id, "photoId": photo_id, "now": now})

    def remove_photo(self, person_id: str) -> str | None:
        """Take the member's photo away; the removed id (None when there was none)."""
        return self._write(_single_value, REMOVE_PHOTO, {"personId": person_id}, "previous")

    def photo_id(self, person_id: str) -> str | None:
        """The member's current photo id, None without one (or for an unknown member)."""
        return self._read(_single_value, MATCH_OWN_PHOTO, {"personId": person_id}, "photoId")

    def is_current(self, person_id: str, photo_id: str) -> bool:
        """Whether ``photo_id`` is the live member ``person_id``'s current photo."""
        return self._read(_single_value, MATCH_PHOTO,
                          {"personId": person_id, "photoId": photo_id}, "photoId") is not None

    def known_photo_ids(self, photo_ids: list[str]) -> set[str]:
        """Which of these ids some member still has (for the orphan sweep)."""
        return set(self._read(_single_value, MATCH_KNOWN_PHOTOS,
                              {"photoIds": photo_ids}, "known") or [])
