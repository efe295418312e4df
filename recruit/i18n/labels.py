"""Display labels that the data layer defines in English (marked with ``graph.i18n.N_``)
and the web layer shows in the reader's language."""
from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from flask_babel import gettext, lazy_gettext

from graph.i18n import Message, lowered


class TranslatedLabels(Mapping):
    """A read-only view of ``{key: English label}`` whose labels are translated into the
    current request's language when read (``labels.get(key, default)`` in templates)."""

    def __init__(self, labels: Mapping):
        self._labels = labels

    def __getitem__(self, key):
        return gettext(self._labels[key])

    def __iter__(self) -> Iterator:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)


def lazy_choices(labels: Mapping, keys=None) -> list[tuple]:
    """``(key, label)`` choices for a form field defined at import time: each label is
    translated when the form is rendered, in that request's language."""
    return [(key, lazy_gettext(labels[key])) for key in (labels if keys is None else keys)]


def label(labels: Mapping, key, default: str = "") -> str:
    """The translated label of ``key``, or ``default`` when there is none."""
    return gettext(labels[key]) if key in labels else default


def translated(text: str) -> str:
    """``text`` (a value that may be a catalogue label) in the reader's language, as plain
    text that the template escapes. In templates use ``{{ value|translated }}``, never
    ``{{ _(value) }}``: Jinja marks what ``_()`` returns as safe markup, which is right for
    a literal but not for data."""
    return gettext(text) if text else ""


def error_text(error) -> str:
    """A domain error's message (``graph.errors.DomainError``) in the reader's language."""
    return gettext(error.template, **error.params)


def message_text(stored: str | None, english: str = "") -> str:
    """A stored ``graph.i18n.Message`` (its JSON) in the reader's language; ``english``
    when there is none (notices written before messages were stored)."""
    if not stored:
        return english
    return _shown(json.loads(stored))


def message_shown(message: Message) -> str:
    """A ``graph.i18n.Message`` built by the data layer, in the reader's language."""
    return _shown(message.parts)


def _shown(parts) -> str:
    shown = []
    for template, params in parts:
        params = lowered({name: gettext(value) if name.endswith(("_label", "_lowerlabel"))
                          else _shown(value) if name.endswith("_message")
                          else value for name, value in params.items()})
        shown.append(gettext(template, **params) if params else gettext(template))
    return "".join(shown)
