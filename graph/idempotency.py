"""Idempotency keys for writes a client may send twice.

A form that changes something carries a random ``request_id`` (rendered with the form).
The write claims ``(:WriteToken {key})`` under a uniqueness constraint in the same
transaction as the change and records its result there. A double submit, or a retry
after a timeout whose first attempt did commit, finds the token taken and gets the first
attempt's result back (``AlreadyApplied``) instead of applying the change again, and
the view answers as it did the first time, without repeating side effects such as mail. A first attempt that did
not commit left no token (the transaction is all or nothing), so the retry applies it.

Tokens are kept for ``TOKEN_LIFETIME_HOURS`` and pruned by the scheduler.
"""
from __future__ import annotations

import json
import re
from typing import Any

from graph.errors import Invalid

TOKEN_LIFETIME_HOURS = 24
REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")

CLAIM_WRITE_TOKEN = "CREATE (:WriteToken {key: $key, createdAt: $now})"
RECORD_RESULT = "MATCH (t:WriteToken {key: $key}) SET t.result = $result"
READ_RESULT = "MATCH (t:WriteToken {key: $key}) RETURN t.result AS result"
PRUNE_TOKENS = """
MATCH (t:WriteToken) WHERE t.createdAt < $before
WITH t LIMIT $batch
DELETE t
RETURN count(*) AS pruned
"""


class AlreadyApplied(Exception):
    """This write was applied before under the same idempotency key; ``result`` is what
    the first attempt returned (as JSON keeps it)."""

    def __init__(self, result: Any):
        super().__init__("already applied")
        self.result = result


def write_key(kind: str, member_id: str, request_id: str | None) -> str | None:
    """The token key of one member's write of one kind, or None when the request carried
    no id (such a write is applied as before, without protection against repeats).
    Scoped by member so one member's id can never block another's write."""
    if not request_id:
        return None
    if not REQUEST_ID.fullmatch(request_id):
        raise Invalid("This form is damaged. Reload the page and send it again.")
    return f"{kind}|{member_id}|{request_id}"


def encode_result(result: Any) -> str:
    """The result as stored on the token; what JSON cannot hold is stored as null."""
    try:
        return json.dumps(result)
    except TypeError:
        return "null"


def run_once(tx, key: str, now: str, work, args: tuple, kwargs: dict) -> Any:
    """Claim ``key`` (a ``ConstraintError`` if taken), do ``work`` in the same transaction
    and record its result on the token."""
    tx.run(CLAIM_WRITE_TOKEN, key=key, now=now).consume()
    result = work(tx, *args, **kwargs)
    tx.run(RECORD_RESULT, key=key, result=encode_result(result)).consume()
    return result


def stored_result(tx, key: str) -> tuple[bool, Any]:
    """``(True, result)`` when ``key`` was applied, ``(False, None)`` otherwise."""
    record = tx.run(READ_RESULT, key=key).single()
    if record is None:
        return False, None
    return True, json.loads(record["result"] or "null")


def prune_tokens(tx, before: str, batch: int) -> int:
    """Delete up to ``batch`` tokens created before ``before``."""
    return tx.run(PRUNE_TOKENS, before=before, batch=batch).single()["pruned"]
