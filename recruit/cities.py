"""City autocomplete shared by every form with a city field (jobs, the job filters, the
profile): the ``<datalist>`` options from the city table (``graph.cities``).

A city field renders ``list="cities"`` (``CITY_INPUT``) and its template calls
``{{ city_datalist() }}`` from ``_cities.html`` once. An option's value is what the field
receives: the Chinese name on a Chinese page, else the English one; its label carries the
other spellings so that typing either finds it. Whatever the member types, the
repositories store the canonical key, so the choice of spelling never matters.
"""
from __future__ import annotations

from functools import lru_cache

from flask import Flask, request

from graph.cities import all_cities, find_city

DATALIST_ID = "cities"
# render_kw for a city StringField: the browser's own list, not its form history.
CITY_INPUT = {"list": DATALIST_ID, "autocomplete": "off"}


def _page_is_chinese() -> bool:
    """Whether the page is shown in Chinese: the app's locale when Flask-Babel is set up,
    else the browser's preference."""
    try:
        from flask_babel import get_locale  # present once the interface is translated
        locale = get_locale()
        if locale is not None:
            return locale.language == "zh"
    except (ImportError, KeyError, RuntimeError):
        pass
    return request.accept_languages.best_match(["en", "zh"]) == "zh"


@lru_cache(maxsize=2)
def _options(chinese: bool) -> tuple[tuple[str, str], ...]:
    return tuple((city.zh, f"{city.en} · {city.pinyin}") if chinese
                 else (city.en, f"{city.zh} · {city.pinyin}") for city in all_cities())


def city_options() -> tuple[tuple[str, str], ...]:
    """``(value, label)`` for every city of the table, in the page's language."""
    return _options(_page_is_chinese())


def city_name(raw: str | None) -> str:
    """A stored city in the page's language ("Shanghai" reads 上海 on a Chinese page); a
    city the table does not know stays as it was typed."""
    city = find_city(raw)
    return city.label(_page_is_chinese()) if city else (raw or "")


def init_cities(app: Flask) -> None:
    """Make ``city_options``, the ``city_name`` filter and the datalist id available to
    templates."""
    app.add_template_global(city_options)
    app.add_template_filter(city_name)
    app.add_template_global(DATALIST_ID, "city_datalist_id")
