"""The Q5 job-feed cell's page checks, run for real on a small generated network: gunicorn
serves the app against the test database, bench members log in through the form, and
their feed pages (first page, page 2, city, skill and salary filters) pass the checks the
cell makes before timing; broken sessions and wrong totals fail them. No load, no timing."""
from __future__ import annotations

import os
import socket

import numpy as np
import pytest

from bench import loader
from bench.dataset import generate
from bench.http_server import AppServer
from bench.q5_jobs import (LANDING, MIXED_KINDS, baseline_totals, check_page, check_sessions,
                           mixed_paths)
from bench.viewers import strata

MEMBERS = 300
MEAN_DEGREE = 12


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def data():
    return generate(MEMBERS, seed=7, mean_degree=MEAN_DEGREE)


@pytest.fixture
def server(clean_db, database, data):
    loader.load(clean_db, database, data)
    uri = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7688")
    with AppServer(_free_port(), 1, uri, database) as running:
        yield running


def _kind(path: str) -> str:
    for word, kind in (("page=", "page 2"), ("city=", "city"), ("skills=", "skill"),
                       ("min_salary=", "minimum salary")):
        if word in path:
            return kind
    raise AssertionError(f"unexpected mixed path {path}")


def test_feed_pages_pass_the_cells_checks(server, data):
    rng = np.random.default_rng(3)
    members = [int(v) for s in strata(data) for v in rng.choice(s.members, size=2)]
    sessions = [server.login(m, data.email(m)) for m in members]
    totals = baseline_totals(data)
    paths = mixed_paths(data, rng, 24)
    assert {_kind(p) for p in paths} == set(MIXED_KINDS)

    check_sessions(server, sessions, totals, paths)  # raises on any failed page

    cards = {kind: 0 for kind in MIXED_KINDS}
    for path in paths:
        cards[_kind(path)] += check_page(server, sessions[0].cookie, path)
    # Every kind of filter finds jobs for someone: the bench jobs carry the keys they match.
    assert all(cards.values()), cards
    assert check_page(server, sessions[0].cookie, LANDING, totals(sessions[0].member)) > 0


def test_the_checks_fail_on_a_lost_session_or_a_wrong_total(server, data):
    member = int(strata(data)[-1].members[0])
    session = server.login(member, data.email(member))
    total = baseline_totals(data)(member)
    with pytest.raises(RuntimeError, match="is the session valid"):
        check_page(server, "", LANDING)
    with pytest.raises(RuntimeError, match=f"expected {total + 1}"):
        check_page(server, session.cookie, LANDING, total + 1)
