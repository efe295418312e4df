"""People you may know (Q4) computed in process: the candidates and score of
``graph.network.suggestions.MATCH_SUGGESTIONS_PAGE`` (docs/contacts.md) on the generated data,
which has no imports, friend requests or dismissals:

    score = 3 × mutual friends + 2 × companies both worked at + 1 × schools both attended

ordered by score, then name, then id. ``CsrSuggestions`` counts with numpy bincounts over
CSR arrays; ``NetworkxSuggestions`` with networkx adjacency and Python sets.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import numpy as np

from graph.network.suggestions import WEIGHTS

from .dataset import Dataset
from .feed_baselines import gather_neighbours, name_ranks

SHOWN_MUTUALS = 3


def _csr(n_rows: int, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A CSR (indptr, indices) of the unique (row, col) pairs."""
    width = int(cols.max()) + 1 if len(cols) else 1
    keys = np.unique(rows.astype(np.int64) * width + cols)
    r, c = keys // width, keys % width
    indptr = np.concatenate(([0], np.cumsum(np.bincount(r, minlength=n_rows))))
    return indptr, c


class Affiliations:
    """Who worked at which company (current or past) and studied at which school, both
    ways, without repeats; shared by both baselines."""

    def __init__(self, data: Dataset):
        w = data.work
        self.data, self.rank = data, name_ranks(data)
        companies, schools = len(w.company_names), len(w.school_names)
        self.member_company = _csr(data.n, w.position_person, w.position_company)
        self.company_member = _csr(companies, w.position_company, w.position_person)
        self.member_school = _csr(data.n, w.study_person, w.study_school)
        self.school_member = _csr(schools, w.study_school, w.study_person)

    @staticmethod
    def row(csr, i: int) -> np.ndarray:
        indptr, indices = csr
        return indices[indptr[i]:indptr[i + 1]]

    def shared_counts(self, v: int, mine, theirs) -> np.ndarray:
        """For every member: how many of v's companies (or schools) they share."""
        groups = self.row(mine, v)
        return np.bincount(gather_neighbours(theirs[0], theirs[1], groups),
                           minlength=self.data.n)

    def sets(self, csr) -> list[set]:
        indptr, indices = csr
        return [set(indices[indptr[i]:indptr[i + 1]].tolist()) for i in range(len(indptr) - 1)]


def _answer(data, rank, v, top, score, mutual, companies, schools, mutuals_of):
    return [(data.ids[c], int(score[c]), int(mutual[c]), int(companies[c]), int(schools[c]),
             tuple(data.ids[m] for m in mutuals_of(c))) for c in top]


class CsrSuggestions:
    """Counts for every member at once with bincount, then one lexsort of the candidates."""

    name = "csr"

    def __init__(self, data: Dataset, aff: Affiliations):
        self.data, self.aff = data, aff
        self.indptr, self.indices = data.friends.indptr, data.friends.indices

    def top(self, v: int, limit: int = 20,
            contacts: Iterable[int] = ()) -> tuple[list[tuple], int]:
        """The first ``limit`` suggestions for ``v`` (id, score, mutual, companies,
        schools, first mutual ids) and how many there are. ``contacts``: the members in
        v's imported address book (+6 each, a candidate even with no other link; Q3)."""
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

        def mutuals_of(c):
            common = np.intersect1d(first, data.friends.neighbours(c), assume_unique=True)
            return common[np.argsort(aff.rank[common])[:SHOWN_MUTUALS]].tolist()
        return _answer(data, aff.rank, v, top, score, mutual, companies, schools,
                       mutuals_of), len(found)


class NetworkxSuggestions:
    """Counters over networkx adjacency and Python sets of companies and schools."""

    name = "networkx"

    def __init__(self, data: Dataset, aff: Affiliations, graph):
        self.data, self.aff, self.graph = data, aff, graph
        self.rank = aff.rank.tolist()
        self.companies_of, self.schools_of = aff.sets(aff.member_company), aff.sets(aff.member_school)
        self.company_people, self.school_people = aff.sets(aff.company_member), aff.sets(aff.school_member)

    def top(self, v: int, limit: int = 20) -> tuple[list[tuple], int]:
        """As ``CsrSuggestions.top``."""
        g, rank = self.graph, self.rank
        friends = g[v].keys()
        mutual = Counter(c for f in friends for c in g[f])
        companies = Counter(c for co in self.companies_of[v] for c in self.company_people[co])
        schools = Counter(c for s in self.schools_of[v] for c in self.school_people[s])
        found = (mutual.keys() | companies.keys() | schools.keys()) - friends - {v}
        score = {c: WEIGHTS["mutual"] * mutual[c] + WEIGHTS["company"] * companies[c]
                 + WEIGHTS["school"] * schools[c] for c in found}
        top = sorted(found, key=lambda c: (-score[c], rank[c]))[:limit]

        def mutuals_of(c):
            return sorted(friends & g[c].keys(), key=rank.__getitem__)[:SHOWN_MUTUALS]
        return _answer(self.data, rank, v, top, score, mutual, companies, schools,
                       mutuals_of), len(found)
