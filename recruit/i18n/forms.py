"""The language switch's form."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField

from .locale import SUPPORTED

# Each language is named in itself, so a reader finds theirs whatever the page's language.
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}


class LanguageForm(FlaskForm):
    """Choose the interface language; ``next`` is the page to go back to."""

    locale = SelectField(choices=[(code, LANGUAGE_NAMES[code]) for code in SUPPORTED])
    next = HiddenField()
