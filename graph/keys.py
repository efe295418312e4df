"""Normalised keys for shared nodes: "Acme", " acme " and "ACME" are one company."""
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def display_name(raw: str) -> str:
    """Trim and collapse inner whitespace, keeping the member's casing for display."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", raw or "")).strip()


def normalised_key(raw: str) -> str:
    """The uniqueness key of a company, school or skill: NFKC, case-folded, single spaces."""
    return display_name(raw).casefold()


def pair_key(first_id: str, second_id: str) -> str:
    """The order-free key of a pair of members, used to make friendships unique."""
    low, high = sorted((first_id, second_id))
    return f"{low}|{high}"
