"""The pseudonym catalogue: wuxia characters by rank, and choosing a free one.

``pseudonym_names.json`` lists the characters (hanzi, pinyin, novel, author) and the five
ranks; a rank is an influence level (``graph.network.analysis``). Names are unique among *active*
pseudonyms: when every character of a rank is in use, the next one of that rank gets a
generation number ("令狐冲 II"), so the rank always matches the level and the catalogue
never runs out.
"""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from random import Random

NAMES_FILE = Path(__file__).with_name("pseudonym_names.json")
# 24 random bytes: 192 bits, well above the 128 the privacy rules ask for.
PUBLIC_ID_BYTES = 24
_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@dataclass(frozen=True)
class Character:
    """One character a pseudonym can be named after."""

    rank: int
    hanzi: str
    pinyin: str
    novel: str
    author: str


@dataclass(frozen=True)
class Rank:
    """A rank of the martial world, matching one influence level."""

    level: int
    hanzi: str
    pinyin: str
    english: str


@lru_cache(maxsize=1)
def _catalogue() -> tuple[dict[int, Rank], tuple[Character, ...]]:
    data = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    ranks = {row["level"]: Rank(**row) for row in data["ranks"]}
    characters = tuple(Character(**row) for row in data["characters"])
    return ranks, characters


def ranks() -> dict[int, Rank]:
    """Every rank by level."""
    return _catalogue()[0]


def rank(level: int) -> Rank:
    """The rank for ``level``, clamped to the ranks that exist."""
    known = ranks()
    return known[min(max(level, min(known)), max(known))]


def characters(level: int | None = None) -> tuple[Character, ...]:
    """All characters, or those of one rank."""
    every = _catalogue()[1]
    return every if level is None else tuple(c for c in every if c.rank == level)


def active_key(hanzi: str, generation: int) -> str:
    """The key that is unique among active pseudonyms (a constraint in the schema)."""
    return f"{hanzi}#{generation}"


def display_name(hanzi: str, pinyin: str, generation: int) -> str:
    """"令狐冲 Linghu Chong", with " II", " III"... from the second generation on."""
    suffix = ""
    if generation > 1:
        suffix = " " + (_ROMAN[generation] if generation < len(_ROMAN) else str(generation))
    return f"{hanzi} {pinyin}{suffix}"


def choose(level: int, taken: set[str], rng: Random | None = None) -> tuple[Character, int]:
    """A character of ``level``'s rank and a generation whose key is not in ``taken``.

    The first generation is used up before the second is handed out; within a
    generation the pick is uniformly random, so the name says nothing about when or by
    whom it was taken."""
    rng = rng or secrets.SystemRandom()
    pool = characters(rank(level).level)
    generation = 1
    while True:
        free = [c for c in pool if active_key(c.hanzi, generation) not in taken]
        if free:
            return rng.choice(free), generation
        generation += 1


def new_public_id() -> str:
    """A fresh random public id: no relation to the member, their id or a database id."""
    return secrets.token_urlsafe(PUBLIC_ID_BYTES)
