"""A recruiter's workspace: candidates ranked by fit (against an oracle on seeded random
graphs), shortlists, the outreach caps and "not interested in this company"."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

import networkx as nx
import pytest

from graph.candidates.fields import family_of
from graph.hiring.candidate_search import CandidateFitRepository

from graph.candidates.visibility import MATCH_VIEWER_SCOPE

from .candidate_fixtures import World, scoped_for
from .job_support import befriend
from .referral_support import member, query, set_skills, set_status

NOW = "2026-06-01T00:00:00+00:00"
SKILL_POOL = ["Python", "Go", "React", "SQL", "Neo4j", "Kubernetes", "Figma", "Sales",
              "Machine Learning", "Swift", "Accounting", "Rust"]
BANDS = ["entry", "mid", "senior", "lead", "unspecified"]
LEVELS = ["intern", "junior", "mid", "senior", "lead", "executive"]


def _oracle_score(job_families, job_level, families, band, degree, last_active) -> float:
    """The fit written out again from the documented rule (graph/hiring/fit.py)."""
    skills = len(set(job_families) & set(families)) / len(set(job_families)) if job_families else 0
    order = ["entry", "mid", "senior", "lead"]
    job_band = {"intern": "entry", "junior": "entry", "executive": "lead"}.get(job_level, job_level)
    seniority = 0.0
    if band in order:
        gap = abs(order.index(job_band) - order.index(band))
        seniority = {0: 1.0, 1: 0.5}.get(gap, 0.0)
    closeness = {1: 1.0, 2: 0.5}[degree]
    recency = 0.0
    if last_active:
        days = (datetime.fromisoformat(NOW) - datetime.fromisoformat(last_active)).days
        recency = 1.0 if days <= 7 else 0.5 if days <= 30 else 0.0
    return round(4 * skills + 2 * seniority + 1.5 * closeness + 1 * recency, 4)


def _seeded_world(driver, database, seed: int):
    rng = random.Random(seed)
    w = World(driver, database)
    recruiter = w.person("Rita Recruiter")
    acme = w.company("Acme")
    w.recruiter(recruiter, acme)
    job = w.job(recruiter, acme)
    job_level = rng.choice(LEVELS)
    job_skills = rng.sample(SKILL_POOL, 3)
    w.run("MATCH (j:Job {id: $j}) SET j.seniority = $level WITH j UNWIND $skills AS name "
          "MERGE (s:Skill {key: toLower(name)}) ON CREATE SET s.name = name "
          "MERGE (j)-[:REQUIRES]->(s)", j=job, level=job_level, skills=job_skills)
    people = [w.person(f"Member {i:02d}") for i in range(28)]
    graph = nx.gnp_random_graph(len(people) + 1, 0.12, seed=seed)
    ids = [recruiter] + people
    for a, b in graph.edges():
        w.befriend(ids[a], ids[b])
    facts = {}
    for person in people:
        status = rng.choice(["looking", "open", "not_looking"])
        skills = rng.sample(SKILL_POOL, rng.randint(0, 4))
        w.skills(person, *skills) if skills else None
        at_acme = rng.random() < 0.1
        if at_acme:
            w.employ(person, acme)
        silenced = rng.random() < 0.08
        if silenced:
            w.run("MATCH (p:Person {id: $p}), (c:Company {id: $c}) "
                  "CREATE (p)-[:NOT_INTERESTED_IN {since: $now}]->(c)", p=person, c=acme, now=NOW)
        w.status(person, status)
        band = rng.choice(BANDS)
        hidden = rng.sample(["backend", "frontend", "data", "databases"], rng.randint(0, 1))
        w.run("MATCH (:Person {id: $p})-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true}) "
              "SET ps.visibleFrom = '2026-01-01T00:00:00+00:00', ps.seniority = $band, "
              "ps.hiddenFamilies = $hidden", p=person, band=band, hidden=hidden)
        last = None
        if rng.random() < 0.6:
            last = (datetime.fromisoformat(NOW) - timedelta(days=rng.randint(0, 60))).isoformat()
            w.run("MATCH (p:Person {id: $p}) CREATE (p)-[:HAS_SESSION]->(:Session "
                  "{key: randomUUID(), lastSeenAt: $last})", p=person, last=last)
        facts[person] = {"status": status, "skills": skills, "atAcme": at_acme, "band": band,
                         "hidden": hidden, "last": last, "silenced": silenced}
    return w, recruiter, job, job_level, job_skills, graph, ids, facts


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_fit_ranking_matches_the_oracle(app, driver, database, seed):
    w, recruiter, job, job_level, job_skills, graph, ids, facts = _seeded_world(driver, database, seed)
    distance = nx.single_source_shortest_path_length(graph, 0, cutoff=2)
    job_families = sorted({family_of(s) for s in job_skills})
    repository = CandidateFitRepository(driver, database)
    # Per-company pseudonyms: the recruiter's company knows each by its own id and name.
    scope = w.run(MATCH_VIEWER_SCOPE, viewerId=recruiter)[0]["scope"]
    expected = []
    for index, degree in distance.items():
        person = ids[index]
        f = facts.get(person)
        if degree == 0 or f["status"] == "not_looking" or f["atAcme"] or f["silenced"]:
            continue
        families = {family_of(s) for s in f["skills"]} - set(f["hidden"])
        ps = repository.scopes.present(scope, w.run(
            "MATCH (:Person {id: $p})-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true}) "
            "RETURN ps {.id, .rank, .hanzi, .pinyin, .generation} AS ps", p=person)[0]["ps"])
        score = _oracle_score(job_families, job_level, families, f["band"], degree, f["last"])
        expected.append((-score, ps["pinyin"], ps["generation"], ps["id"]))
    expected.sort()
    found = repository.ranked_for_job(recruiter, job, 0, 100, now=NOW)
    assert found["total"] == len(expected)
    assert [c["pseudonym"]["id"] for c in found["candidates"]] == [e[3] for e in expected]
    assert [c["score"] for c in found["candidates"]] == [round(100 * -e[0] / 8.5) for e in expected]
    # Nothing of the member leaves: no id, name, degree or activity time.
    for row in found["candidates"]:
        assert set(row) == {"pseudonym", "skills", "score"}
        assert not set(row["pseudonym"].values()) & set(ids)


def test_ranked_search_and_shortlist_through_the_app(app, members, world):
    # Rita befriends Eve; Eve's friend Carl is looking: a 2nd-degree candidate of Rita's.
    befriend(world.recruiter.client, world.recruiter.id, world.employee.client, world.employee.id)
    set_skills(world.candidate.client, "Python, Neo4j")
    set_status(world.candidate.client, "looking")
    query(app, "MATCH (ps:Pseudonym) SET ps.visibleFrom = '2026-01-01T00:00:00+00:00'")
    ps_id = scoped_for(app, world.recruiter.id, query(
        app, "MATCH (ps:Pseudonym {active: true}) RETURN ps.id AS id")[0]["id"])
    url = f"/jobs/{world.job_id}/candidates"
    html = world.recruiter.client.get(url).get_data(as_text=True)
    assert f'id="candidate-{ps_id}"' in html and "fit " in html
    assert world.candidate.name not in html and world.candidate.id not in html
    # Only the job's recruiters search for it.
    assert world.employee.client.get(url).status_code == 403
    assert world.recruiter.client.get("/jobs/" + "0" * 32 + "/candidates").status_code == 404

    add = f"/candidates/{ps_id}/shortlist"
    assert world.recruiter.client.post(add, {"job_id": world.job_id}, token_from=url).status_code == 302
    html = world.recruiter.client.get(url).get_data(as_text=True)
    assert "Remove from shortlist" in html
    # Someone else cannot shortlist for this job, nor an unseen pseudonym be shortlisted.
    assert world.employee.client.post(add, {"job_id": world.job_id}).status_code == 404
    assert world.recruiter.client.post("/candidates/nope/shortlist",
                                       {"job_id": world.job_id}, token_from=url).status_code == 404
    assert world.recruiter.client.post(add, {"job_id": ""}, token_from=url).status_code == 400
    # A candidate who stops looking drops off the shortlist.
    set_status(world.candidate.client, "not_looking")
    html = world.recruiter.client.get(url).get_data(as_text=True)
    assert ps_id not in html
    assert query(app, "MATCH ()-[s:SHORTLISTED]->() RETURN count(s) AS n")[0]["n"] == 1


def _recruiter_with_candidates(app, members, world, count: int) -> list[str]:
    """Rita befriends Eve, and ``count`` looking friends of Eve's become candidates."""
    befriend(world.recruiter.client, world.recruiter.id, world.employee.client, world.employee.id)
    ids = []
    for i in range(count):
        seeker = member(members, f"Seeker {i}")
        befriend(world.employee.client, world.employee.id, seeker.client, seeker.id)
        set_status(seeker.client, "looking")
        ids.append(seeker)
    query(app, "MATCH (ps:Pseudonym) SET ps.visibleFrom = '2026-01-01T00:00:00+00:00'")
    # Each as the recruiter's company knows it (per-company pseudonyms).
    return [scoped_for(app, world.recruiter.id, query(
        app, "MATCH (:Person {id: $p})-[:HAS_PSEUDONYM]->(ps {active: true}) "
             "RETURN ps.id AS id", p=s.id)[0]["id"]) for s in ids], ids


def _write(client, ps_id: str, body: str):
    page = f"/candidates/{ps_id}"
    return client.post(f"{page}/message", {"body": body, "job": ""}, token_from=page)


def test_daily_cap_on_new_conversations(app, members, world):
    app.config["OUTREACH_NEW_PER_DAY"] = 2
    ps_ids, _ = _recruiter_with_candidates(app, members, world, 3)
    assert _write(world.recruiter.client, ps_ids[0], "Hello, first.").status_code == 302
    assert _write(world.recruiter.client, ps_ids[1], "Hello, second.").status_code == 302
    third = _write(world.recruiter.client, ps_ids[2], "Hello, third.")
    assert third.status_code == 429 and "the most allowed" in third.get_data(as_text=True)
    assert query(app, "MATCH (c:Conversation) RETURN count(c) AS n")[0]["n"] == 2
    # Writing on in an open conversation is not a new one.
    assert _write(world.recruiter.client, ps_ids[0], "And a follow-up.").status_code == 302


def test_cap_on_identical_messages(app, members, world):
    app.config["OUTREACH_IDENTICAL_PER_DAY"] = 2
    ps_ids, _ = _recruiter_with_candidates(app, members, world, 3)
    blast = "Exciting opportunity at a fast-growing startup!"
    assert _write(world.recruiter.client, ps_ids[0], blast).status_code == 302
    assert _write(world.recruiter.client, ps_ids[1], blast).status_code == 302
    third = _write(world.recruiter.client, ps_ids[2], blast)
    assert third.status_code == 429 and "this exact message" in third.get_data(as_text=True)
    assert _write(world.recruiter.client, ps_ids[2], "A note written for you.").status_code == 302


def test_not_interested_silences_the_company(app, members, world):
    ps_ids, seekers = _recruiter_with_candidates(app, members, world, 1)
    seeker = seekers[0]
    search = f"/jobs/{world.job_id}/candidates"
    assert ps_ids[0] in world.recruiter.client.get(search).get_data(as_text=True)
    response = seeker.client.post(f"/companies/{world.company_id}/not-interested",
                                  token_from=f"/jobs/{world.job_id}")
    assert response.status_code == 302
    assert ps_ids[0] not in world.recruiter.client.get(search).get_data(as_text=True)
    refused = _write(world.recruiter.client, ps_ids[0], "Hello?")
    assert refused.status_code == 403 and "not interested in Acme" in refused.get_data(as_text=True)
    assert "Acme" in seeker.client.get("/applications").get_data(as_text=True)
    assert seeker.client.post(f"/companies/{world.company_id}/not-interested/undo",
                              token_from="/applications").status_code == 302
    assert _write(world.recruiter.client, ps_ids[0], "Hello again.").status_code == 302


def test_shortlist_from_a_conversation(app, members, world):
    ps_ids, _ = _recruiter_with_candidates(app, members, world, 1)
    page = f"/candidates/{ps_ids[0]}"
    response = world.recruiter.client.post(f"{page}/message", {"body": "Hello.", "job": world.job_id},
                                           token_from=page)
    assert response.status_code == 302
    thread = response.headers["Location"]
    html = world.recruiter.client.get(thread).get_data(as_text=True)
    assert f'action="/candidates/{ps_ids[0]}/shortlist"' in html
    assert world.recruiter.client.post(f"/candidates/{ps_ids[0]}/shortlist",
                                       {"job_id": world.job_id}, token_from=thread).status_code == 302
    listed = world.recruiter.client.get(f"/jobs/{world.job_id}/candidates").get_data(as_text=True)
    assert "Remove from shortlist" in listed
