"""The bench's who-fits cell (``bench/who_fits.py``) on a small generated network: its
``app`` variant (the repository on the network index) gives the ``neo4j`` variant's whole
answer for the employees it samples, and those answers are not all empty (the check
would otherwise prove nothing). Nothing asserts on time."""
from __future__ import annotations

import numpy as np
import pytest

from bench import loader, who_fits
from bench.cellkit import viewer_groups
from bench.dataset import generate
from bench.registry import Context, Settings

MEMBERS = 500
MEAN_DEGREE = 12  # as in test_bench_generator: room for a tail at this size


@pytest.fixture(scope="module")
def data():
    return generate(MEMBERS, seed=13, mean_degree=MEAN_DEGREE)


def test_groups_are_drawn_from_employees_of_hiring_companies(data):
    mask = who_fits.eligible(data)
    assert 0 < mask.sum() < data.n
    ctx = Context(Settings(members=MEMBERS, samples=30), data, driver=None)
    groups = viewer_groups(ctx, np.random.default_rng(1), among=mask)
    assert groups[0][0] == "random eligible members"
    assert all(mask[v] for _, viewers in groups for v in viewers)


def test_app_variant_answers_as_the_cypher(app, driver, database, data):
    loader.load(driver, database, data)
    ctx = Context(Settings(members=MEMBERS, samples=30, database=database), data, driver)
    calls, comparable = who_fits.variants(ctx)
    assert set(calls) == {"neo4j", "app"} and ctx.network_index.warm
    mask = who_fits.eligible(data)
    viewers = np.flatnonzero(mask)[:40].tolist()
    with_fits = 0
    for v in viewers:
        expected = comparable["neo4j"](v)
        assert comparable["app"](v) == expected
        with_fits += any(row["fits"] for row in expected)
    assert with_fits >= len(viewers) // 4
