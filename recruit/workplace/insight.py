"""Company insight in other features' pages, as template globals: the company page's
"What employees say" section and the two topics on job cards (one query per list)."""
from __future__ import annotations

from ..extensions import graph
from . import bp


@bp.app_template_global()
def workplace_insight(company_id: str) -> dict:
    """What a company's verified employees say (``graph.workplace.insight``)."""
    return graph().workplace_insight.company(company_id)


@bp.app_template_global()
def employees_say(rows: list[dict]) -> dict[str, list[str]]:
    """Company id → its two most-reacted topics, for a list of job rows (``row.company``)."""
    return graph().workplace_insight.top_topics(
        [(row.get("company") or {}).get("id") for row in rows])
