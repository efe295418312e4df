"""From parsed entries to the keyed digests that are matched against members.

Values are normalised (E.164, lower-case), digested with the server's key and
de-duplicated here, in memory; only the digests go to the database, and only those that
equal a member's key leave a trace there (see ``graph.contacts.imports``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .digests import digest, handle_value
from .normalise import normalise_email, normalise_handle, normalise_phone
from .parsing import Parsed

SHOWN_PLACES = 5


@dataclass
class Prepared:
    """The digests of one upload and what could not be used (places only, no values)."""

    layout: str
    entries: int
    keys: list[dict] = field(default_factory=list)
    unreadable: int = 0
    unreadable_places: list[str] = field(default_factory=list)
    duplicates: int = 0
    empty_entries: int = 0

    def summary(self) -> str:
        """A sentence about the file for the member (counts and line numbers only)."""
        parts = [f"Read {self.entries} entr{'y' if self.entries == 1 else 'ies'} "
                 f"({self.layout})"]
        if self.unreadable:
            places = ", ".join(self.unreadable_places)
            more = " and more" if self.unreadable > len(self.unreadable_places) else ""
            were = "values could not be read and were" if self.unreadable != 1 else \
                "value could not be read and was"
            parts.append(f"{self.unreadable} {were} skipped ({places}{more})")
        if self.empty_entries:
            parts.append(f"{self.empty_entries} with no usable phone number, e-mail or handle")
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate value{'s' if self.duplicates != 1 else ''}")
        return "; ".join(parts) + "."


def _normalised(entry, region: str, network: str | None):
    """(kind, normalised value or None) for each raw value of ``entry``."""
    for raw in entry.phones:
        yield "phone", normalise_phone(raw, region)
    for raw in entry.emails:
        yield "email", normalise_email(raw)
    if network:
        for raw in entry.handles:
            handle = normalise_handle(raw)
            yield "handle", handle_value(network, handle) if handle else None


def prepare(parsed: Parsed, secret: bytes, region: str, network: str | None = None) -> Prepared:
    """Normalise and digest every value of ``parsed``. ``network`` is the social network
    of a follow list (handles are matched only then); ``region`` reads local numbers."""
    result = Prepared(layout=parsed.layout, entries=len(parsed.entries))
    seen: set[str] = set()
    for entry in parsed.entries:
        usable = 0
        for kind, value in _normalised(entry, region, network):
            if value is None:
                result.unreadable += 1
                if entry.where not in result.unreadable_places[-1:] and \
                        len(result.unreadable_places) < SHOWN_PLACES:
                    result.unreadable_places.append(entry.where)
                continue
            usable += 1
            key = digest(secret, kind, value)
            if key in seen:
                result.duplicates += 1
                continue
            seen.add(key)
            result.keys.append({"digest": key, "kind": kind})
        if not usable:
            result.empty_entries += 1
    return result
