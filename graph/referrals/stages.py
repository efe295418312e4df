"""Referral stages and points: pure rules, no database.

A referral waits for its candidate (``awaiting_candidate``), who confirms it (``submitted``)
or declines it (``declined``). A confirmed referral then moves through the pipeline the
company's recruiters drive. Points are earned per stage *reached*: reaching ``offer``
straight from ``reviewing`` also counts ``interviewing``, because the candidate passed it.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from graph.i18n import N_

AWAITING = "awaiting_candidate"
DECLINED = "declined"
EXPIRED = "expired"
PIPELINE = ("submitted", "reviewing", "interviewing", "offer", "hired", "not_selected")
# The stages in the order a candidate reaches them; ``not_selected`` ends a referral
# without reaching anything.
PROGRESSION = ("submitted", "reviewing", "interviewing", "offer", "hired")
STAGE_LABELS = {
    AWAITING: N_("Waiting for the candidate"),
    DECLINED: N_("Candidate did not confirm"),
    EXPIRED: N_("Invitation expired"),
    "submitted": N_("Submitted"),
    "reviewing": N_("Reviewing"),
    "interviewing": N_("Interviewing"),
    "offer": N_("Offer"),
    "hired": N_("Hired"),
    "not_selected": N_("Not selected"),
}
# Nothing for submitting: points start once a recruiter has looked at the referral, so
# referring strangers in bulk earns nothing (see README, "Referrals and introductions").
DEFAULT_POINTS = {"submitted": 0, "reviewing": 5, "interviewing": 20, "offer": 50, "hired": 200}
# A later referral may take over an expired window only while the owner is idle.
IDLE_OWNER_STAGES = ("submitted", "not_selected")


def parse_points(raw: str | None, default: dict[str, int] = DEFAULT_POINTS) -> dict[str, int]:
    """Points per stage from ``"reviewing=5,hired=200"``; stages left out keep their
    default. Raises ``ValueError`` naming the problem (checked when the app starts)."""
    points = dict(default)
    for part in (raw or "").split(","):
        if not part.strip():
            continue
        stage, sep, value = part.partition("=")
        stage = stage.strip()
        if not sep or stage not in PROGRESSION:
            raise ValueError(f"REFERRAL_POINTS: {part.strip()!r} is not stage=points "
                             f"with a stage among {', '.join(PROGRESSION)}")
        if not value.strip().isdigit():
            raise ValueError(f"REFERRAL_POINTS: points for {stage} must be a whole number ≥ 0")
        points[stage] = int(value.strip())
    return points


def stages_reached(stage: str) -> tuple[str, ...]:
    """Every stage a referral has passed once it is at ``stage`` (none for not_selected)."""
    if stage not in PROGRESSION:
        return ()
    return PROGRESSION[:PROGRESSION.index(stage) + 1]


def awards_for(referral_id: str, stage: str, points: dict[str, int]) -> list[dict]:
    """The point awards a move to ``stage`` may create, one per stage reached that is
    worth points; each keyed ``referralId|stage`` so a constraint makes it once only."""
    return [{"key": f"{referral_id}|{s}", "stage": s, "points": points[s]}
            for s in stages_reached(stage) if points.get(s, 0) > 0]


def iso_after(now: str, days: int) -> str:
    """The ISO-8601 UTC timestamp ``days`` after ``now`` (same format as ``utc_now``)."""
    moment = datetime.fromisoformat(now) + timedelta(days=days)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def month_start(now: str) -> str:
    """The first instant of ``now``'s calendar month (UTC), for "this month" boards."""
    moment = datetime.fromisoformat(now).astimezone(timezone.utc)
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0).isoformat(
        timespec="seconds")
