"""Q3: contact import of 1,000 and 5,000 entries, matching and suggestions.

One sample is what ``recruit.contacts.importer.import_file`` does with an upload, step by
step with the same functions, then the page the member sees next:

1. parse the vCard (``read_address_book``, the app's caps),
2. normalise and digest every value (``matching.prepare``, HMAC with the bench key),
3. match and record (``ContactImportRepository.record``: one write transaction, the
   daily limit checked in it),
4. people you may know, top 20 (``SuggestionRepository.page``), now counting the import.

Each viewer gets a generated address book (``bench.contact_book``: ~30% bench members,
some of them friends, the rest unknown addresses and numbers). After each sample the
import is deleted (``ContactImportRepository.delete``) and the viewer's import times are
cleared, so every sample starts from the same state and the app's daily limit (5) is
never reached by the bench. The reference does steps 1-2 the same way, matches with a
Python dict of every member's keys and ranks with CSR arrays (``bench.contact_baselines``).

Before timing, the first viewers of each group are checked: the import must match exactly
the members the generator put in the book (read back through the app's imports page),
and the suggestions must equal the reference's; every timed sample's matched count is
checked too. Any difference raises ``Mismatch``.
"""
from __future__ import annotations

import logging
import time
from datetime import datetime, timezone

import numpy as np

from config import Config
from graph.contacts.imports import ContactImportRepository
from graph.network.suggestions import SuggestionRepository
from graph.people.members import new_id
from recruit.contacts.importer import since_one_day_ago
from recruit.contacts.matching import prepare
from recruit.contacts.parsing import Limits, read_address_book

from .cellkit import Mismatch
from .contact_baselines import DictMatcher
from .contact_book import SECRET, AddressBook, address_book
from .q4_suggestions import neo4j_answer
from .registry import Context, Result, register
from .stats import settle, ratio, summarise
from .suggest_baselines import Affiliations, CsrSuggestions
from .viewers import strata

logger = logging.getLogger(__name__)

OPERATION = "Q3 contact import"
SIZES = (1_000, 5_000)
PAGE = 20
REGION = "CN"
CHECKED_PER_GROUP = 10
PHASES = ("parse", "digest", "match", "suggest", "total")
PHASE_TITLES = {"parse": "parse vCard", "digest": "normalise + HMAC",
                "match": "match + record", "suggest": "suggestions top 20",
                "total": "total"}
REFERENCE_NOTES = {"match": "dict lookup", "suggest": "CSR", "total": "same parse, dict, CSR"}

CLEAR_IMPORT_TIMES = "MATCH (p:Person {id: $id}) REMOVE p.contactImportTimes"
# Leftovers of an interrupted run (the bench database only ever gets the bench's imports).
CLEAR_ALL_IMPORTS = """
MATCH (p:Person) WHERE p.contactImportTimes IS NOT NULL REMOVE p.contactImportTimes
WITH count(*) AS cleared
MATCH (i:ContactImport) DETACH DELETE i
"""


class Importer:
    """The app's import path and the in-process reference, for one bench database."""

    def __init__(self, ctx: Context):
        config = Config()
        self.data, self.driver, self.database = ctx.data, ctx.driver, ctx.settings.database
        self.imports = ContactImportRepository(ctx.driver, ctx.settings.database)
        self.suggestions = SuggestionRepository(ctx.driver, ctx.settings.database)
        self.caps = Limits(max_bytes=config.CONTACT_IMPORT_MAX_BYTES,
                           max_entries=config.CONTACT_IMPORT_MAX_ENTRIES)
        self.daily_limit = config.CONTACT_IMPORTS_PER_DAY
        self.matcher = DictMatcher(ctx.data)
        self.suggester = CsrSuggestions(ctx.data, Affiliations(ctx.data))

    def app(self, book: AddressBook) -> tuple[dict, dict, tuple]:
        """Timed phases (seconds), the recorded import, and the suggestions page."""
        me = self.data.ids[book.viewer]
        t0 = time.perf_counter()
        parsed = read_address_book("contacts.vcf", book.vcard, self.caps)
        t1 = time.perf_counter()
        prepared = prepare(parsed, SECRET, REGION)
        t2 = time.perf_counter()
        recorded = self.imports.record(
            me, import_id=new_id(), kind="address_book", layout=prepared.layout,
            network=None, entries=prepared.entries,
            digests=[key["digest"] for key in prepared.keys],
            now=datetime.now(timezone.utc).isoformat(timespec="microseconds"),
            since=since_one_day_ago(), daily_limit=self.daily_limit)
        t3 = time.perf_counter()
        page = self.suggestions.page(me, 0, PAGE)
        t4 = time.perf_counter()
        return _phases(t0, t1, t2, t3, t4), recorded, page

    def reference(self, book: AddressBook) -> tuple[dict, set[int], tuple]:
        """Timed phases, the matched members and the suggestions, in process."""
        t0 = time.perf_counter()
        parsed = read_address_book("contacts.vcf", book.vcard, self.caps)
        t1 = time.perf_counter()
        prepared = prepare(parsed, SECRET, REGION)
        t2 = time.perf_counter()
        matched = self.matcher.match(book.viewer, (key["digest"] for key in prepared.keys))
        t3 = time.perf_counter()
        top = self.suggester.top(book.viewer, PAGE, contacts=matched)
        t4 = time.perf_counter()
        return _phases(t0, t1, t2, t3, t4), matched, top

    def undo(self, book: AddressBook, import_id: str) -> None:
        """Back to the state before the import: the import deleted, no import times."""
        me = self.data.ids[book.viewer]
        self.imports.delete(me, import_id)
        self.driver.execute_query(CLEAR_IMPORT_TIMES, id=me, database_=self.database)

    def clear_leftovers(self) -> None:
        """Remove what an interrupted earlier run may have left."""
        self.driver.execute_query(CLEAR_ALL_IMPORTS, database_=self.database)


def _phases(t0, t1, t2, t3, t4) -> dict:
    return {"parse": t1 - t0, "digest": t2 - t1, "match": t3 - t2, "suggest": t4 - t3,
            "total": t4 - t0}


def check(importer: Importer, book: AddressBook) -> None:
    """The app matches exactly the members in the book (as its imports page lists them)
    and suggests what the reference does; the reference matches them too."""
    data = importer.data
    me = data.ids[book.viewer]
    _, recorded, page = importer.app(book)
    try:
        listed = importer.imports.page(me, since_one_day_ago(), 0, 1)["imports"]
        got = {data.member(m["id"]) for m in listed[0]["matches"]} if listed else set()
        _, matched, top = importer.reference(book)
        expected = set(book.expected)
        problems = []
        if got != expected or recorded["matched"] != len(expected):
            problems.append(f"neo4j matched {recorded['matched']} members, "
                            f"{len(got - expected)} unexpected, {len(expected - got)} missed")
        if matched != expected:
            problems.append(f"dict matched {len(matched)} of {len(expected)}")
        if neo4j_answer(*page) != top:
            problems.append(f"suggestions differ:\n  neo4j: {neo4j_answer(*page)}\n"
                            f"  csr: {top}")
        if problems:
            raise Mismatch(f"Q3 {book.entries} entries, member {book.viewer}: "
                           + "; ".join(problems))
    finally:
        importer.undo(book, recorded["id"])


def timed(importer: Importer, books: list[AddressBook]) -> dict[str, list[dict]]:
    """Per variant, the phases of each import; the app's matched count is checked."""
    runs: dict[str, list[dict]] = {"neo4j": [], "csr": []}
    settle()
    for book in books:
        phases, recorded, _ = importer.app(book)
        importer.undo(book, recorded["id"])
        if recorded["matched"] != len(book.expected):
            raise Mismatch(f"Q3 {book.entries} entries, member {book.viewer}: matched "
                           f"{recorded['matched']}, expected {len(book.expected)}")
        runs["neo4j"].append(phases)
        runs["csr"].append(importer.reference(book)[0])
    return runs


def results(size: int, members: int, label: str, runs: dict) -> list[Result]:
    """Rows per phase: the app's, and the reference's where it differs from the app."""
    rows = []
    for phase in PHASES:
        operation = f"{OPERATION} {size:,} entries: {PHASE_TITLES[phase]}"
        stats = {name: summarise([r[phase] for r in runs[name]]) for name in runs}
        ratios = {f"{q}/csr": ratio(stats["neo4j"][q], stats["csr"][q]) for q in ("p50", "p99")}
        if phase in REFERENCE_NOTES:
            rows.append(Result(operation, members, "neo4j", label, stats["neo4j"], ratios))
            rows.append(Result(operation, members, "csr", label, stats["csr"],
                               notes=REFERENCE_NOTES[phase]))
        else:  # the same Python code in both variants
            rows.append(Result(operation, members, "app", label, stats["neo4j"],
                               notes="python, in process"))
    return rows


def viewer_groups(ctx: Context, rng: np.random.Generator) -> list[tuple[str, list[int]]]:
    """``samples`` members drawn uniformly, then a sixth as many (at least 10) per
    friend-count stratum: an import costs the same for every viewer except its
    suggestions step, so the strata get fewer samples than in Q2/Q4."""
    data, samples = ctx.data, ctx.settings.samples
    groups = [("random members", rng.integers(0, data.n, samples).tolist())]
    per = max(10, samples // 6)
    for stratum in strata(data):
        groups.append((stratum.describe(data.friends.degrees),
                       rng.choice(stratum.members, size=per, replace=True).tolist()))
    return groups


@register("q3", "Contact import of 1,000 and 5,000 entries: matching and suggestions")
def run(ctx: Context) -> None:
    """Per size and viewer group: generate the books, check the first ones, time all."""
    rng = np.random.default_rng([ctx.settings.seed, 303])
    importer = Importer(ctx)
    importer.clear_leftovers()
    groups = viewer_groups(ctx, rng)
    for size in SIZES:
        for label, viewers in groups:
            books = [address_book(ctx.data, v, size, rng) for v in viewers]
            for book in books[:CHECKED_PER_GROUP]:
                check(importer, book)
            logger.info("Q3 %d entries, %s: %d checked", size, label,
                        min(len(books), CHECKED_PER_GROUP))
            for result in results(size, ctx.data.n, label, timed(importer, books)):
                ctx.add(result)
