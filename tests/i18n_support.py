"""Finding text a reader sees that is not marked for translation (docs/i18n.md).

Extraction (``scripts/i18n.sh extract``) only finds what is marked; these checks find what
is not: readable words in templates outside ``{% trans %}``/``_()``, and Python calls
that show a literal string to a reader without ``_()``/``_l()``/``N_()``.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TRANS_BLOCK = re.compile(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}", re.S)
TRANS_HEAD = re.compile(r"\{%-?\s*trans\b.*?%\}", re.S)
COMMENT = re.compile(r"\{#.*?#\}", re.S)
JINJA_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
HTML_TAG = re.compile(r"<[^>]*>", re.S)
WORD = re.compile(r"[A-Za-z]{2,}")
# Attributes whose value a reader sees (or hears, through a screen reader; data-label is
# the column name a phone shows beside a table cell).
READ_ATTRIBUTES = re.compile(r'\b(placeholder|title|aria-label|alt|data-label)\s*=\s*"([^"]*)"')
LITERAL = re.compile(r"""(['"])((?:(?!\1).)*)\1""")
# A literal is shown when it is the value of an output expression or of its else branch,
# or a label passed to the post_button macro; _() around it marks it.
SHOWN_LITERAL = re.compile(
    r"""(?:\{\{-?\s*|\belse\s+|post_button\([^)]*?,\s*)(['"])((?:(?!\1).)*[A-Za-z]{2,}(?:(?!\1).)*)\1""")
# In a {% trans %} head, a variable's literal value is shown as well.
HEAD_LITERAL = re.compile(
    r"""(?:\btrans\s+|,\s*)\w+=\s*(['"])((?:(?!\1).)*[A-Za-z]{2,}(?:(?!\1).)*)\1""")
# Attributes a reader never sees (their values may hold literals such as CSS classes).
UNSEEN_ATTRIBUTES = re.compile(r'\b(class|name|value|href|action|id|type|for|method)\s*=\s*"[^"]*"')
# Words that read the same in every language (brand-free technical tokens).
UNTRANSLATED_OK = {"vCard", "CSV", "PDF", "UTC", "API", "OpenAPI", "JSON", "E.164", "ID"}


def _without_ok_words(text: str) -> str:
    return " ".join(w for w in text.split() if w.strip(".,:;()") not in UNTRANSLATED_OK)


def unmarked_template_text(source: str) -> list[str]:
    """Snippets of ``source`` (a Jinja template) a reader would see untranslated."""
    source = COMMENT.sub("", source)
    found = []
    # Outside {% trans %} blocks, and in their heads (whose values are shown too).
    heads = " ".join(TRANS_HEAD.findall(source))
    outside = UNSEEN_ATTRIBUTES.sub(" ", TRANS_BLOCK.sub(" ", source))
    for match in [*SHOWN_LITERAL.finditer(outside + " " + heads), *HEAD_LITERAL.finditer(heads)]:
        text = match.group(2)
        if WORD.search(_without_ok_words(text)) and not re.fullmatch(r"[a-z0-9_.\- ]*[a-z]+[._-][a-z0-9_.\-]*", text):
            found.append(match.group(0))
    body = TRANS_BLOCK.sub(" ", source)
    for attribute in READ_ATTRIBUTES.finditer(body):
        value = JINJA_TAG.sub(" ", attribute.group(2))
        if WORD.search(_without_ok_words(value)):
            found.append(attribute.group(0))
    text = HTML_TAG.sub(" ", JINJA_TAG.sub(" ", body))
    for line in text.splitlines():
        if WORD.search(_without_ok_words(line)):
            found.append(line.strip())
    return found


def template_findings() -> dict[str, list[str]]:
    """``{template path: unmarked snippets}`` for every template with any."""
    findings = {}
    for path in sorted((ROOT / "templates").rglob("*.html")):
        snippets = unmarked_template_text(path.read_text(encoding="utf-8"))
        if snippets:
            findings[str(path.relative_to(ROOT))] = snippets
    return findings
