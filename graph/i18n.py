"""``N_``: marks a string for translation without translating it.

The data layer never imports Flask, yet some of its strings reach a reader (labels of
stored values, error messages, notices). ``N_`` lets ``scripts/i18n.sh`` extract them
into the catalogue; the web layer translates them when it shows them (docs/i18n.md).
"""
from __future__ import annotations

import json
from dataclasses import dataclass


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Return ``message`` unchanged; its only job is to be found by the extractor."""
    return message


@dataclass(frozen=True)
class Message:
    """A sentence kept as English templates and their parameters, so that it can be shown
    later in the reader's language (a notice is written once and read in whichever
    language its reader has then). Parts concatenate: ``msg(a) + msg(b)``.

    A parameter whose name ends in ``_label`` holds a label of the catalogue (a stage, a
    reason) and is translated too when the message is shown; one ending in ``_lowerlabel``
    likewise, and is shown in lower case (mid-sentence in English). One ending in
    ``_message`` holds another message's parts (``nested(message)``), shown in the same
    language (a saved filter's description inside an alert).
    """

    parts: tuple[tuple[str, dict], ...] = ()

    def __add__(self, other: "Message | str") -> "Message":
        extra = other.parts if isinstance(other, Message) else ((other, {}),)
        return Message(self.parts + extra)

    def english(self) -> str:
        """The sentence in English (what the API and the e-mails show)."""
        return english_of(self.parts)

    __str__ = english

    def to_json(self) -> str:
        """The stored form: ``[[template, params], ...]``."""
        return json.dumps([[template, params] for template, params in self.parts],
                          ensure_ascii=False)


def english_of(parts) -> str:
    """Message parts (``Message.parts`` or their stored JSON form) in English."""
    return "".join(template % lowered({name: english_of(value) if name.endswith("_message")
                                       else value for name, value in params.items()})
                   if params else template for template, params in parts)


def nested(message: Message) -> list:
    """``message`` as the value of a ``*_message`` parameter of another message."""
    return [[template, params] for template, params in message.parts]


def lowered(params: dict) -> dict:
    """``params`` with the ``*_lowerlabel`` values in lower case."""
    return {name: value.lower() if name.endswith("_lowerlabel") else value
            for name, value in params.items()}


def msg(template: str, **params) -> Message:
    """A ``Message`` of one part; ``template`` is extracted into the catalogue
    (``scripts/i18n.sh`` knows the ``msg`` keyword)."""
    return Message(((template, params),))
