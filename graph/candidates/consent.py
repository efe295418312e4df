"""Mutual consent to reveal a candidate's identity, in stages: a pure state machine.

The reveal goes in three stages (docs/trust.md): 1. industry and level, 2. current company
and title, 3. name and full profile. For each stage, each side of a conversation (the
candidate, the counterpart) can say "I'm interested — reveal" and withdraw that again,
until both have said it: at that moment the stage is reached, for good, and both sides
start again from "not yet" for the next one. After the last stage nothing changes any more.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from graph.i18n import N_
from graph.errors import Duplicate, Invalid

CANDIDATE = "candidate"
COUNTERPART = "counterpart"
SIDES = (CANDIDATE, COUNTERPART)
INTEREST = "interest"
WITHDRAW = "withdraw"
ACTIONS = (INTEREST, WITHDRAW)
# What each stage reveals to the counterpart.
STAGES = {1: N_("industry and level"), 2: N_("current company and title"),
          3: N_("name and full profile")}
LAST_STAGE = max(STAGES)


@dataclass(frozen=True)
class Consent:
    """Who has said they are interested in the next stage, the stage reached, and whether
    the identity (the last stage) is revealed."""

    candidate: bool = False
    counterpart: bool = False
    revealed: bool = False
    stage: int = 0

    def interested(self, side: str) -> bool:
        """Whether ``side`` has said it is interested."""
        return getattr(self, _checked(side))


def _checked(side: str) -> str:
    if side not in SIDES:
        raise ValueError(f"unknown side {side!r}")
    return side


def transition(state: Consent, side: str, action: str) -> Consent:
    """The state after ``side`` does ``action``; raises ``Duplicate`` (409) for a repeat
    of what is already so, ``Invalid`` (400) for withdrawing what was never given. When
    both sides are interested, the next stage is reached and both start again."""
    _checked(side)
    if state.revealed:
        raise Duplicate("The identity has been revealed already; this cannot change.")
    if action == INTEREST:
        if state.interested(side):
            raise Duplicate("You have already said you are interested.")
        after = replace(state, **{side: True})
        if not (after.candidate and after.counterpart):
            return after
        stage = state.stage + 1
        return Consent(stage=stage, revealed=stage >= LAST_STAGE)
    if action == WITHDRAW:
        if not state.interested(side):
            raise Invalid("You have not said you are interested, so there is nothing to "
                          "withdraw.")
        return replace(state, **{side: False})
    raise ValueError(f"unknown action {action!r}")
