"""Phone numbers read in the right country.

A number written with ``+`` or ``00`` is international and is read as such. Any other
number is local: it is read in the uploader's regions, in order (their own region first,
then one they picked for the numbers that could not be placed). A local number is placed
in a region only when it is a number of that region *as written*:

- ``phonenumbers`` says it is valid there and of a type a person answers (mobile, fixed
  line, VoIP, personal); service, toll-free, premium and shared-cost numbers are not;
- a number whose national form starts with the region's trunk prefix is written with it:
  Chinese landlines are written ``021 6213 4567``, so ``(415) 555-0132`` is not a
  Dandong landline that lost its ``0`` but a number from elsewhere;
- a number written the North American way (``(415) 555-0132``, ``415-555-0132``) is only
  placed in a North American (+1) region.

A local number that no region takes is *unplaced*: the import counts it, and the member
can pick its country and read the file again. Pure functions, no I/O.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberType, geocoder

MAX_RAW_LENGTH = 64
# Shorter than this is a service or short code (10086, 110, 95588), never a person.
MIN_LOCAL_DIGITS = 7
PERSONAL_TYPES = frozenset({
    PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE,
    PhoneNumberType.VOIP, PhoneNumberType.PERSONAL_NUMBER})
_NANP_WRITTEN = re.compile(
    r"^\s*(?:\+?1[\s.\-]?)?(?:\([2-9]\d{2}\)\s*|[2-9]\d{2}[\s.\-])\d{3}[\s.\-]\d{4}\s*$")
_NOT_DIGITS = re.compile(r"\D")
_SEPARATORS = re.compile(r"[\s().\-/]")
# Regions tried when guessing where unplaced numbers are from; the first that places
# the most of them is offered. Ordered by how often they appear in our members' books.
LIKELY_REGIONS = ("US", "HK", "TW", "SG", "GB", "JP", "KR", "AU", "MY", "DE", "FR", "IN",
                  "MO", "NZ", "NL", "IT", "ES", "RU")

PLACED, UNPLACED, INVALID = "placed", "unplaced", "invalid"


@dataclass(frozen=True)
class PhoneReading:
    """What became of one raw number: ``status`` is ``placed`` (``e164`` set),
    ``unplaced`` (local, and no region given takes it) or ``invalid``."""

    status: str
    e164: str | None = None


def is_region(region: str) -> bool:
    """True for a two-letter region ``phonenumbers`` knows (e.g. "CN", "US")."""
    return (region or "").upper() in phonenumbers.SUPPORTED_REGIONS


def _cleaned(raw: str) -> str:
    text = (raw or "").strip()
    if text.lower().startswith("tel:"):
        text = text[4:].split(";", 1)[0]  # tel:+1-555...;ext=2 -> the number only
    return text


def _international(text: str) -> str | None:
    """``text`` as ``+digits`` when written with a leading ``+`` or ``00``; else None."""
    compact = _SEPARATORS.sub("", text)
    if compact.startswith("+"):
        return compact
    if compact.startswith("00"):
        return "+" + compact[2:]
    return None


def _personal(number) -> bool:
    return phonenumbers.is_valid_number(number) and \
        phonenumbers.number_type(number) in PERSONAL_TYPES


def _written_for(region: str, number, text: str) -> bool:
    """True when ``text`` is how a local number of ``region`` is written there."""
    if number.country_code != 1 and _NANP_WRITTEN.match(text):
        return False
    digits = _NOT_DIGITS.sub("", text)
    if digits.startswith(str(number.country_code)) and \
            len(digits) > len(str(number.national_number)) + 1:
        return True  # written with its country code but no '+' ("86 138 0013 8000")
    trunk = phonenumbers.ndd_prefix_for_region(region, True) or ""
    national = _NOT_DIGITS.sub("", phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.NATIONAL))
    return not (trunk and national.startswith(trunk) and not digits.startswith(trunk))


def _read_local(text: str, region: str) -> PhoneReading:
    """``text`` as a local number of ``region``: placed, invalid (a number of the region
    that no person answers: a hotline, toll-free, premium) or unplaced."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return PhoneReading(UNPLACED)
    if not phonenumbers.is_valid_number(number):
        return PhoneReading(UNPLACED)
    if phonenumbers.number_type(number) not in PERSONAL_TYPES:
        return PhoneReading(INVALID)
    if not _written_for(region, number, text):
        return PhoneReading(UNPLACED)
    return PhoneReading(PLACED, phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.E164))


def place_in(text: str, region: str) -> str | None:
    """The E.164 form of local ``text`` as a number of ``region``, or None."""
    return _read_local(text, region).e164


def read_phone(raw: str, regions: tuple[str, ...] | list[str]) -> PhoneReading:
    """Read ``raw``: international when written with ``+``/``00``, else in the first of
    ``regions`` that takes it as written (see the module docstring)."""
    text = _cleaned(raw)
    if not text or len(text) > MAX_RAW_LENGTH:
        return PhoneReading(INVALID)
    international = _international(text)
    if international is not None:
        try:
            number = phonenumbers.parse(international, None)
        except phonenumbers.NumberParseException:
            return PhoneReading(INVALID)
        if not _personal(number):
            return PhoneReading(INVALID)
        return PhoneReading(PLACED, phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.E164))
    status = UNPLACED
    for region in regions:
        reading = _read_local(text, region)
        if reading.status == PLACED:
            return reading
        if reading.status == INVALID:
            status = INVALID
    if len(_NOT_DIGITS.sub("", text)) < MIN_LOCAL_DIGITS:
        return PhoneReading(INVALID)
    return PhoneReading(status)


def normalise_phone(raw: str, region: str) -> str | None:
    """``raw`` in E.164 (``+8613812345678``), reading numbers without a country code as
    numbers of ``region``; None when it is not a number a person answers there."""
    return read_phone(raw, (region.upper(),)).e164


def likely_region(unplaced: list[str], exclude: tuple[str, ...] | list[str]) -> str | None:
    """The region of ``LIKELY_REGIONS`` that places the most of the ``unplaced`` raw
    numbers (a sample is enough), or None when none places any."""
    best, best_count = None, 0
    for region in LIKELY_REGIONS:
        if region in exclude:
            continue
        count = sum(1 for raw in unplaced if place_in(_cleaned(raw), region))
        if count > best_count:
            best, best_count = region, count
    return best


def region_for_number(e164: str) -> str | None:
    """The main region of an international number's country code ("+86 …" -> "CN")."""
    match = re.match(r"^\+(\d{1,3})", e164 or "")
    if not match:
        return None
    for length in (1, 2, 3):
        region = phonenumbers.region_code_for_country_code(int(match.group(1)[:length]))
        if region != phonenumbers.UNKNOWN_REGION:
            return region
    return None


@lru_cache(maxsize=None)
def region_name(region: str) -> str:
    """'China (+86)' for 'CN': the country's English name and calling code."""
    example = phonenumbers.example_number(region)
    name = geocoder.country_name_for_number(example, "en") if example else ""
    code = phonenumbers.country_code_for_region(region)
    return f"{name or region} (+{code})"


@lru_cache(maxsize=1)
def region_choices() -> list[tuple[str, str]]:
    """Every region as (code, 'Name (+code) – CODE'), sorted by name."""
    rows = [(code, f"{region_name(code)} – {code}") for code in phonenumbers.SUPPORTED_REGIONS]
    return sorted(rows, key=lambda row: row[1])
