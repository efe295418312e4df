"""Phone numbers read in the right country (pure: no database)."""
from __future__ import annotations

import pytest

from recruit.contacts.matching import prepare
from recruit.contacts.parsing import Entry, Parsed
from recruit.contacts.phones import (INVALID, PLACED, UNPLACED, likely_region, read_phone,
                                     region_for_number, region_name)


@pytest.mark.parametrize("raw, regions, expected", [
    # + and 00 are international whatever the uploader's region.
    ("+1 (415) 555-0132", ("CN",), "+14155550132"),
    ("0086 138 0013 8000", ("US",), "+8613800138000"),
    ("00 44 20 7946 0018", ("CN",), "+442079460018"),
    ("tel:+1-416-555-0199;ext=12", ("CN",), "+14165550199"),
    # Local numbers are read in the uploader's region, as written there.
    ("138 0013 8000", ("CN",), "+8613800138000"),
    ("021-6213 4567", ("CN",), "+862162134567"),
    ("(021) 6213 4567", ("CN",), "+862162134567"),
    ("86 138 0013 8000", ("CN",), "+8613800138000"),  # country code without '+'
    ("(415) 555-0132", ("US",), "+14155550132"),
    ("416-555-0199", ("CA",), "+14165550199"),
    ("9123 4567", ("HK",), "+85291234567"),
    ("020 7946 0018", ("GB",), "+442079460018"),
    # The second region reads what the first cannot place.
    ("(415) 555-0132", ("CN", "US"), "+14155550132"),
    ("138 0013 8000", ("CN", "US"), "+8613800138000"),
])
def test_numbers_placed(raw, regions, expected):
    reading = read_phone(raw, regions)
    assert (reading.status, reading.e164) == (PLACED, expected)


@pytest.mark.parametrize("raw, region", [
    # The bug of the issue: NANP-written numbers became valid +86 numbers.
    ("(555) 123-4567", "CN"),
    ("(415) 555-0132", "CN"),   # was +864155550132, a Dandong landline
    ("415-555-0132", "CN"),
    ("415.555.0132", "CN"),
    ("1-415-555-0132", "CN"),
    ("416-555-0199", "CN"),     # Canadian: was dropped, now counted and re-readable
    ("4155550132", "CN"),       # a Chinese landline always keeps its trunk 0
    ("20 7946 0018", "GB"),     # a UK landline without its 0
    ("138 0013 8000", "US"),    # a Chinese mobile read in the US
    ("9123 4567", "CN"),
])
def test_numbers_valid_only_by_accident_are_unplaced_not_misplaced(raw, region):
    reading = read_phone(raw, (region,))
    assert (reading.status, reading.e164) == (UNPLACED, None)


@pytest.mark.parametrize("raw, regions", [
    ("10086", ("CN",)),              # service code
    ("95588", ("CN",)),
    ("400 810 8888", ("CN",)),       # shared-cost hotline: nobody's own number
    ("+1 800 555 0199", ("CN",)),    # toll free
    ("+1 555 123 4567", ("CN",)),    # 555 is no area code
    ("+86 123", ("CN",)),
    ("not a number", ("CN",)),
    ("", ("CN",)),
    ("+" + "1" * 80, ("CN",)),
])
def test_numbers_no_person_answers_are_invalid(raw, regions):
    reading = read_phone(raw, regions)
    assert (reading.status, reading.e164) == (INVALID, None)


def test_a_us_fictional_555_01xx_number_never_becomes_chinese():
    for last in range(100, 200, 7):
        raw = f"(212) 555-0{last:03d}"
        assert read_phone(raw, ("CN",)).status == UNPLACED
        assert read_phone(raw, ("CN", "US")).e164 == f"+1212555{last:04d}"


def test_likely_region_of_unplaced_numbers():
    assert likely_region(["(415) 555-0132", "416-555-0199", "(212) 555-0100"], ["CN"]) == "US"
    assert likely_region(["9123 4567", "6123 4567"], ["CN"]) == "HK"
    assert likely_region(["12"], ["CN"]) is None


@pytest.mark.parametrize("hint, region", [
    ("+86 …78", "CN"), ("+1 …32", "US"), ("+852 …67", "HK"), ("+44 …18", "GB"),
    ("", None), ("…", None)])
def test_region_of_a_confirmed_phone_hint(hint, region):
    assert region_for_number(hint) == region


def test_region_names():
    assert region_name("CN") == "China (+86)"
    assert region_name("US") == "United States (+1)"


def test_prepare_counts_unplaced_apart_and_suggests_their_country():
    parsed = Parsed(layout="CSV", entries=[
        Entry(where="Line 2", phones=["(415) 555-0132", "138 0013 8000"]),
        Entry(where="Line 3", phones=["416-555-0199"]),
        Entry(where="Line 4", phones=["10086"], emails=["x@example.com"]),
    ])
    prepared = prepare(parsed, b"k", "CN")
    assert (prepared.unplaced, prepared.unreadable, prepared.likely_region) == (2, 1, "US")
    assert len(prepared.keys) == 2  # the Chinese mobile and the e-mail
    assert "2 phone numbers without a country code are not numbers of China (+86) and " \
           "could not be placed; they look like numbers from United States (+1)" \
        in prepared.summary()
    again = prepare(parsed, b"k", ("CN", "US"))
    assert (again.unplaced, len(again.keys), again.likely_region) == (0, 4, None)
