"""Normalised keys for shared nodes: "Acme", " acme " and "ACME" are one company.

Company names are also *folded* for the tie rule (``graph.companies.ties``), so that
every spelling of one employer meets in one key: "X Industries Inc.", "X Industries,
Inc." and "ＸIndustries" fold to ``xindustries``; "阿里巴巴集团" and "阿里巴巴（中国）有限公司"
to ``阿里巴巴``. The fold errs on the side of matching: a missed match shows a candidate
to their employer, an extra one only hides them from a near-namesake.
"""
import re
import unicodedata

# Legal forms and group words, matched as whole trailing words (Latin) or as trailing
# characters (Chinese), repeatedly: "Foo Group Co., Ltd." loses all three.
LATIN_SUFFIXES = (
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "co", "company", "corp",
    "corporation", "gmbh", "ag", "sa", "bv", "nv", "pte", "pty", "kk", "group", "holdings",
)
CHINESE_SUFFIXES = (
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司", "(中国)", "中国",
)

_LATIN_TAIL = re.compile(r"(?:[\s,.&]+|^)(?:" + "|".join(LATIN_SUFFIXES) + r")\.?$")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)

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


def _strip_suffixes(name: str) -> str:
    while True:
        before = name
        name = name.strip(" ,.-&")
        name = _LATIN_TAIL.sub("", name)
        for suffix in CHINESE_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                name = name[: -len(suffix)]
        if name == before:
            return name


def fold_name(raw: str | None) -> str:
    """The folded key of a company name: NFKC (full-width to half-width), case-folded,
    legal suffixes removed, punctuation and spaces dropped. Empty when nothing is left."""
    name = unicodedata.normalize("NFKC", raw or "").casefold().strip()
    name = name.replace("（", "(").replace("）", ")")
    stripped = _strip_suffixes(name)
    folded = _NOT_WORD.sub("", stripped)
    # A name that is only a legal form ("Group Ltd.") keeps its letters rather than
    # folding to nothing and matching every other such name.
    return folded or _NOT_WORD.sub("", name)


def name_key(name: str | None) -> str | None:
    """The ``n:`` tie key of a company name, or None when it folds to nothing."""
    folded = fold_name(name)
    return "n:" + folded if folded else None
