"""From parsed entries to the keyed digests that are matched against members.

Values are normalised (E.164, lower-case), digested with the server's key and
de-duplicated here, in memory; only the digests go to the database, and only those that
equal a member's key leave a trace there (see ``graph.contacts.imports``). What could
not be used is counted (and, for the member's eyes only, placed by line); local numbers
that no region given could place are counted apart, so the member can pick their
country and read the file again.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .digests import digest, handle_value
from .normalise import normalise_email, normalise_handle
from .parsing import Parsed
from .parsing.common import skipped_lines
from .phones import PLACED, UNPLACED, likely_region, read_phone, region_name

SHOWN_PLACES = 5
# Enough unplaced numbers to tell which country they are from, without trying every
# number of a 5,000-entry book in every likely region.
LIKELY_REGION_SAMPLE = 50


@dataclass
class Prepared:
    """The digests of one upload and what could not be used (places only, no values)."""

    layout: str
    entries: int
    regions: tuple[str, ...] = ()
    keys: list[dict] = field(default_factory=list)
    unreadable: int = 0
    unreadable_places: list[str] = field(default_factory=list)
    unplaced: int = 0
    likely_region: str | None = None
    skipped: list = field(default_factory=list)
    duplicates: int = 0
    empty_entries: int = 0

    def summary(self) -> str:
        """A sentence about the file for the member (counts and line numbers only)."""
        parts = [f"Read {self.entries} entr{'y' if self.entries == 1 else 'ies'} "
                 f"({self.layout})"]
        if self.skipped:
            what = "cards" if self.layout == "vCard" else "rows"
            one = what[:-1]
            parts.append(f"{len(self.skipped)} {what if len(self.skipped) != 1 else one} "
                         f"could not be read: {skipped_lines(self.skipped, SHOWN_PLACES)}")
        if self.unreadable:
            places = ", ".join(self.unreadable_places)
            more = " and more" if self.unreadable > len(self.unreadable_places) else ""
            were = "values could not be read and were" if self.unreadable != 1 else \
                "value could not be read and was"
            parts.append(f"{self.unreadable} {were} skipped ({places}{more})")
        if self.unplaced:
            parts.append(self.unplaced_sentence())
        if self.empty_entries:
            parts.append(f"{self.empty_entries} with no usable phone number, e-mail or handle")
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate value{'s' if self.duplicates != 1 else ''}")
        return "; ".join(parts) + "."

    def unplaced_sentence(self) -> str:
        """'3 phone numbers without a country code are not numbers of China (+86) and
        could not be placed; they look like numbers from United States (+1)'."""
        read_as = " or ".join(region_name(r) for r in self.regions)
        many = self.unplaced != 1
        text = (f"{self.unplaced} phone number{'s' if many else ''} without a country code "
                f"{'are' if many else 'is'} not {'numbers' if many else 'a number'} of "
                f"{read_as} and could not be placed")
        if self.likely_region:
            text += f"; they look like numbers from {region_name(self.likely_region)}"
        return text


def _note_unreadable(result: Prepared, where: str) -> None:
    result.unreadable += 1
    if where not in result.unreadable_places[-1:] and \
            len(result.unreadable_places) < SHOWN_PLACES:
        result.unreadable_places.append(where)


def _values(entry, result: Prepared, regions, network, unplaced_sample: list[str]):
    """(kind, normalised value) for each usable raw value of ``entry``; the rest are
    counted on ``result``."""
    for raw in entry.phones:
        reading = read_phone(raw, regions)
        if reading.status == PLACED:
            yield "phone", reading.e164
        elif reading.status == UNPLACED:
            result.unplaced += 1
            if len(unplaced_sample) < LIKELY_REGION_SAMPLE:
                unplaced_sample.append(raw)
        else:
            _note_unreadable(result, entry.where)
    for raw in entry.emails:
        email = normalise_email(raw)
        if email:
            yield "email", email
        else:
            _note_unreadable(result, entry.where)
    if network:
        for raw in entry.handles:
            handle = normalise_handle(raw)
            if handle:
                yield "handle", handle_value(network, handle)
            else:
                _note_unreadable(result, entry.where)


def prepare(parsed: Parsed, secret: bytes, regions: str | tuple[str, ...] | list[str],
            network: str | None = None) -> Prepared:
    """Normalise and digest every value of ``parsed``. ``regions`` read numbers written
    without a country code, in order (the uploader's own first); ``network`` is the
    social network of a follow list (handles are matched only then)."""
    regions = (regions,) if isinstance(regions, str) else tuple(regions)
    result = Prepared(layout=parsed.layout, entries=len(parsed.entries), regions=regions,
                      skipped=list(parsed.skipped))
    seen: set[str] = set()
    unplaced_sample: list[str] = []
    for entry in parsed.entries:
        usable = 0
        for kind, value in _values(entry, result, regions, network, unplaced_sample):
            usable += 1
            key = digest(secret, kind, value)
            if key in seen:
                result.duplicates += 1
                continue
            seen.add(key)
            result.keys.append({"digest": key, "kind": kind})
        if not usable:
            result.empty_entries += 1
    if unplaced_sample:
        result.likely_region = likely_region(unplaced_sample, regions)
    return result
