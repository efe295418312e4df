"""A web-level scene for the candidate tests: real sign-ups and logins, with companies,
recruiters and jobs written by ``candidate_fixtures.World``.

    Rita (verified recruiter, Hirer Inc) — Fred — Zelda (candidate at Hushhush Corp)
    Rob (verified recruiter, Other Hire) — Zelda
    Carl (contact) — Zelda;  Colin (colleague at Hushhush Corp) — Zelda
    Eve (verified recruiter FOR Hushhush Corp) — Fred
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tests.candidate_fixtures import World

CANDIDATE_NAME = "Zelda Quixote"
CANDIDATE_EMAIL = "zelda.quixote@example.com"
EMPLOYER = "Hushhush Corp"
SCHOOL = "Obscure Academy"
TITLE = "Principal Sleuth"
REAL_HEADLINE = "Zanzibar secret real headline"
START = "2015-04"


@dataclass
class Scene:
    """Logged-in clients and ids of everyone in the scene."""

    world: World
    clients: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)
    pseudonym: str = ""  # the system id: no page shows it to anyone but Zelda
    job: str = ""

    def pseudonym_for(self, viewer: str) -> str:
        """The id of Zelda's pseudonym as ``viewer`` (a scene key) sees it."""
        return self.world.scoped_pseudonym(self.ids[viewer], self.ids["zelda"])

    def identity_strings(self) -> list[str]:
        """Everything that would identify the candidate, member id included."""
        return [CANDIDATE_NAME, "Zelda", "Quixote", CANDIDATE_EMAIL, "zelda.quixote",
                EMPLOYER, "Hushhush", SCHOOL, TITLE, REAL_HEADLINE, START,
                self.ids["zelda"]]


def set_status(client, status: str, headline: str = ""):
    """Change the job status through the real profile form."""
    return client.post("/me/basics", {"headline": headline, "job_status": status},
                       token_from="/me")


def build_scene(members, world: World) -> Scene:
    """Sign everyone up, connect them and make Zelda a looking candidate."""
    scene = Scene(world=world)
    for key, name in [("zelda", CANDIDATE_NAME), ("rita", "Rita Recruiter"),
                      ("rob", "Rob Hirer"), ("fred", "Fred Friend"), ("carl", "Carl Contact"),
                      ("colin", "Colin Colleague"), ("eve", "Eve Employer")]:
        email = CANDIDATE_EMAIL if key == "zelda" else f"{key}@example.com"
        scene.clients[key], scene.ids[key] = members.signup(name, email)
        scene.clients[key].get("/home")  # shows (and so clears) the welcome message
    ids = scene.ids
    employer = world.company(EMPLOYER, industry="Finance", city="Beijing")
    hirer = world.company("Hirer Inc")
    other = world.company("Other Hire", city="Shenzhen")
    world.employ(ids["zelda"], employer, title=TITLE, start=START)
    world.school(ids["zelda"], SCHOOL)
    world.skills(ids["zelda"], "Python", "Go")
    world.employ(ids["colin"], employer)
    world.recruiter(ids["rita"], hirer)
    world.recruiter(ids["rob"], other)
    world.recruiter(ids["eve"], employer)
    scene.job = world.job(ids["rita"], hirer, title="Backend Engineer")
    world.chain(ids["rita"], ids["fred"], ids["zelda"])
    world.chain(ids["eve"], ids["fred"])
    for key in ("rob", "carl", "colin"):
        world.befriend(ids[key], ids["zelda"])
    response = set_status(scene.clients["zelda"], "looking", REAL_HEADLINE)
    assert response.status_code == 302, response.get_data(as_text=True)
    scene.pseudonym = world.pseudonym_of(ids["zelda"])
    assert scene.pseudonym
    return scene


_CSRF = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+(")')


def without_csrf(html: str) -> str:
    """The page with its per-session CSRF token blanked (the token is the viewer's, not
    data about what the page shows)."""
    return _CSRF.sub(r"\1-\2", html)


_PSEUDONYM_LINK = re.compile(r'href="/candidates/([\w-]{20,})">([^<]+)</a>')


def pseudonym_links(html: str) -> list[tuple[str, str]]:
    """Every (id, name) of a pseudonym linked on a page, as its viewer sees them."""
    return _PSEUDONYM_LINK.findall(html)


def conversation_id(response) -> str:
    """The conversation id from a redirect to its thread."""
    match = re.search(r"/messages/([\w-]+)", response.headers["Location"])
    assert match, response.headers.get("Location")
    return match.group(1)
