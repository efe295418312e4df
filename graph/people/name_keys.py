"""Search keys of a member's name, computed when the name is written (sign-up, a name
change, the demo load, the start-up backfill) and indexed (``graph/schema.cypher``), so
that people search never converts names per query.

- ``nameLower``: the name case-folded ("马海燕", "emily carter"): Chinese characters and
  any substring of the name as written.
- ``namePinyin``: toneless pinyin without spaces ("mahaiyan"); a query is matched with
  its spaces and punctuation removed, so "ma haiyan", "Ma Haiyan" and "mahaiyan" all find
  马海燕. Latin names keep their letters ("emilycarter").
- ``nameInitials``: the first letter of each syllable ("mhy"), for names with Chinese
  characters only (on Latin names two letters would match half the members); matched by
  prefix.

A name whose surname reads differently as a surname (曾 zeng, not ceng; 单 shan) gets
both readings, separated by a space: a query (which has no spaces once compacted) can
match inside one reading but never across two.
"""
from __future__ import annotations

import re
import unicodedata

from pypinyin import lazy_pinyin

_HAN = re.compile(r"[\u3400-\u9fff]")
_NOT_LETTER = re.compile(r"[^a-z]")
_PINYIN_LIKE = re.compile(r"[a-z\u0300-\u036f' .\-]+")

# Common surnames whose reading as a surname differs from pypinyin's everyday reading.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha",
    "区": "ou", "盖": "ge", "乐": "yue", "覃": "qin", "翟": "zhai", "尉": "yu", "缪": "miao",
    "秘": "bi", "种": "chong", "繁": "po", "能": "nai", "召": "shao", "员": "yun",
    "万俟": "moqi", "尉迟": "yuchi", "长孙": "zhangsun", "令狐": "linghu",
}


def compact(text: str | None) -> str:
    """Letters only, case-folded and without accents: how pinyin keys and queries meet."""
    return _NOT_LETTER.sub("", unicodedata.normalize("NFKD", text or "").casefold())


def _syllables(name: str) -> list[str]:
    """Pinyin syllables of Chinese characters, letters-only words of anything else."""
    return [compact(part) for part in lazy_pinyin(name, errors=lambda s: s.split())
            if compact(part)]


def _readings(name: str) -> list[list[str]]:
    """The name's syllables as read normally and, when its surname reads otherwise,
    with the surname reading first."""
    usual = _syllables(name)
    for surname, reading in SURNAME_READINGS.items():
        if name.startswith(surname) and len(name) > len(surname):
            rest = _syllables(name[len(surname):])
            as_surname = [reading] + rest
            if as_surname != usual:
                return [as_surname, usual]
    return [usual]


def name_keys(name: str | None) -> dict[str, str | None]:
    """The search keys of ``name``: ``nameLower``, ``namePinyin`` (empty when the name
    has no letters nor Chinese characters) and ``nameInitials`` (None when the name has
    no Chinese characters)."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    readings = _readings(text) if text else []
    has_han = bool(_HAN.search(text))
    return {
        "nameLower": text.casefold(),
        "namePinyin": " ".join(dict.fromkeys("".join(r) for r in readings if r)),
        "nameInitials": (" ".join(dict.fromkeys("".join(s[0] for s in r)
                                                for r in readings if r)) or None)
        if has_han else None,
    }


def search_terms(query: str | None) -> dict[str, str]:
    """A people-search query as the search matches it: ``q`` (case-folded, for names as
    written, skills and companies), ``qCompact`` (letters only, for pinyin; empty unless
    the query is made of letters, spaces, apostrophes and hyphens) and ``qInitials``
    (the compact query when it is one short word, as initials are, else empty)."""
    text = unicodedata.normalize("NFKC", query or "").strip()
    # Only a query that could be pinyin (letters, spaces, apostrophes, hyphens) is matched
    # as pinyin: "person 12" must not widen to everyone whose name reads "person".
    letters = compact(text) if _PINYIN_LIKE.fullmatch(
        unicodedata.normalize("NFKD", text).casefold()) else ""
    return {"q": text.casefold(), "qCompact": letters,
            "qInitials": letters if 2 <= len(letters) <= 4 and " " not in text else ""}
