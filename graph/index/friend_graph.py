"""The friendship graph in compact arrays: members as dense integers, friendships in CSR.

A snapshot is built in bulk (``FriendGraph.from_arrays``) and then kept current by applying
changes from the change log. Changes land in a small overlay (edges added and removed since
the snapshot, per member) instead of rewriting the arrays; ``compact`` folds the overlay back
into fresh arrays once it grows.

Memory per member: a 4-byte row offset, the id (fixed-width bytes) and the name (UTF-8 in
one buffer with 8-byte offsets); per friendship two 4-byte entries (each direction). No
Python object per member or per edge is kept for the snapshot, which is what keeps a 1M-member
graph in a few hundred MB.

Changes have set semantics ("this pair is friends now", "this pair is not friends now"), so a
change the snapshot already reflects is a no-op when replayed; see ``graph.index.changelog``.
"""
from __future__ import annotations

import copy

import numpy as np

EMPTY = np.empty(0, dtype=np.int32)
UNRANKED = -1


class FriendGraph:
    """Members (id, name) and friendships. Not thread-safe: the owner serialises access."""

    def __init__(self, ids: np.ndarray, names: list[str] | None, indptr: np.ndarray,
                 indices: np.ndarray):
        self._ids = ids                          # dense -> public id (bytes, fixed width)
        order = np.argsort(ids, kind="stable")
        self._sorted_ids = ids[order]            # for id -> dense by binary search
        self._sorted_dense = order.astype(np.int32)
        self._indptr = indptr
        self._indices = indices
        names = names or [""] * len(ids)
        self._name_buffer, self._name_offsets = _pack_names(names)
        self._base_count = len(ids)
        # Each snapshot member's place in (name, id) order, so orders by name compare
        # integers; members added or renamed later are marked UNRANKED and compared by name.
        by_name = sorted(range(len(ids)), key=lambda d: (names[d], ids[d]))
        self._name_rank = np.empty(len(ids), dtype=np.int64)
        self._name_rank[by_name] = np.arange(len(ids), dtype=np.int64)
        # Since the snapshot: members added, names changed, edges added and removed.
        self._extra_ids: list[str] = []
        self._extra_dense: dict[str, int] = {}
        self._renamed: dict[int, str] = {}
        self._added: dict[int, set[int]] = {}
        self._removed: dict[int, set[int]] = {}
        self._gone: set[int] = set()             # members deleted since the snapshot
        self.overlay_edges = 0

    # ----- building -------------------------------------------------------------------
    @classmethod
    def from_edges(cls, ids: list[str], names: list[str], sources: np.ndarray,
                   targets: np.ndarray) -> "FriendGraph":
        """A snapshot from member ids/names (dense order) and friendships as two arrays of
        dense endpoints, one entry per friendship (either direction)."""
        n = len(ids)
        width = max((len(i) for i in ids), default=1)
        id_array = np.array([i.encode() for i in ids], dtype=f"S{max(width, 1)}")
        src = np.concatenate([sources, targets]).astype(np.int32, copy=False)
        dst = np.concatenate([targets, sources]).astype(np.int32, copy=False)
        keep = src != dst
        src, dst = src[keep], dst[keep]
        order = np.lexsort((dst, src))
        src, dst = src[order], dst[order]
        if len(src):
            # One entry per pair and direction, even if the input repeated a pair.
            distinct = np.ones(len(src), dtype=bool)
            distinct[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
            src, dst = src[distinct], dst[distinct]
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
        return cls(id_array, names, indptr, dst.astype(np.int32))

    # ----- ids and names --------------------------------------------------------------
    def __len__(self) -> int:
        return self._base_count + len(self._extra_ids)

    def dense(self, person_id: str) -> int | None:
        """The dense number of a member, or ``None`` when the index does not know them."""
        found = self._slot(person_id)
        return None if found is None or found in self._gone else found

    def _slot(self, person_id: str) -> int | None:
        extra = self._extra_dense.get(person_id)
        if extra is not None:
            return extra
        key = person_id.encode()
        pos = int(np.searchsorted(self._sorted_ids, key))
        if pos < len(self._sorted_ids) and self._sorted_ids[pos] == key:
            return int(self._sorted_dense[pos])
        return None

    def person_id(self, dense: int) -> str:
        if dense < self._base_count:
            return self._ids[dense].decode()
        return self._extra_ids[dense - self._base_count]

    def name(self, dense: int) -> str:
        renamed = self._renamed.get(dense)
        if renamed is not None:
            return renamed
        if dense >= self._base_count:
            return ""
        start, end = self._name_offsets[dense], self._name_offsets[dense + 1]
        return self._name_buffer[start:end].decode()

    def name_ranks(self, members: np.ndarray) -> np.ndarray:
        """Each member's rank in (name, id) order among the snapshot's members, or
        ``UNRANKED`` for members added or renamed since (compare those by ``name``)."""
        members = np.asarray(members, dtype=np.int64)
        ranks = np.full(len(members), UNRANKED, dtype=np.int64)
        base = members < self._base_count
        ranks[base] = self._name_rank[members[base]]
        if self._renamed:
            renamed = np.isin(members, np.fromiter(self._renamed, dtype=np.int64,
                                                   count=len(self._renamed)))
            ranks[renamed] = UNRANKED
        return ranks

    def add_member(self, person_id: str, name: str | None) -> int:
        """Make sure a member exists (and has ``name`` unless it is ``None``); their dense
        number."""
        dense = self._slot(person_id)
        if dense is not None:
            self._gone.discard(dense)
        else:
            dense = len(self)
            self._extra_ids.append(person_id)
            self._extra_dense[person_id] = dense
        if name is not None and name != self.name(dense):
            self._renamed[dense] = name
        return dense

    def remove_member(self, person_id: str) -> None:
        """A deleted member: their friendships end and their id is unknown from now on."""
        dense = self.dense(person_id)
        if dense is None:
            return
        for friend in self.friends(dense).tolist():
            self.set_friends(dense, friend, False)
        self._gone.add(dense)

    def member_count(self) -> int:
        return len(self) - len(self._gone)

    def members(self) -> list[int]:
        """Every known member's dense number."""
        return [d for d in range(len(self)) if d not in self._gone]

    # ----- friendships ----------------------------------------------------------------
    def friends(self, dense: int) -> np.ndarray:
        """The member's friends, as a sorted array of dense numbers."""
        base = (self._indices[self._indptr[dense]:self._indptr[dense + 1]]
                if dense < self._base_count else EMPTY)
        added, removed = self._added.get(dense), self._removed.get(dense)
        if not added and not removed:
            return base
        current = set(base.tolist())
        if removed:
            current -= removed
        if added:
            current |= added
        return np.array(sorted(current), dtype=np.int32)

    def friend_set(self, dense: int) -> set[int]:
        return set(self.friends(dense).tolist())

    def are_friends(self, a: int, b: int) -> bool:
        if b in self._added.get(a, ()):
            return True
        if b in self._removed.get(a, ()):
            return False
        if a >= self._base_count:
            return False
        row = self._indices[self._indptr[a]:self._indptr[a + 1]]
        pos = int(np.searchsorted(row, b))
        return pos < len(row) and row[pos] == b

    def set_friends(self, a: int, b: int, friends: bool) -> None:
        """Make ``a`` and ``b`` friends (or not); a no-op when they already are (or not)."""
        if a == b or self.are_friends(a, b) == friends:
            return
        for x, y in ((a, b), (b, a)):
            grow, shrink = (self._added, self._removed) if friends else (self._removed, self._added)
            if y in shrink.get(x, ()):
                shrink[x].discard(y)
                if not shrink[x]:
                    del shrink[x]
                self.overlay_edges -= 1
            else:
                grow.setdefault(x, set()).add(y)
                self.overlay_edges += 1

    def frozen_copy(self) -> "FriendGraph":
        """A copy that later changes to this graph leave alone: the arrays are shared
        (never written in place), the overlay is copied (cost: the overlay's size)."""
        clone = copy.copy(self)
        clone._extra_ids = list(self._extra_ids)
        clone._extra_dense = dict(self._extra_dense)
        clone._renamed = dict(self._renamed)
        clone._added = {k: set(v) for k, v in self._added.items()}
        clone._removed = {k: set(v) for k, v in self._removed.items()}
        clone._gone = set(self._gone)
        return clone

    def compact(self) -> "FriendGraph":
        """A new snapshot with the overlay folded in (the old one stays valid for readers)."""
        kept = self.members()
        new_of = {old: new for new, old in enumerate(kept)}
        ids = [self.person_id(d) for d in kept]
        names = [self.name(d) for d in kept]
        src, dst = [], []
        for dense in kept:
            row = [new_of[f] for f in self.friends(dense).tolist() if f > dense]
            src.append(np.full(len(row), new_of[dense], dtype=np.int32))
            dst.append(np.array(row, dtype=np.int32))
        sources = np.concatenate(src) if src else EMPTY
        targets = np.concatenate(dst) if dst else EMPTY
        return FriendGraph.from_edges(ids, names, sources, targets)

    def edge_count(self) -> int:
        """Friendships (pairs) in the graph."""
        return (len(self._indices) + self.overlay_edges) // 2

    def nbytes(self) -> int:
        """Bytes held by the snapshot's arrays (the overlay is small and not counted)."""
        return sum(a.nbytes for a in (self._ids, self._sorted_ids, self._sorted_dense,
                                      self._indptr, self._indices, self._name_offsets,
                                      self._name_rank)) \
            + len(self._name_buffer)


def _pack_names(names: list[str]) -> tuple[bytes, np.ndarray]:
    encoded = [n.encode() for n in names]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return b"".join(encoded), offsets
