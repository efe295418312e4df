"""The Chinese catalogue covers every string a reader sees (docs/i18n.md).

Three checks, none needing the database:
- every string the extractor finds (``scripts/i18n.sh extract``, run here into a temporary
  folder) is in ``translations/zh/LC_MESSAGES/messages.po``, translated, not fuzzy, and
  its translation uses no placeholder the English does not have;
- no template shows readable text outside ``{% trans %}`` / ``_()``;
- no Python call that shows a string to a reader (flash, form labels and validator
  messages, ValidationError, abort, domain and parse errors) is given an unmarked literal.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.i18n_support import ROOT, template_findings, unmarked_template_text

# The zh_CN locale parses to zh_Hans_CN, which gettext looks up as "zh" (docs/i18n.md).
CATALOGUE = ROOT / "translations" / "zh" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The strings the sources mark, extracted now (not the committed catalogue's view)."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(["bash", str(ROOT / "scripts" / "i18n.sh"), "extract", str(pot)],
                   check=True, env={"PYBABEL": str(pybabel), "PATH": "/usr/bin:/bin"})
    with pot.open("rb") as handle:
        return [message for message in read_po(handle) if message.id]


@pytest.fixture(scope="module")
def chinese():
    with CATALOGUE.open("rb") as handle:
        return read_po(handle, locale="zh_CN")


def _strings(message) -> tuple:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def test_extraction_finds_the_strings_of_every_layer(extracted):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in extracted}
    # A template, a flash message, a form label, a domain error of graph/, a label of graph/.
    for expected in ("People you may know", "Profile saved.", "Full name", "No such member.",
                     "Open to offers"):
        assert expected in ids
    assert len(ids) > 1000


def test_every_extracted_string_is_translated_into_chinese(extracted, chinese):
    missing, untranslated, fuzzy, bad_placeholders = [], [], [], []
    for message in extracted:
        found = chinese.get(message.id)
        if found is None:
            missing.append(message.id)
            continue
        if not all(s.strip() for s in _strings(found)):
            untranslated.append(message.id)
        if found.fuzzy:
            fuzzy.append(message.id)
        english = set(PLACEHOLDER.findall(" ".join(message.id if isinstance(message.id, tuple)
                                                   else (message.id,))))
        for text in _strings(found):
            if not set(PLACEHOLDER.findall(text)) <= english:
                bad_placeholders.append(message.id)
    assert not missing, f"not in the zh_CN catalogue (run scripts/i18n.sh update): {missing[:20]}"
    assert not untranslated, f"untranslated in zh_CN: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy in zh_CN: {fuzzy[:20]}"
    assert not bad_placeholders, f"placeholders the English lacks: {bad_placeholders[:20]}"


def test_chinese_translations_are_chinese(extracted, chinese):
    """A translation copied from the English (a common slip) is caught, except for the
    few strings that are the same in both (codes, file names, media types). Placeholders
    are not text: a message of placeholders and punctuation only (``%(text)s``, `` · ``)
    has nothing to translate."""
    def text(message_id) -> str:
        return PLACEHOLDER.sub("", " ".join(_strings(chinese.get(message_id))))

    same = [m.id for m in extracted
            if chinese.get(m.id) is not None
            and re.search(r"[A-Za-z]{3,}", text(m.id))
            and not re.search(r"[\u4e00-\u9fff]", text(m.id))]
    allowed = {"JSON API", "/api/v1/openapi.json", "POST /api/v1/auth/login",
               "application/problem+json", "name,phone,email", "email", "following",
               "following.json", "%(value)s · %(sentAt)s UTC", "· %(createdAt)s UTC",
               "Authorization: Bearer &lt;token&gt;", "%(name)s (%(caption)s)"}
    assert sorted(set(same) - allowed) == []


def test_no_template_shows_unmarked_text():
    assert template_findings() == {}


def test_the_template_check_finds_unmarked_text():
    assert unmarked_template_text("<p>Hello</p>") == ["Hello"]
    assert unmarked_template_text('<input placeholder="Your name">') == ['placeholder="Your name"']
    assert unmarked_template_text("{{ 'Yes' if ok else 'No' }}") == ["{{ 'Yes'", "else 'No'"]
    assert unmarked_template_text("<p>{% trans %}Hello{% endtrans %} {{ _('Yes') }}</p>") == []


# Calls that show their message argument (by position, or keyword) to a reader.
_FIELDS = {"BooleanField", "EmailField", "FileField", "HiddenField", "IntegerField",
           "PasswordField", "RadioField", "RegionField", "SearchField", "SelectField",
           "SelectMultipleField", "StringField", "TextAreaField", "DateField", "URLField"}
_VALIDATORS = {"DataRequired": 0, "InputRequired": 0, "Email": 0, "FileRequired": 0,
               "EqualTo": 1, "Regexp": 2, "Length": 2, "NumberRange": 2, "AnyOf": 1,
               "NoneOf": 1, "FileAllowed": 1}
_ERRORS = {"NotFound", "Invalid", "Forbidden", "Duplicate", "TooMany", "ParseError",
           "TooManyImports", "TooManyArchives"}
_READABLE = re.compile(r"[A-Za-z]{2,}")


def _name(func) -> str | None:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def _shown_arguments(call: ast.Call) -> list[tuple[ast.AST, bool]]:
    """(argument, may it be a plain literal?) for the arguments ``call`` shows."""
    name = _name(call.func)
    if name == "append" and getattr(call.func.value, "attr", None) == "errors" and call.args:
        return [(call.args[0], False)]  # form.field.errors.append(...)
    if name in ("flash", "ValidationError") and call.args:
        return [(call.args[0], False)]
    if name == "abort" and len(call.args) > 1:
        return [(call.args[1], False)]
    if name in _FIELDS:
        shown = [(call.args[0], False)] if call.args else []
        return shown + [(k.value, False) for k in call.keywords if k.arg in ("label", "description")]
    if name in _VALIDATORS:
        position = _VALIDATORS[name]
        shown = [(call.args[position], False)] if len(call.args) > position else []
        return shown + [(k.value, False) for k in call.keywords if k.arg == "message"]
    if name == "notice_row" and len(call.args) > 2:
        # A notice's text: a graph.i18n.msg(...) (or a variable holding one), never a
        # plain or f-string sentence, which would stay English for every reader.
        return [(call.args[2], False)]
    if name in _ERRORS and call.args:
        # A literal is extracted by its class name (scripts/i18n.sh); an f-string is not.
        return [(call.args[0], True)]
    return []


def _unmarked(node: ast.AST, literal_ok: bool) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return not literal_ok and bool(_READABLE.search(node.value))
    if isinstance(node, ast.BinOp):  # "..." + x
        return any(_unmarked(side, False) for side in (node.left, node.right))
    if isinstance(node, ast.IfExp):  # "..." if x else "..."
        return any(_unmarked(side, literal_ok) for side in (node.body, node.orelse))
    return False


def python_findings() -> list[str]:
    """``path:line`` of every shown argument that is not marked for translation."""
    found = []
    for folder in ("recruit", "graph"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "api" in path.relative_to(ROOT).parts:
                continue  # the JSON API answers in English (docs/i18n.md)
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for call in ast.walk(tree):
                if isinstance(call, ast.Call):
                    for argument, literal_ok in _shown_arguments(call):
                        if _unmarked(argument, literal_ok):
                            found.append(f"{path.relative_to(ROOT)}:{argument.lineno}")
    return found


def test_no_python_call_shows_an_unmarked_string():
    assert python_findings() == []
