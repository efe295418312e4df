"""Shared Cypher fragments are composed from the calling query's variable names only:
anything else (a value, a clause) is refused before it can reach query text."""
from __future__ import annotations

import pytest

from graph.base import cypher_variable
from graph.candidates.visibility import scope_of
from graph.companies.recruiters import active_recruiter_where, is_active_recruiter


@pytest.mark.parametrize("name", ["v", "poster", "anyCompany:Company", "_x1"])
def test_variable_names_pass_unchanged(name):
    assert cypher_variable(name) == name


@pytest.mark.parametrize("bad", ["", "v) DETACH DELETE (v", "v.id", "1v", "v:", "v /*", "$p",
                                 "v\n", "v:Company:Person", None, 3])
def test_anything_but_a_name_is_refused(bad):
    with pytest.raises(ValueError):
        cypher_variable(bad)


@pytest.mark.parametrize("build", [
    lambda bad: active_recruiter_where(bad, "c"),
    lambda bad: active_recruiter_where("p", bad),
    lambda bad: is_active_recruiter(bad, "c"),
    lambda bad: is_active_recruiter("p", bad),
    scope_of,
])
def test_fragment_builders_refuse_injected_text(build):
    with pytest.raises(ValueError):
        build("x}) DETACH DELETE x //")
