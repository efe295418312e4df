"""Members' ties to shared things (companies ever worked at, schools, skills) in CSR arrays.

An ``Affiliations`` is a bipartite relation between members (the dense numbers of the
``FriendGraph``) and groups (company ids, school keys or skill keys, numbered densely here).
It is held both ways: per member the groups (for "which companies has the viewer worked
at"), per group the members (for "who else worked there"), each as CSR arrays built in bulk.

Changes from the log replace a member's whole set of groups ("member m's schools are now
S"), so replaying one is harmless. They land in an overlay: the member's new set, and per
group the changed members that now belong to it; a changed member's entries in the base
arrays are ignored. ``compacted`` folds the overlay into fresh arrays.
"""
from __future__ import annotations

import copy

import numpy as np

EMPTY = np.empty(0, dtype=np.int32)


def _csr(rows: np.ndarray, cols: np.ndarray, n_rows: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR arrays (indptr, sorted distinct column numbers per row) from (row, col) pairs."""
    order = np.lexsort((cols, rows))
    rows, cols = rows[order], cols[order]
    if len(rows):
        distinct = np.ones(len(rows), dtype=bool)
        distinct[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
        rows, cols = rows[distinct], cols[distinct]
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
    return indptr, cols.astype(np.int32)


class Affiliations:
    """Members <-> groups. Not thread-safe: the owner (``NetworkIndex``) serialises access."""

    def __init__(self, group_ids: list[str], members: np.ndarray, groups: np.ndarray,
                 member_count: int):
        """``members``/``groups``: one entry per (member, group) pair, repeats allowed."""
        self._group_ids = list(group_ids)
        self._group_dense = {gid: n for n, gid in enumerate(self._group_ids)}
        members = np.asarray(members, dtype=np.int32)
        groups = np.asarray(groups, dtype=np.int32)
        self._member_ptr, self._member_groups = _csr(members, groups, member_count)
        self._group_ptr, self._group_members = _csr(groups, members, len(self._group_ids))
        self._changed: dict[int, np.ndarray] = {}      # member -> groups, since the build
        self._joined: dict[int, set[int]] = {}         # group -> changed members in it now
        self._changed_sorted: np.ndarray | None = EMPTY

    @classmethod
    def from_pairs(cls, members: np.ndarray, group_ids: list[str],
                   member_count: int) -> "Affiliations":
        """From parallel sequences of member numbers and group ids."""
        numbers: dict[str, int] = {}
        groups = np.fromiter((numbers.setdefault(g, len(numbers)) for g in group_ids),
                             dtype=np.int32, count=len(group_ids))
        return cls(list(numbers), np.asarray(members, dtype=np.int32), groups, member_count)

    # ----- groups -----------------------------------------------------------------------
    def group(self, group_id: str) -> int:
        """The dense number of a group, numbering it if it is new."""
        dense = self._group_dense.get(group_id)
        if dense is None:
            dense = len(self._group_ids)
            self._group_ids.append(group_id)
            self._group_dense[group_id] = dense
        return dense

    def group_id(self, dense: int) -> str:
        return self._group_ids[dense]

    def known_group(self, group_id: str) -> int | None:
        """The dense number of a group, or ``None`` when no member ever had it."""
        return self._group_dense.get(group_id)

    # ----- reading ------------------------------------------------------------------------
    def groups_of(self, member: int) -> np.ndarray:
        """The member's groups (dense numbers, distinct, sorted)."""
        changed = self._changed.get(member)
        if changed is not None:
            return changed
        if member + 1 >= len(self._member_ptr):
            return EMPTY
        return self._member_groups[self._member_ptr[member]:self._member_ptr[member + 1]]

    def members_of(self, group: int) -> np.ndarray:
        """The group's members (dense numbers, distinct; sorted unless changed since)."""
        base = (self._group_members[self._group_ptr[group]:self._group_ptr[group + 1]]
                if group + 1 < len(self._group_ptr) else EMPTY)
        if not self._changed:
            return base
        base = base[~np.isin(base, self._changed_members(), assume_unique=True)]
        joined = self._joined.get(group)
        if not joined:
            return base
        return np.concatenate([base, np.fromiter(joined, dtype=np.int32, count=len(joined))])

    def members_of_all(self, groups: np.ndarray) -> np.ndarray:
        """The members of each group in ``groups``, concatenated (a member appears once
        per group it shares)."""
        parts = [self.members_of(int(g)) for g in groups]
        return np.concatenate(parts) if parts else EMPTY

    def _changed_members(self) -> np.ndarray:
        if self._changed_sorted is None:
            self._changed_sorted = np.array(sorted(self._changed), dtype=np.int32)
        return self._changed_sorted

    # ----- changing -----------------------------------------------------------------------
    def set_groups(self, member: int, group_ids: list[str]) -> None:
        """The member's groups are ``group_ids`` from now on."""
        for group in self._changed.get(member, EMPTY).tolist():
            joined = self._joined.get(group)
            if joined is not None:
                joined.discard(member)
                if not joined:
                    del self._joined[group]
        groups = np.array(sorted({self.group(g) for g in group_ids}), dtype=np.int32)
        self._changed[member] = groups
        for group in groups.tolist():
            self._joined.setdefault(group, set()).add(member)
        self._changed_sorted = None

    def frozen_copy(self) -> "Affiliations":
        """A copy that later ``set_groups`` calls on this one leave alone (arrays shared)."""
        clone = copy.copy(self)
        clone._group_ids = list(self._group_ids)
        clone._group_dense = dict(self._group_dense)
        clone._changed = dict(self._changed)
        clone._joined = {k: set(v) for k, v in self._joined.items()}
        return clone

    @property
    def overlay_size(self) -> int:
        """Members changed since the build (what ``compacted`` would fold in)."""
        return len(self._changed)

    def compacted(self, member_count: int) -> "Affiliations":
        """A new instance with the overlay folded in (this one stays valid for readers)."""
        members = np.repeat(np.arange(len(self._member_ptr) - 1, dtype=np.int32),
                            np.diff(self._member_ptr))
        keep = ~np.isin(members, self._changed_members())
        pairs_m = [members[keep]]
        pairs_g = [self._member_groups[keep]]
        for member, groups in self._changed.items():
            pairs_m.append(np.full(len(groups), member, dtype=np.int32))
            pairs_g.append(groups)
        return Affiliations(self._group_ids, np.concatenate(pairs_m), np.concatenate(pairs_g),
                            member_count)

    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self._member_ptr, self._member_groups,
                                      self._group_ptr, self._group_members))
