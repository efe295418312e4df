"""The anonymity property of the workplace channel, on random members, companies and
posts made through the app: no channel response holds a member's id, name, e-mail,
pseudonym, author key or a time finer than the hour, and handles never link two threads.

A seeded random loop (each round is a whole world of sign-ups, so hypothesis' many
examples would be too slow): ``WORKPLACE_PROPERTY_ROUNDS`` (default 1) rounds from
``WORKPLACE_PROPERTY_SEED`` (default 16).
"""
from __future__ import annotations

import os
import random
import re

from graph.workplace import anonymity
from graph.workplace.anonymity import REACTIONS, TOPICS

from .candidate_fixtures import world  # noqa: F401  (fixture)
from .conftest import wipe
from .workplace_support import Workplace, workplace  # noqa: F401  (fixture)

ROUNDS = int(os.environ.get("WORKPLACE_PROPERTY_ROUNDS", 1))
SEED = int(os.environ.get("WORKPLACE_PROPERTY_SEED", 16))
HANDLE = re.compile("((?:" + "|".join(anonymity._ADJECTIVES) + ") (?:"
                    + "|".join(anonymity._ANIMALS) + r") \d{4})")
CLOCK = re.compile(r"\b(\d{2}):(\d{2})(?::\d{2})?\b")
INDUSTRIES = ("Banking", "Software", "Retail", "Media")


def _build_world(wp: Workplace, rng: random.Random, round_no: int):
    """Companies, employees (some seeking, with a pseudonym), an outsider, and random
    posts, comments and reactions; returns the members and the ground truth."""
    companies = [wp.company(f"Firm{round_no}x{n}", industry=rng.choice(INDUSTRIES))
                 for n in range(rng.randint(2, 3))]
    people = []  # (client, id, company id)
    for company in companies:
        for _ in range(rng.randint(1, 3)):
            client, person_id = wp.employee(company, name=f"Person {rng.randrange(10**6)} Q")
            if rng.random() < 0.5:
                wp.world.status(person_id, "looking")
            people.append((client, person_id, company))
    outsider = wp.members.signup(f"Outsider {round_no}")
    threads = {}  # post id -> [(author id, kind)] in order: the post, then its comments
    for _ in range(rng.randint(4, 8)):
        client, person_id, company = rng.choice(people)
        url = "/workplace/public" if rng.random() < 0.6 else f"/workplace/companies/{company}"
        post = wp.post_id(client, url, topic=rng.choice(list(TOPICS)),
                          title=f"Thread {rng.randrange(10**6)}",
                          label=rng.choice(["company", "industry"]))
        threads[post] = {"authors": [person_id], "company": company if "companies" in url else None}
    for _ in range(rng.randint(6, 14)):
        client, person_id, company = rng.choice(people)
        post = rng.choice(list(threads))
        if threads[post]["company"] not in (None, company):
            continue  # not their channel: tested as refused elsewhere
        assert wp.comment(client, post, f"Reply {rng.randrange(10**6)}").status_code == 302
        threads[post]["authors"].append(person_id)
        if rng.random() < 0.5:
            kind = rng.choice([*REACTIONS, "metoo"])
            client.post(f"/workplace/posts/{post}/react/{kind}", token_from="/workplace")
    return companies, people, outsider, threads


def _secrets(wp: Workplace) -> set[str]:
    rows = wp.world.run(
        "MATCH (p:Person) OPTIONAL MATCH (p)-[:HAS_PSEUDONYM]->(ps:Pseudonym) "
        "RETURN p.id AS id, p.name AS name, p.email AS email, p.workEmail AS workEmail, "
        "collect(ps.id) + collect(ps.hanzi) + collect(ps.pinyin) AS pseudonyms")
    keys = wp.world.run("MATCH (x) WHERE x:WorkplacePost OR x:WorkplaceComment "
                        "RETURN collect(DISTINCT x.authorKey) AS keys")[0]["keys"]
    found = set(keys)
    for row in rows:
        found.update(v for v in (row["id"], row["name"], row["email"], row["workEmail"],
                                 *row["pseudonyms"]) if v)
    return found


def _check_response(html: str, secrets: set[str], where: str) -> None:
    leaked = [s for s in secrets if s in html]
    assert leaked == [], f"{where} leaks {leaked}"
    for hours, minutes in CLOCK.findall(html):
        assert minutes == "00", f"{where} shows a time finer than the hour: {hours}:{minutes}"


def _thread_handles(html: str) -> list[str]:
    return HANDLE.findall(html)


def _one_round(wp: Workplace, rng: random.Random, round_no: int) -> None:
    companies, people, outsider, threads = _build_world(wp, rng, round_no)
    secrets = _secrets(wp)
    viewers = [(client, company) for client, _, company in people] + [(outsider[0], None)]
    handles_of = {}  # (thread, author) -> handle
    for client, company in viewers:
        pages = ["/workplace", "/workplace/public", "/workplace/public?sort=top"]
        if company:
            pages += [f"/workplace/companies/{company}",
                      f"/workplace/companies/{company}?sort=top"]
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, page
            _check_response(response.get_data(as_text=True), secrets, page)
        for company_id in companies:
            html = client.get(f"/companies/{company_id}").get_data(as_text=True)
            start = html.index('class="card workplace-insight"')
            _check_response(html[start:html.index("</section>", start)], secrets, "insight")
        for post, truth in threads.items():
            response = client.get(f"/workplace/posts/{post}")
            if truth["company"] not in (None, company):
                assert response.status_code == 404
                continue
            html = response.get_data(as_text=True)
            _check_response(html, secrets, f"thread {post}")
            shown = _thread_handles(html)
            assert len(shown) == len(truth["authors"]), "one handle per post and comment"
            for author, handle in zip(truth["authors"], shown):
                assert handles_of.setdefault((post, author), handle) == handle
    # Inside a thread a member keeps one handle, and two members never share one ...
    for post in threads:
        mine = {author: h for (p, author), h in handles_of.items() if p == post}
        assert len(set(mine.values())) == len(mine)
    # ... but across threads no handle repeats, so comparing handles links nobody.
    by_handle: dict[str, set[str]] = {}
    for (post, _), handle in handles_of.items():
        by_handle.setdefault(handle, set()).add(post)
    assert all(len(posts) == 1 for posts in by_handle.values())
    # The database itself holds no time finer than the hour for the channel.
    stamps = wp.world.run("MATCH (x) WHERE x:WorkplacePost OR x:WorkplaceComment "
                          "RETURN collect(x.hour) AS hours, "
                          "collect([k IN keys(x) WHERE k ENDS WITH 'At']) AS timeKeys")[0]
    assert all(h.endswith(":00 UTC") for h in stamps["hours"])
    assert all(keys == [] for keys in stamps["timeKeys"])


def test_no_channel_response_leaks_an_author(workplace, clean_db, database):  # noqa: F811
    for round_no in range(ROUNDS):
        if round_no:
            wipe(clean_db, database)
        _one_round(workplace, random.Random(SEED + round_no), round_no)
