"""The Q3 in-process references: matching uploaded digests with a Python dict of every
member's match keys, and people-you-may-know with the imported contacts counted, over
CSR arrays.

The suggestions are ``bench.suggest_baselines.CsrSuggestions.top`` with ``contacts``: the
address-book term of ``graph.network.suggestions`` (docs/contacts.md), +6 for a member in the
viewer's import. The bench data has no other imports, friend requests or dismissals, so
the "each other's contacts" and "follows" terms are 0.
"""
from __future__ import annotations

from typing import Iterable

from .contact_book import match_key_rows
from .dataset import Dataset


class DictMatcher:
    """digest -> member index for every member's keys, as a service holding them in
    memory would match an upload."""

    name = "dict"

    def __init__(self, data: Dataset):
        index = data.member
        self.owner = {row[1]: index(row[0]) for row in match_key_rows(data)}

    def match(self, viewer: int, digests: Iterable[str]) -> set[int]:
        """The members (other than the viewer) whose keys are among ``digests``."""
        owner = self.owner
        found = {owner[d] for d in digests if d in owner}
        found.discard(viewer)
        return found
