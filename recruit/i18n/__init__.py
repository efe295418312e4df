"""Languages: the locale of each request, the language switch and locale-aware formatting.

The interface speaks Simplified Chinese (``zh_CN``) and English (``en``); English is the
source language of every string, so only Chinese has a catalogue,
``translations/zh/LC_MESSAGES/messages.po`` (``zh_CN`` parses to ``zh_Hans_CN``, which
gettext looks up as ``zh_Hans_CN`` then ``zh``). How a request's language is chosen and
how catalogues are built: ``docs/i18n.md``.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask
from flask_babel import Babel

from .locale import html_lang, select_locale

bp = Blueprint("i18n", __name__)

babel = Babel()

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "translations"


def init_i18n(app: Flask) -> None:
    """Bind Flask-Babel to ``app``: the locale selector, the catalogues, the Jinja i18n
    extension (``{% trans %}`` blocks trimmed, as ``babel.cfg`` extracts them) and the
    formatting filters."""
    from . import formatting, labels, routes  # noqa: F401 - routes register on bp

    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS_DIR))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.globals["html_lang"] = html_lang
    app.jinja_env.globals["notice_text"] = labels.message_text
    app.jinja_env.filters["shown"] = labels.message_shown
    app.jinja_env.filters["translated"] = labels.translated
    formatting.register_filters(app)
    app.register_blueprint(bp)
