"""Who sees a pseudonymous candidate (graph layer, real Neo4j): two degrees for verified
recruiters, the candidate's own setting for members, never the current employer, and
hidden exactly like missing."""
from __future__ import annotations

import pytest

from graph.base import utc_now
from graph.candidates.pseudonyms import CandidateRepository
from graph.candidates.search import CandidateSearchRepository
from tests.candidate_fixtures import world  # noqa: F401  (fixture)


class SystemIdSearch:
    """The search repository spoken to in system pseudonym ids, so these tests can name
    candidates by ``world.candidate``'s ids: ids given are encoded, and ids shown decoded,
    under the viewer's scope (graph.candidates.visibility; tested in test_scoped_pseudonyms)."""

    def __init__(self, repository, world):
        self.repository, self.world = repository, world

    def browse(self, viewer, *args, **kwargs):
        rows, total = self.repository.browse(viewer, *args, **kwargs)
        for row in rows:
            row["pseudonym"]["id"] = self.world.system_id(viewer, row["pseudonym"]["id"],
                                                          self.repository.scopes)
        return rows, total

    def profile(self, viewer, pseudonym_id, now=None):
        return self.repository.profile(
            viewer, self.world.scoped_id(viewer, pseudonym_id, self.repository.scopes), now)


@pytest.fixture
def search(clean_db, database, world):  # noqa: F811
    return SystemIdSearch(CandidateSearchRepository(clean_db, database), world)


@pytest.fixture
def candidates(clean_db, database):
    return CandidateRepository(clean_db, database)


def listed(search, viewer, **filters):
    rows, total = search.browse(viewer, filters.get("skills", []), filters.get("seniority"),
                                filters.get("region"), 0, 100)
    assert total == len(rows)
    return [row["pseudonym"]["id"] for row in rows]


@pytest.fixture
def recruiting(world):
    """recruiter (verified at Hirer) - friend - candidate; plus a 3rd-degree candidate."""
    hirer = world.company("Hirer Inc")
    recruiter = world.person("Rita Recruiter")
    world.recruiter(recruiter, hirer)
    friend = world.person("Fred Friend")
    near_id, near_ps = world.candidate("Nora Near")
    mid = world.person("Mia Middle")
    far_id, far_ps = world.candidate("Finn Far")
    world.chain(recruiter, near_id)                 # 1st degree
    world.chain(recruiter, friend, mid, far_id)     # 3rd degree
    second_id, second_ps = world.candidate("Sam Second")
    world.befriend(friend, second_id)               # 2nd degree
    return {"recruiter": recruiter, "hirer": hirer, "friend": friend, "near": near_ps,
            "second": second_ps, "far": far_ps, "near_id": near_id, "second_id": second_id,
            "far_id": far_id, "mid": mid}


def test_verified_recruiter_sees_candidates_within_two_degrees(search, recruiting):
    seen = listed(search, recruiting["recruiter"])
    assert sorted(seen) == sorted([recruiting["near"], recruiting["second"]])
    assert recruiting["far"] not in seen
    assert search.profile(recruiting["recruiter"], recruiting["second"]) is not None
    assert search.profile(recruiting["recruiter"], recruiting["far"]) is None


@pytest.mark.parametrize("status", ["pending", "declined"])
def test_unverified_recruiter_sees_nobody_by_default(world, search, recruiting, status):
    other = world.person("Pat Pending")
    world.recruiter(other, world.company("Other Co"), status=status)
    world.befriend(other, recruiting["near_id"])
    assert listed(search, other) == []
    assert search.profile(other, recruiting["near"]) is None


@pytest.mark.parametrize("reach, first_sees, second_sees", [
    (0, False, False), (1, True, False), (2, True, True)])
def test_members_see_a_contact_only_as_far_as_the_candidate_allows(
        world, search, candidates, recruiting, reach, first_sees, second_sees):
    near = recruiting["near_id"]
    candidates.update_settings(near, "Backend person", "senior", "tech", "east-china", reach)
    first = world.person("First Degree")
    second = world.person("Second Degree")
    world.chain(second, first, near)
    assert (recruiting["near"] in listed(search, first)) is first_sees
    assert (recruiting["near"] in listed(search, second)) is second_sees
    assert (search.profile(first, recruiting["near"]) is not None) is first_sees
    assert (search.profile(second, recruiting["near"]) is not None) is second_sees


@pytest.mark.parametrize("link", ["colleague", "recruiter", "pending_recruiter", "admin"])
def test_candidate_is_hidden_from_their_current_employer(world, search, candidates,
                                                         recruiting, link):
    employer = world.company("Secret Employer")
    near = recruiting["near_id"]
    world.employ(near, employer)
    candidates.update_settings(near, "", "senior", "tech", "east-china", 2)
    insider = world.person("Insider")
    world.befriend(insider, near)
    if link == "colleague":
        world.employ(insider, employer)
    elif link == "recruiter":
        world.recruiter(insider, employer)
    elif link == "pending_recruiter":
        world.recruiter(insider, employer, status="pending")
    else:
        world.admin(insider, employer)
    assert listed(search, insider) == []
    assert search.profile(insider, recruiting["near"]) is None
    # ... while an outsider at the same distance still sees them.
    outsider = world.person("Outsider")
    world.befriend(outsider, near)
    assert recruiting["near"] in listed(search, outsider)


def test_former_colleague_is_not_treated_as_employer(world, search, candidates, recruiting):
    employer = world.company("Old Shop")
    near = recruiting["near_id"]
    world.employ(near, employer)
    candidates.update_settings(near, "", "senior", "tech", "east-china", 1)
    former = world.person("Former")
    world.employ(former, employer, current=False)
    world.befriend(former, near)
    assert recruiting["near"] in listed(search, former)


def test_not_looking_hides_everywhere_and_looking_again_gives_a_new_pseudonym(
        world, search, recruiting):
    near = recruiting["near_id"]
    world.status(near, "not_looking")
    assert recruiting["near"] not in listed(search, recruiting["recruiter"])
    assert search.profile(recruiting["recruiter"], recruiting["near"]) is None
    assert search.profile(near, recruiting["near"]) is None  # retired: gone for all
    world.status(near, "open")
    fresh = world.pseudonym_of(near)
    assert fresh and fresh != recruiting["near"]


def test_status_alone_hides_even_if_a_pseudonym_were_left_active(world, search, recruiting):
    # Defence in depth: the visibility rules check the status, not only the pseudonym.
    world.run("MATCH (p:Person {id: $p}) SET p.jobStatus = 'not_looking'",
              p=recruiting["near_id"])
    assert recruiting["near"] not in listed(search, recruiting["recruiter"])
    assert search.profile(recruiting["recruiter"], recruiting["near"]) is None


def test_rotated_pseudonym_is_listed_only_after_its_delay(world, search, candidates,
                                                          recruiting):
    near = recruiting["near_id"]
    new = candidates.rotate(near)
    recruiter = recruiting["recruiter"]
    assert new["visibleFrom"] > utc_now()  # delayed by an hour or more
    seen = listed(search, recruiter)
    assert recruiting["near"] not in seen and new["id"] not in seen
    assert search.profile(recruiter, recruiting["near"]) is None
    assert search.profile(near, new["id"]) is not None  # the owner sees it at once
    world.run("MATCH (ps:Pseudonym {id: $id}) SET ps.visibleFrom = '2000-01-01T00:00:00+00:00'",
              id=new["id"])
    assert new["id"] in listed(search, recruiter)


def test_filters_and_order(world, search, candidates, recruiting):
    recruiter, near, second = (recruiting["recruiter"], recruiting["near_id"],
                               recruiting["second_id"])
    # Skills filter and show by family (Python and Go are both backend; Neo4j is
    # databases), so a filter cannot probe a candidate's exact skills.
    world.skills(near, "Python", "Neo4j")
    world.skills(second, "Go")
    candidates.update_settings(near, "", "senior", "tech", "east-china", 0)
    candidates.update_settings(second, "", "mid", "finance", "north-china", 0)
    by_pinyin = listed(search, recruiter)   # the unfiltered order: by pseudonym
    assert sorted(by_pinyin) == sorted([recruiting["near"], recruiting["second"]])
    assert listed(search, recruiter, skills=["go", "neo4j"]) == [recruiting["near"],
                                                                 recruiting["second"]]
    assert listed(search, recruiter, skills=["GO"]) == by_pinyin   # same family: both
    assert listed(search, recruiter, skills=["Rust"]) == by_pinyin  # Rust is backend too
    assert listed(search, recruiter, skills=["Cypher"]) == [recruiting["near"]]
    assert listed(search, recruiter, skills=["Figma"]) == []
    rows, _ = search.browse(recruiter, ["python"], None, None, 0, 10)
    assert {tuple(r["skills"]) for r in rows} == {
        ("Backend & systems programming", "Databases & graphs"),
        ("Backend & systems programming",)}
    assert listed(search, recruiter, seniority="mid") == [recruiting["second"]]
    assert listed(search, recruiter, region="east-china") == [recruiting["near"]]
    assert listed(search, recruiter, region="europe") == []


def test_unfiltered_list_is_ordered_by_pseudonym_not_by_member(world, search, recruiting):
    recruiter = recruiting["recruiter"]
    for index in range(6):
        person, _ = world.candidate(f"Extra {index}")
        world.befriend(recruiter, person)
    # As the recruiter's scope sees them: by that scope's names and ids.
    rows, _ = search.repository.browse(recruiter, [], None, None, 0, 100)
    keys = [(r["pseudonym"]["pinyin"], r["pseudonym"]["generation"], r["pseudonym"]["id"])
            for r in rows]
    assert len(keys) > 6 and keys == sorted(keys)


def test_profile_never_carries_identity_fields(world, search, recruiting):
    profile = search.profile(recruiting["recruiter"], recruiting["near"])
    assert set(profile["pseudonym"]) == {"id", "hanzi", "pinyin", "generation", "rank",
                                         "novel", "author", "headline", "seniority",
                                         "industry", "region"}
    rows, _ = search.browse(recruiting["recruiter"], [], None, None, 0, 10)
    assert {key for row in rows for key in row} == {"pseudonym", "matched", "skills"}


def test_unknown_and_hidden_answer_alike(search, recruiting):
    assert search.profile(recruiting["recruiter"], recruiting["far"]) is None
    assert search.profile(recruiting["recruiter"], "no-such-pseudonym") is None
    assert search.profile(recruiting["recruiter"], recruiting["near_id"]) is None  # member id
