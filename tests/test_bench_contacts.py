"""The Q3 bench (contact import) on a small generated network: the loaded members have
the app's match keys, the app's import of a generated address book matches exactly the
members the generator put in it, its suggestions equal the in-process reference's, and
each import is undone. Nothing asserts on time."""
from __future__ import annotations

import numpy as np
import pytest

from bench import loader
from bench.cellkit import Mismatch
from bench.contact_book import (BENCH_CONTACT_HMAC_KEY, AddressBook, address_book,
                                has_phone, hint, member_phone)
from bench.dataset import BENCH_PASSWORD, generate
from bench.q3_contacts import SIZES, Importer, check
from bench.registry import Context, Settings
from bench.viewers import strata
from recruit.contacts.normalise import phone_hint
from tests.conftest import CsrfClient
from tests.contact_helpers import upload_book

MEMBERS = 300
MEAN_DEGREE = 12  # as in test_bench_generator: room for a tail at this size


@pytest.fixture(scope="module")
def data():
    return generate(MEMBERS, seed=13, mean_degree=MEAN_DEGREE)


@pytest.fixture
def importer(app, driver, database, data):
    loader.load(driver, database, data)
    return Importer(Context(Settings(members=MEMBERS, database=database), data, driver))


def _count(driver, database, query: str) -> int:
    records, _, _ = driver.execute_query(query, database_=database)
    return records[0][0]


def test_members_have_the_apps_match_keys(importer, driver, database, data):
    phones = sum(has_phone(i) for i in range(data.n))
    assert _count(driver, database, "MATCH (:Person)-[:HAS_MATCH_KEY]->(k:MatchKey "
                  "{kind: 'email'}) RETURN count(k)") == data.n
    assert _count(driver, database, "MATCH (:Person)-[:HAS_MATCH_KEY]->(k:MatchKey "
                  "{kind: 'phone'}) RETURN count(k)") == phones


def test_the_app_itself_matches_a_generated_book_with_the_bench_key(app, importer, data):
    # The real upload page, logged in as a bench member, with the bench server's key:
    # proves the loaded keys are what the app computes, not only what the bench does.
    app.config["CONTACT_HMAC_KEY"] = BENCH_CONTACT_HMAC_KEY
    viewer = int(np.argmax(data.friends.degrees))
    book = address_book(data, viewer, 1_000, np.random.default_rng(1))
    client = CsrfClient(app.test_client())
    assert client.post("/login", {"email": data.email(viewer).upper(),
                                  "password": BENCH_PASSWORD}).status_code == 302
    assert upload_book(client, "contacts.vcf", book.vcard).status_code == 302
    me = data.ids[viewer]
    listed = importer.imports.page(me, "0", 0, 1)["imports"][0]
    assert {data.member(m["id"]) for m in listed["matches"]} == book.expected
    assert {tuple(m["via"]) for m in listed["matches"]} >= {("email",), ("phone",)}
    assert all(hint(member_phone(i)) == phone_hint(member_phone(i)) for i in (0, 7, 299))


def test_a_reused_database_without_keys_gets_them(importer, driver, database, data):
    driver.execute_query("MATCH (k:MatchKey) DETACH DELETE k", database_=database)
    driver.execute_query("MATCH (m:RecruitBenchDatabase) REMOVE m.matchKeys",
                         database_=database)
    assert loader.prepare(driver, database, data) is False   # reused, not reloaded
    assert _count(driver, database, "MATCH (k:MatchKey) RETURN count(k)") == \
        data.n + sum(has_phone(i) for i in range(data.n))


@pytest.mark.parametrize("size", SIZES)
def test_imports_match_the_generated_book_and_are_undone(importer, driver, database,
                                                         data, size):
    rng = np.random.default_rng(size)
    viewers = [int(rng.choice(s.members)) for s in strata(data)]
    friends_matched = 0
    for v in viewers:
        book = address_book(data, v, size, rng)
        friends_matched += len(book.expected & set(data.friends.neighbours(v).tolist()))
        check(importer, book)   # raises Mismatch on any difference
        assert _count(driver, database, "MATCH (i:ContactImport) RETURN count(i)") == 0
        assert _count(driver, database, "MATCH (p:Person) WHERE p.contactImportTimes "
                      "IS NOT NULL RETURN count(p)") == 0
    assert friends_matched > 0


def test_a_wrong_expectation_is_a_mismatch(importer, data):
    book = address_book(data, 5, 1_000, np.random.default_rng(3))
    wrong = AddressBook(book.viewer, book.entries, book.vcard,
                        frozenset(list(book.expected)[1:]))
    with pytest.raises(Mismatch):
        check(importer, wrong)
