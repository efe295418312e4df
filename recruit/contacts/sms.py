"""Sending the phone confirmation code.

There is no SMS gateway here: ``outbox`` writes each message to a file under
``SMS_OUTBOX_DIR`` (development), ``memory`` keeps them in the app (tests). A deployment
adds its gateway as one more backend.
"""
from __future__ import annotations

import logging
import secrets
from pathlib import Path

from flask import current_app

from graph.base import utc_now

logger = logging.getLogger(__name__)


def send_sms(number: str, text: str) -> None:
    """Deliver ``text`` to ``number`` (E.164) with the configured backend."""
    backend = current_app.config["SMS_BACKEND"]
    if backend == "memory":
        current_app.extensions.setdefault("sms_outbox", []).append({"to": number, "text": text})
        return
    if backend != "outbox":
        raise RuntimeError(f"unknown SMS_BACKEND {backend!r}")
    folder = Path(current_app.config["SMS_OUTBOX_DIR"])
    if not folder.is_absolute():
        folder = Path(current_app.root_path).parent / folder
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{utc_now().replace(':', '')}-{secrets.token_hex(4)}.txt"
    (folder / name).write_text(f"To: {number}\n\n{text}\n", encoding="utf-8")
    logger.info("SMS written to the outbox")  # never the number: it is contact data
