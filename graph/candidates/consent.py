"""Mutual consent to reveal a candidate's identity: a pure state machine.

Each side of a conversation (the candidate, the counterpart) can say "I'm interested —
reveal" and withdraw that again, until both have said it: at that moment the identity is
revealed, for good. After the reveal nothing changes any more.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from graph.errors import Duplicate, Invalid

CANDIDATE = "candidate"
COUNTERPART = "counterpart"
SIDES = (CANDIDATE, COUNTERPART)
INTEREST = "interest"
WITHDRAW = "withdraw"
ACTIONS = (INTEREST, WITHDRAW)


@dataclass(frozen=True)
class Consent:
    """Who has said they are interested, and whether the reveal has happened."""

    candidate: bool = False
    counterpart: bool = False
    revealed: bool = False

    def interested(self, side: str) -> bool:
        """Whether ``side`` has said it is interested."""
        return getattr(self, _checked(side))


def _checked(side: str) -> str:
    if side not in SIDES:
        raise ValueError(f"unknown side {side!r}")
    return side


def transition(state: Consent, side: str, action: str) -> Consent:
    """The state after ``side`` does ``action``; raises ``Duplicate`` (409) for a repeat
    of what is already so, ``Invalid`` (400) for withdrawing what was never given."""
    _checked(side)
    if state.revealed:
        raise Duplicate("The identity has been revealed already; this cannot change.")
    if action == INTEREST:
        if state.interested(side):
            raise Duplicate("You have already said you are interested.")
        after = replace(state, **{side: True})
        return replace(after, revealed=after.candidate and after.counterpart)
    if action == WITHDRAW:
        if not state.interested(side):
            raise Invalid("You have not said you are interested, so there is nothing to "
                          "withdraw.")
        return replace(state, **{side: False})
    raise ValueError(f"unknown action {action!r}")
