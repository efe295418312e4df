"""Property test of the tie rule: on random worlds of companies (spelled many
ways, with aliases and domains), positions, work e-mails, recruiter roles and block lists,
no viewer tied to a company the candidate is hidden from ever sees the candidate — not in
the browse list, on the profile URL, in a count, nor in a conversation — and every other
viewer does. The oracle is the world's ground truth (which *real* company each spelling,
alias and domain belongs to), not the tie keys the code computes.

Worlds: ``TRUST_PROPERTY_EXAMPLES`` (default 3; e.g. 50 for a long run), seeded by
``TRUST_PROPERTY_SEED``.
"""
from __future__ import annotations

import os
import random
import uuid

from graph.candidates.pseudonyms import CandidateRepository
from graph.companies.ties import refresh_tie_keys
from graph.keys import normalised_key

from .candidate_fixtures import World, seen_id
from .conftest import wipe

EXAMPLES = int(os.environ.get("TRUST_PROPERTY_EXAMPLES", 3))
SEED = int(os.environ.get("TRUST_PROPERTY_SEED", 12))
REAL = [("Borealis", "北极光"), ("Cobalt Works", "钴业"), ("Dune Labs", "沙丘实验室"),
        ("Ember Bank", "余烬银行")]
FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def spellings(name: str, zh: str) -> list[tuple[str, bool]]:
    """Ways members write a company: (spelling, needs the page's alias to be tied)."""
    return [(name, False), (name + " Inc.", False), (name.upper() + ", Ltd.", False),
            (name.replace(" ", ""), False), ("".join(FULL_WIDTH.get(ch, ch) for ch in name), False),
            (name + " Group", False), (zh, True), (zh + "（中国）有限公司", True), (zh + "集团", True)]


class Builder:
    """Writes one random world and keeps its ground truth."""

    def __init__(self, app, members, rng):
        self.app, self.members, self.rng = app, members, rng
        self.world = World(app.extensions["graph"].driver, app.config["NEO4J_DATABASE"])
        self.tag = uuid.uuid4().hex[:6]

    def node(self, spelling: str) -> str:
        rows = self.world.run("MATCH (c:Company {key: $k}) RETURN c.id AS id",
                              k=normalised_key(spelling))
        return rows[0]["id"] if rows else self.world.company(spelling)

    def domain(self, real: int) -> str:
        return f"{REAL[real][0].split()[0].lower()}-{self.tag}.example"

    def pages(self) -> dict[int, str]:
        """Each real company's verified page, its zh name declared as an alias."""
        pages = {}
        for index, (name, zh) in enumerate(REAL):
            page = self.node(name + " Group")
            self.world.verify_company(page, self.domain(index))
            self.world.run("MATCH (c:Company {id: $c}) SET c.aliases = [$zh]", c=page, zh=zh)
            with self.world.driver.session(database=self.world.database) as session:
                session.execute_write(refresh_tie_keys, page)
            pages[index] = page
        return pages

    def spelled(self, real: int) -> str:
        name, zh = REAL[real]
        return self.node(self.rng.choice(spellings(name, zh))[0])

    def maybe(self) -> int | None:
        return self.rng.choice([None, *range(len(REAL))])


def _world(app, members, rng):
    b = Builder(app, members, rng)
    pages = b.pages()
    cand_id, ps = b.world.candidate("Cand " + b.tag)
    CandidateRepository(b.world.driver, b.world.database).update_settings(
        cand_id, "Engineer", "senior", "tech", "east-china", 2)
    hidden_from = set()
    employer = b.maybe()
    if employer is not None:
        b.world.employ(cand_id, b.spelled(employer))
        hidden_from.add(employer)
    own_domain = b.maybe()
    if own_domain is not None:
        b.world.confirm_work_email(cand_id, b.domain(own_domain))
        hidden_from.add(own_domain)
    for blocked in rng.sample(range(len(REAL)), rng.randint(0, 2)):
        b.world.run("MATCH (p:Person {id: $p}), (c:Company {id: $c}) MERGE (p)-[:BLOCKS]->(c)",
                    p=cand_id, c=b.spelled(blocked))
        hidden_from.add(blocked)
    viewers = []
    for _ in range(4):
        client, viewer_id = members.signup()
        ties = set()
        if (r := b.maybe()) is not None:
            b.world.employ(viewer_id, b.spelled(r))
            ties.add(r)
        if (r := b.maybe()) is not None:
            b.world.confirm_work_email(viewer_id, b.domain(r))
            ties.add(r)
        if (r := b.maybe()) is not None:
            b.world.run("MATCH (p:Person {id: $p}), (c:Company {id: $c}) "
                        "CREATE (p)-[:RECRUITS_FOR {status: $s}]->(c)", p=viewer_id,
                        c=pages[r], s=rng.choice(["verified", "pending", "declined"]))
            ties.add(r)
        b.world.befriend(viewer_id, cand_id)
        conversation = uuid.uuid4().hex
        b.world.run("MATCH (ps:Pseudonym {id: $ps}), (v:Person {id: $v}) "
                    "CREATE (c:Conversation {id: $id, pairKey: $id, createdAt: '2026-01-01', "
                    "updatedAt: '2026-01-01', messageCount: 1, candidateRead: 1, "
                    "counterpartRead: 0, candidateInterested: false, "
                    "counterpartInterested: false, version: 0}) "
                    "CREATE (c)-[:CANDIDATE]->(ps), (c)-[:COUNTERPART]->(v)",
                    ps=ps, v=viewer_id, id=conversation)
        viewers.append((client, viewer_id, ties, conversation))
    return ps, hidden_from, viewers


def test_no_tied_viewer_ever_sees_the_candidate(app, members):
    # Four sign-ups per world from one test address: the sign-up throttle is not under test.
    app.config["SIGNUP_LIMIT_PER_ADDRESS"] = "100000 per hour"
    rng = random.Random(SEED)
    search = app.extensions["graph"].candidate_search
    checked = {True: 0, False: 0}
    for _ in range(EXAMPLES):
        wipe(app.extensions["graph"].driver, app.config["NEO4J_DATABASE"])
        ps, hidden_from, viewers = _world(app, members, rng)
        system_ps = ps
        for client, viewer_id, ties, conversation in viewers:
            ps = seen_id(client, system_ps)  # the id this viewer's scope would be shown
            tied = bool(ties & hidden_from)
            checked[tied] += 1
            listed = client.get("/candidates").get_data(as_text=True)
            rows, total = search.browse(viewer_id, [], None, None, 0, 50)
            profile = client.get(f"/candidates/{ps}").status_code
            inbox = client.get("/messages").get_data(as_text=True)
            thread = client.get(f"/messages/{conversation}").status_code
            context = f"ties={ties} hidden_from={hidden_from}"
            assert (ps in listed) is not tied, context
            assert total == (0 if tied else 1) == len(rows), context
            assert profile == (404 if tied else 200), context
            assert (conversation in inbox) is not tied, context
            assert thread == (404 if tied else 200), context
    # The worlds exercised both sides of the rule.
    assert checked[True] and checked[False], checked
