"""The Q3 in-process references: matching uploaded digests with a Python dict of every
member's match keys, and people-you-may-know with the imported contacts counted, over
CSR arrays.

``ContactSuggestions`` is ``bench.suggest_baselines.CsrSuggestions`` plus the address-book
term of ``graph.suggestions`` (docs/contacts.md): +6 for a member in the viewer's import
(a candidate even with no other link). The bench data has no other imports, friend
requests or dismissals, so the "each other's contacts" and "follows" terms are 0.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np

from graph.suggestions import WEIGHTS

from .contact_book import match_key_rows
from .dataset import Dataset
from .feed_baselines import gather_neighbours
from .suggest_baselines import SHOWN_MUTUALS, Affiliations


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


class ContactSuggestions:
    """The top suggestions with the viewer's matched contacts counted."""

    name = "csr"

    def __init__(self, data: Dataset, aff: Affiliations):
        self.data, self.aff = data, aff
        self.indptr, self.indices = data.friends.indptr, data.friends.indices

    def top(self, v: int, contacts: Iterable[int], limit: int = 20) -> tuple[list[tuple], int]:
        """As ``CsrSuggestions.top`` (id, score, mutual, companies, schools, first mutual
        ids; and the total), with ``contacts`` in v's imported address book."""
        data, aff = self.data, self.aff
        first = data.friends.neighbours(v)
        mutual = np.bincount(gather_neighbours(self.indptr, self.indices, first),
                             minlength=data.n)
        companies = aff.shared_counts(v, aff.member_company, aff.company_member)
        schools = aff.shared_counts(v, aff.member_school, aff.school_member)
        in_contacts = np.zeros(data.n, dtype=bool)
        in_contacts[np.fromiter(contacts, dtype=np.int64)] = True
        score = WEIGHTS["mutual"] * mutual + WEIGHTS["company"] * companies \
            + WEIGHTS["school"] * schools + WEIGHTS["contact"] * in_contacts
        candidate = (mutual > 0) | (companies > 0) | (schools > 0) | in_contacts
        candidate[v] = False
        candidate[first] = False
        found = np.flatnonzero(candidate)
        top = found[np.lexsort((aff.rank[found], -score[found]))[:limit]].tolist()
        rows = []
        for c in top:
            common = np.intersect1d(first, data.friends.neighbours(c), assume_unique=True)
            shown = common[np.argsort(aff.rank[common])[:SHOWN_MUTUALS]].tolist()
            rows.append((data.ids[c], int(score[c]), int(mutual[c]), int(companies[c]),
                         int(schools[c]), tuple(data.ids[m] for m in shown)))
        return rows, len(found)
