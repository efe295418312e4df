"""Contacts for the Q3 bench: the members' match keys, and generated address books.

Every bench member gets the match keys the app would give them: an e-mail key (their
sign-up address, as ``recruit.contacts.email_keys`` builds it) and, for two members in
three, a confirmed mobile number (``+86 138`` and the member index in 8 digits; no
generated unknown contact uses the 138 prefix). Digests are the app's
``HMAC-SHA256(key, kind:value)`` with a FIXED bench key: the bench's gunicorn gets the
same key as ``CONTACT_HMAC_KEY``, so its imports match too.

``address_book`` writes a vCard 3.0 file as phones export it, with known answers: which
members it must match.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

from recruit.contacts.digests import digest, secret_from_config
from recruit.contacts.normalise import normalise_email

from . import vocab
from .dataset import Dataset

# Bump when the keys change (key, values or who has a phone): a reused bench database
# whose marker holds another version gets its keys rebuilt (see bench.loader).
MATCH_KEYS_VERSION = 1
BENCH_CONTACT_HMAC_KEY = "recruit-bench-contact-hmac-2026"
SECRET = secret_from_config({"CONTACT_HMAC_KEY": BENCH_CONTACT_HMAC_KEY})
MATCHED_SHARE = 0.3          # of an address book's entries that are members
FRIENDS_SHARE = 0.5          # of those, at most this share are already friends
SERVICE_NUMBERS = ("10086", "95588", "12306")   # not phone numbers: skipped by the app


def has_phone(member: int) -> bool:
    """Two members in three confirmed a phone number."""
    return member % 3 != 2


def member_phone(member: int) -> str:
    """The member's confirmed number in E.164 (valid for up to 10^8 members)."""
    return f"+86138{member:08d}"


def match_key_rows(data: Dataset) -> Iterator[list]:
    """[person id, digest, kind, hint] for every key of every member."""
    for i in range(data.n):
        email = normalise_email(data.email(i))   # as recruit.contacts.email_keys does
        yield [data.ids[i], digest(SECRET, "email", email), "email", None]
        if has_phone(i):
            phone = member_phone(i)
            yield [data.ids[i], digest(SECRET, "phone", phone), "phone", hint(phone)]


def hint(phone: str) -> str:
    """``recruit.contacts.normalise.phone_hint`` for a bench number, without parsing it
    again (a million parses would slow the load down); the test checks they agree."""
    return f"+86 …{phone[-2:]}"


@dataclass
class AddressBook:
    """A generated upload and what matching it must give."""

    viewer: int
    entries: int
    vcard: bytes
    expected: frozenset[int]        # member indices the upload must match


def _local(phone: str, style: int) -> str:
    """The E.164 number as people type it (the app normalises all of these)."""
    national = phone[3:]
    return (f"{national[:3]} {national[3:7]} {national[7:]}", f"+86 {national[:3]}-"
            f"{national[3:7]}-{national[7:]}", national)[style % 3]


def _card(name: str, emails: list[str], phones: list[str]) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", f"N:{name};;;;"]
    lines += [f"EMAIL;TYPE=INTERNET:{e}" for e in emails]
    lines += [f"TEL;TYPE=CELL:{p}" for p in phones]
    return "\r\n".join(lines + ["END:VCARD"])


def _members_card(data: Dataset, m: int, roll: float) -> str:
    email = data.email(m)
    email = email.capitalize() if roll < 0.2 else email   # exports keep the case typed
    if not has_phone(m) or roll < 0.4:
        return _card(data.names[m], [email], [])
    phone = _local(member_phone(m), m)
    return _card(data.names[m], [] if roll < 0.7 else [email], [phone])


def _stranger_card(rng: np.random.Generator, viewer: int, k: int) -> str:
    name = vocab.PERSON_NAMES[int(rng.integers(len(vocab.PERSON_NAMES)))]
    roll = rng.random()
    if roll < 0.02:
        return _card(name, [], [SERVICE_NUMBERS[k % len(SERVICE_NUMBERS)]])
    email = f"contact{k}.of{viewer}@mail.example"
    phone = _local(f"+86139{int(rng.integers(10 ** 8)):08d}", k)
    return _card(name, [email] if roll < 0.7 else [], [phone] if roll >= 0.4 else [])


def matched_members(data: Dataset, viewer: int, entries: int,
                    rng: np.random.Generator) -> list[int]:
    """The members in the viewer's address book: some of their friends, the rest anyone."""
    count = min(round(entries * MATCHED_SHARE), (data.n - 1) // 4)
    friends = data.friends.neighbours(viewer)
    take = min(len(friends), int(count * FRIENDS_SHARE))
    chosen = dict.fromkeys(rng.choice(friends, size=take, replace=False).tolist()
                           if take else [])
    while len(chosen) < count:
        for m in rng.integers(0, data.n, count).tolist():
            if m != viewer and len(chosen) < count:
                chosen.setdefault(m)
    return list(chosen)


def address_book(data: Dataset, viewer: int, entries: int,
                 rng: np.random.Generator) -> AddressBook:
    """A vCard of ``entries`` contacts for ``viewer``: ~30% members (their e-mail, their
    number in a local format, or both), the rest unknown addresses and numbers, a few
    service numbers; shuffled."""
    members = matched_members(data, viewer, entries, rng)
    rolls = rng.random(len(members)).tolist()
    cards = [_members_card(data, m, roll) for m, roll in zip(members, rolls)]
    cards += [_stranger_card(rng, viewer, k) for k in range(entries - len(members))]
    order = rng.permutation(len(cards)).tolist()
    text = "\r\n".join(cards[i] for i in order) + "\r\n"
    return AddressBook(viewer, entries, text.encode("utf-8"), frozenset(members))
