"""Conversation notifications, written as generic notices (``graph/notices/store.py``).

``actor`` is the label under which the recipient knows the other party: a pseudonym's
name for a candidate's counterpart (never the member's real name), the real name of a
recruiter or contact for the candidate. Conversations and reveals call ``notify`` inside
their own transactions, so the change and its notification commit together.
"""
from __future__ import annotations

from graph.base import utc_now
from graph.i18n import N_, msg
from graph.notices.store import add_notices, notice_row

TEXTS = {
    "conversation": N_("%(actor)s started a conversation with you."),
    "interest": N_("%(actor)s said “I'm interested — reveal”."),
    "withdrawn": N_("%(actor)s withdrew their interest."),
    "stage": N_("You and %(actor)s both agreed to go one reveal stage further."),
    "revealed": N_("You and %(actor)s both agreed: the identity is revealed."),
}
KINDS = tuple(TEXTS)


def notify(tx, person_id: str, kind: str, actor: str, conversation_id: str,
           now: str | None = None) -> None:
    """Inside a caller's transaction: tell ``person_id`` about ``kind`` by ``actor``,
    linking to the conversation."""
    if kind not in TEXTS:
        raise ValueError(f"unknown notification kind {kind!r}")
    row = notice_row(person_id, f"conversation.{kind}", msg(TEXTS[kind], actor=actor),
                     f"/messages/{conversation_id}")
    add_notices(tx, [row], now or utc_now())
