"""The workplace channel's pure parts: the word filter and the keyed hashes (no database)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.workplace.anonymity import (author_key, current_hour, derive_key, new_handle,
                                       thread_key)
from graph.workplace.masking import mask_text


@pytest.mark.parametrize("text, hidden, mask", [
    ("write to li.wei@acme.example now", "li.wei@acme.example", "[e-mail removed]"),
    ("my number 13800138000", "13800138000", "[phone removed]"),
    ("call +86 (21) 5555-0199 today", "5555-0199", "[phone removed]"),
    ("身份证 110105194912310021 号", "110105194912310021", "[ID number removed]"),
    ("ID 11010519491231002x", "11010519491231002x", "[ID number removed]"),
    ("what a retard", "retard", "***"),
    ("他是个傻逼", "傻逼", "***"),
])
def test_personal_data_and_slurs_are_masked(text, hidden, mask):
    masked = mask_text(text)
    assert hidden not in masked and mask in masked


@pytest.mark.parametrize("text", ["We got 3 weeks off in 2026.", "Salary 25000 per month",
                                  "Team of 12, 40% remote"])
def test_ordinary_numbers_stay(text):
    assert mask_text(text) == text


def test_keyed_hashes_depend_on_the_key_and_separate_threads():
    key, other = derive_key("secret"), derive_key("secret", "dedicated")
    assert key != other and derive_key("secret") == key
    assert author_key(key, "m1") == author_key(key, "m1") != author_key(other, "m1")
    assert "m1" not in author_key(key, "m1")
    assert thread_key(key, "post-a", "m1") != thread_key(key, "post-b", "m1")


def test_handles_are_random_and_hours_have_no_minutes():
    assert len({new_handle() for _ in range(200)}) > 190
    shown, hours = current_hour()
    assert shown.endswith(":00 UTC") and isinstance(hours, int)


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz 公司老板加班", min_size=0, max_size=30)
_EMAILS = st.from_regex(r"[a-z][a-z0-9.]{1,10}@[a-z]{2,10}\.(com|cn|example)", fullmatch=True)
_PHONES = st.from_regex(r"(\+86 ?)?1[3-9]\d( ?\d{4}){2}", fullmatch=True)
_IDS = st.from_regex(r"[1-6]\d{16}[\dX]", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(before=_WORDS, secret=st.one_of(_EMAILS, _PHONES, _IDS), after=_WORDS)
def test_no_contact_data_survives_the_filter(before, secret, after):
    """Whatever surrounds it, an e-mail, a mainland mobile number or a resident ID number
    written into a post is gone after masking."""
    masked = mask_text(f"{before} {secret} {after}")
    assert secret not in masked
    assert secret.replace(" ", "") not in masked.replace(" ", "")
