"""A seeded random world for the candidate-visibility tests of the network index: members
and friendships (networkx), job statuses and pseudonyms, companies, current and past
positions, recruiter roles of every status, block lists; plus its ground truth, so
networkx can say who may browse whom (docs/trust.md, ``graph.candidates.visibility``).

Companies have distinct names and no aliases here (the spelling rules have their own
property test, tests/test_trust_property.py), so a tie is plain set arithmetic.
"""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field

import networkx as nx

from graph.candidates.pseudonyms import CandidateRepository
from graph.candidates.visibility import SEEKING
from tests.candidate_fixtures import World
from tests.graph_loading import load_friend_graph, person_id

COMPANIES = ["Borealis", "Cobalt Works", "Dune Labs", "Ember Bank", "Fjord Air"]
VERIFIED = COMPANIES[:3]  # proven domains: their verified recruiters are active
FUTURE = "2099-01-01T00:00:00+00:00"


@dataclass
class ReachWorld:
    """The ground truth of one world (ids are member ids, ``p00012``)."""

    world: World
    graph: nx.Graph
    company: dict[str, str] = field(default_factory=dict)            # name -> company id
    status: dict[str, str] = field(default_factory=dict)
    pseudonym: dict[str, str] = field(default_factory=dict)          # member -> system id
    reach: dict[str, int] = field(default_factory=dict)              # member -> memberReach
    not_yet: set[str] = field(default_factory=set)                   # visibleFrom ahead
    positions: dict[str, dict[str, tuple[str, bool]]] = field(default_factory=dict)
    blocks: dict[str, set[str]] = field(default_factory=dict)
    roles: dict[str, tuple[str, str]] = field(default_factory=dict)  # member -> (co, status)

    def employers(self, member: str) -> set[str]:
        return {c for c, current in self.positions.get(member, {}).values() if current}

    def active_recruiter(self, member: str) -> bool:
        company, status = self.roles.get(member, (None, None))
        return status == "verified" and company in VERIFIED

    def ties(self, viewer: str) -> set[str]:
        """Companies the viewer is at: current positions and recruiter roles (any status;
        a verified one also confirmed the viewer's work e-mail on its domain)."""
        role = {self.roles[viewer][0]} if viewer in self.roles else set()
        return self.employers(viewer) | role

    def hidden_from(self, member: str) -> set[str]:
        """Current employers, blocked companies, the company of a confirmed work e-mail."""
        own = {self.roles[member][0]} if self.active_recruiter(member) else set()
        return self.employers(member) | self.blocks.get(member, set()) | own

    def visible_to(self, viewer: str) -> set[str]:
        """The members whose pseudonym ``viewer`` may find by browsing (the oracle)."""
        if viewer not in self.graph:
            return set()
        recruiter = self.active_recruiter(viewer)
        seen = set()
        for member, degree in nx.single_source_shortest_path_length(self.graph, viewer,
                                                                    cutoff=2).items():
            if (degree == 0 or member not in self.pseudonym or member in self.not_yet
                    or self.status[member] not in SEEKING
                    or self.ties(viewer) & self.hidden_from(member)):
                continue
            if recruiter or degree <= self.reach[member]:
                seen.add(member)
        return seen


def build(driver, database, seed: int, members: int = 90) -> ReachWorld:
    """Write a random world and return its ground truth."""
    rng = random.Random(seed)
    numbered = nx.powerlaw_cluster_graph(members, 3, 0.3, seed=seed)
    load_friend_graph(driver, database, numbered)
    g = nx.relabel_nodes(numbered, person_id)
    truth = ReachWorld(World(driver, database), g)
    w = truth.world
    for name in COMPANIES:
        truth.company[name] = w.company(name)
        if name in VERIFIED:
            w.verify_company(truth.company[name], f"{name.split()[0].lower()}.example")
    people = sorted(g.nodes)
    for member in people:
        truth.status[member] = rng.choice(["looking", "open", "not_looking", "not_looking"])
    w.run("UNWIND $rows AS row MATCH (p:Person {id: row.id}) SET p.jobStatus = row.status",
          rows=[{"id": m, "status": s} for m, s in truth.status.items()])
    _positions(truth, rng, people)
    for member in rng.sample(people, members // 8):
        company = rng.choice(COMPANIES)
        status = "verified" if company in VERIFIED and rng.random() < 0.7 else \
            rng.choice(["pending", "declined"])
        w.recruiter(member, truth.company[company], status=status)
        truth.roles[member] = (company, status)
    for member in rng.sample(people, members // 6):
        truth.blocks[member] = {rng.choice(COMPANIES)}
        w.run("MATCH (p:Person {id: $p}), (c:Company {id: $c}) MERGE (p)-[:BLOCKS]->(c)",
              p=member, c=truth.company[next(iter(truth.blocks[member]))])
    _pseudonyms(truth, rng, driver, database)
    return truth


def _positions(truth: ReachWorld, rng: random.Random, people: list[str]) -> None:
    rows = []
    for member in people:
        for current in (True, False):
            if rng.random() < (0.5 if current else 0.25):
                company, position = rng.choice(COMPANIES), uuid.uuid4().hex
                truth.positions.setdefault(member, {})[position] = (company, current)
                rows.append({"p": member, "c": truth.company[company], "id": position,
                             "current": current})
    truth.world.run("UNWIND $rows AS row MATCH (p:Person {id: row.p}), (c:Company {id: row.c}) "
                    "CREATE (p)-[:WORKS_AT {id: row.id, title: 'Engineer', start: '2019-01', "
                    "end: CASE WHEN row.current THEN null ELSE '2022-01' END, "
                    "current: row.current}]->(c)", rows=rows)


def _pseudonyms(truth: ReachWorld, rng: random.Random, driver, database) -> None:
    """Pseudonyms for the seekers, with random settings; some listed only later, and some
    members stopped looking without their pseudonym being retired yet."""
    CandidateRepository(driver, database).assign_missing()
    rows = truth.world.run("MATCH (p:Person)-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true}) "
                           "RETURN p.id AS member, ps.id AS id")
    settings = []
    for row in rows:
        member = row["member"]
        truth.pseudonym[member] = row["id"]
        truth.reach[member] = rng.choice([0, 1, 2])
        later = rng.random() < 0.1
        if later:
            truth.not_yet.add(member)
        settings.append({"id": row["id"], "reach": truth.reach[member],
                         "seniority": rng.choice(["mid", "senior"]),
                         "region": rng.choice(["east-china", "north-china"]),
                         "visibleFrom": FUTURE if later else "2020-01-01T00:00:00+00:00"})
    truth.world.run("UNWIND $rows AS row MATCH (ps:Pseudonym {id: row.id}) "
                    "SET ps.memberReach = row.reach, ps.seniority = row.seniority, "
                    "ps.region = row.region, ps.visibleFrom = row.visibleFrom", rows=settings)
    stale = rng.sample(sorted(truth.pseudonym), max(1, len(truth.pseudonym) // 10))
    for member in stale:
        truth.status[member] = "not_looking"
    truth.world.run("UNWIND $ids AS id MATCH (p:Person {id: id}) SET p.jobStatus = 'not_looking'",
                    ids=stale)
    skills = [{"p": m, "s": rng.choice(["Python", "Go", "Figma", "SQL"])} for m in truth.pseudonym]
    truth.world.run("UNWIND $rows AS row MATCH (p:Person {id: row.p}) "
                    "MERGE (s:Skill {key: toLower(row.s)}) ON CREATE SET s.name = row.s "
                    "MERGE (p)-[:HAS_SKILL]->(s)", rows=skills)


def viewers(truth: ReachWorld, count: int, seed: int) -> list[str]:
    """The best-connected members, every recruiter, and a random sample."""
    rng = random.Random(seed)
    g = truth.graph
    hubs = sorted(g.nodes, key=lambda n: (-g.degree(n), n))[:3]
    return list(dict.fromkeys(hubs + sorted(truth.roles) + rng.sample(sorted(g.nodes), count)))
