"""The city table (``cities.csv``, built by ``scripts/build_cities.py``): every Chinese
prefecture-level city and municipality, Hong Kong, Macau, Taiwan's main cities and major
world cities, each with a canonical key, Chinese and English names, toneless pinyin and a
coarse region.

A city typed in any of its spellings ("上海", "上海市", "Shanghai", "shanghai", "SHANG HAI")
resolves to one ``City``; jobs and profiles store its key (``cityKey``) so that filters
match every spelling alike. A city missing from the table stays free text: its key is
``graph.keys.normalised_key`` of what was typed, as before the table existed.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph.keys import display_name, normalised_key

TABLE = Path(__file__).with_name("cities.csv")
# Administrative suffixes a member may type after a Chinese city name.
_ZH_SUFFIXES = ("特别行政区", "市")
_HAN = re.compile(r"[\u3400-\u9fff]")
_NOT_LETTER = re.compile(r"[^a-z]")


@dataclass(frozen=True)
class City:
    """One row of the table."""

    key: str
    zh: str
    en: str
    pinyin: str
    region: str
    province: str

    def label(self, chinese: bool) -> str:
        """The name to show: Chinese or English."""
        return self.zh if chinese else self.en


def _latin_form(text: str) -> str:
    """Letters only, case-folded: "Xi'an", "xian" and "XI AN" meet."""
    return _NOT_LETTER.sub("", unicodedata.normalize("NFKD", text).casefold())


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[City, ...], dict[str, City]]:
    with TABLE.open(encoding="utf-8") as handle:
        cities = tuple(City(**row) for row in csv.DictReader(handle))
    lookup: dict[str, City] = {}
    # Later spellings never displace earlier ones: a city's own key wins over another
    # city's pinyin (苏州 keeps "suzhou", 宿州 is "suzhou-anhui" or "宿州").
    for city in cities:
        lookup.setdefault(city.key, city)
        lookup.setdefault(city.zh, city)
    for city in cities:
        for spelling in (_latin_form(city.en), city.pinyin):
            lookup.setdefault(spelling, city)
    return cities, lookup


def all_cities() -> tuple[City, ...]:
    """Every city of the table, Chinese cities first (by administrative code), then the
    curated ones."""
    return _table()[0]


def find_city(raw: str | None) -> City | None:
    """The city ``raw`` names in any spelling, or None when it is not in the table."""
    text = display_name(raw or "")
    if not text:
        return None
    lookup = _table()[1]
    if _HAN.search(text):
        name = text.replace(" ", "")
        for suffix in _ZH_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                name = name[: -len(suffix)]
        return lookup.get(name)
    return lookup.get(normalised_key(text)) or lookup.get(_latin_form(text))


def city_key(raw: str | None) -> str:
    """The canonical key of a city as typed: the table's key when it is known, else the
    normalised free text (empty for nothing)."""
    city = find_city(raw)
    return city.key if city else normalised_key(raw or "")


def canonical_city(raw: str | None) -> tuple[str, str]:
    """``(display name, key)`` to store for a typed city: a known city in the table's
    spelling, Chinese when it was typed in Chinese; an unknown one as typed (trimmed)."""
    city = find_city(raw)
    if city is None:
        return display_name(raw or ""), normalised_key(raw or "")
    return city.label(bool(_HAN.search(raw or ""))), city.key


def region_of_city(raw: str | None) -> str | None:
    """The region key of a known city, or None."""
    city = find_city(raw)
    return city.region if city else None
