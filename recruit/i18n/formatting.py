"""Numbers, money and dates in the reader's locale (CLDR data through Babel).

Chinese readers count large sums in 万 (ten thousand): a yearly salary of 400,000–550,000
yuan reads "40万–55万/年". English keeps the format the site always had
("CNY 400,000–550,000 / year") and ISO dates ("2026-11-28"), which English-speaking
recruiters read without ambiguity; Chinese dates read "2026年11月28日".
"""
from __future__ import annotations

from datetime import date, datetime

from babel.numbers import format_compact_decimal, format_decimal
from flask import Flask
from flask_babel import get_locale

CHINESE_DATE = "y年M月d日"


def _locale() -> str:
    """"zh_CN" or "en" (Babel parses zh_CN to zh_Hans_CN)."""
    locale = get_locale()
    return "zh_CN" if locale is not None and locale.language == "zh" else "en"


def number(value: int | float | None) -> str:
    """A count or amount with the locale's grouping ("12,345")."""
    if value is None:
        return ""
    return format_decimal(value, locale=_locale())


def _amount_zh(value: int) -> str:
    """An amount in 万 from ten thousand up ("40万", "42.5万"), plain below."""
    if abs(value) < 10_000:
        return format_decimal(value, locale="zh_CN")
    return format_compact_decimal(value, format_type="short", locale="zh_CN",
                                  fraction_digits=1)


def salary_range(low: int | None, high: int | None, currency: str | None) -> str:
    """A yearly salary range: "40万–55万/年" (CNY, Chinese), "USD 12万–15万/年" (another
    currency, Chinese), "CNY 400,000–550,000 / year" (English)."""
    if low is None or high is None:
        return ""
    if _locale().startswith("zh"):
        prefix = "" if (currency or "CNY") == "CNY" else f"{currency} "
        return f"{prefix}{_amount_zh(low)}–{_amount_zh(high)}/年"
    return f"{currency} {format_decimal(low, locale='en')}–{format_decimal(high, locale='en')} / year"


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def day(value) -> str:
    """The calendar day of an ISO timestamp or date: "2026年11月28日" / "2026-11-28"."""
    found = _as_date(value)
    if found is None:
        return str(value or "")
    if _locale().startswith("zh"):
        from babel.dates import format_date
        return format_date(found, CHINESE_DATE, locale="zh_CN")
    return found.isoformat()


def minute(value) -> str:
    """Day and time (UTC) of an ISO timestamp: "2026年11月28日 14:05" / "2026-11-28 14:05"."""
    text = str(value or "")
    found = _as_date(text)
    if found is None or len(text) < 16:
        return day(value)
    return f"{day(found)} {text[11:16]}"


def register_filters(app: Flask) -> None:
    """``|day``, ``|minute``, ``|number`` and the ``salary_range`` global for templates."""
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["minute"] = minute
    app.jinja_env.filters["number"] = number
    app.jinja_env.globals["salary_range"] = salary_range
