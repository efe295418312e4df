"""Template filters for pseudonyms and their coarse fields."""
from __future__ import annotations

from flask_babel import gettext as _

from graph.candidates import pseudonym_names
from graph.candidates.fields import INDUSTRIES, MEMBER_REACH, REGIONS, SENIORITY

from . import bp
from ..i18n.labels import label


@bp.app_template_filter("pseudonym_name")
def pseudonym_name(pseudonym: dict | None) -> str:
    """"令狐冲 Linghu Chong" (with a generation numeral where needed)."""
    if not pseudonym:
        return ""
    return pseudonym_names.display_name(pseudonym["hanzi"], pseudonym["pinyin"],
                                        pseudonym.get("generation") or 1)


@bp.app_template_filter("rank_label")
def rank_label(level: int | None) -> str:
    """"Level 3 · 一流高手 Yiliu Gaoshou (Master)"."""
    if not level:
        return ""
    rank = pseudonym_names.rank(level)
    # Chinese readers need neither the pinyin nor the English gloss of the rank's name.
    return _("Level %(level)s · %(hanzi)s %(pinyin)s (%(english)s)", level=rank.level,
             hanzi=rank.hanzi, pinyin=rank.pinyin, english=rank.english)


@bp.app_template_filter("seniority_label")
def seniority_label(key: str | None) -> str:
    return label(SENIORITY, key or "")


@bp.app_template_filter("industry_label")
def industry_label(key: str | None) -> str:
    return label(INDUSTRIES, key or "")


@bp.app_template_filter("region_label")
def region_label(key: str | None) -> str:
    return label(REGIONS, key or "")


@bp.app_template_filter("reach_label")
def reach_label(key: int | None) -> str:
    return label(MEMBER_REACH, key if key is not None else 0)
