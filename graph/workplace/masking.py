"""The word filter: personal data and slurs are masked before a post or comment is stored.

Masked: e-mail addresses, Chinese resident ID numbers (and other long digit runs), phone
numbers (seven digits or more, with the usual separators), and a short list of slurs. The
filter errs towards masking: a long number in a post about pay is masked too.
"""
from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# 18-character resident ID (17 digits + digit or X), or any run of 15+ digits.
ID_NUMBER = re.compile(r"(?<![\dA-Za-z])(?:\d{17}[\dXx]|\d{15,})(?![\dA-Za-z])")
PHONE = re.compile(r"(?<![\w+])\+?\d(?:[\d\s().-]{5,18})\d(?!\w)")
# Kept short and by hand; matched case-insensitively as whole words (or anywhere, in Chinese).
SLURS = ("nigger", "faggot", "retard", "chink", "tranny", "kike", "spic")
SLURS_ZH = ("傻逼", "脑残", "婊子", "支那")
SLUR = re.compile(r"\b(?:" + "|".join(SLURS) + r")s?\b|" + "|".join(SLURS_ZH), re.IGNORECASE)

EMAIL_MASK = "[e-mail removed]"
ID_MASK = "[ID number removed]"
PHONE_MASK = "[phone removed]"
SLUR_MASK = "***"


def _mask_phone(match: re.Match) -> str:
    digits = sum(ch.isdigit() for ch in match.group(0))
    return PHONE_MASK if digits >= 7 else match.group(0)


def mask_text(text: str) -> str:
    """``text`` with e-mails, ID numbers, phone numbers and slurs masked."""
    text = EMAIL.sub(EMAIL_MASK, text)
    text = ID_NUMBER.sub(ID_MASK, text)
    text = PHONE.sub(_mask_phone, text)
    return SLUR.sub(SLUR_MASK, text)
