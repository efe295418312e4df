"""Q5 (job feed): the app's network job feed page (``/jobs``) under load over HTTP.

As ``q5-search``: gunicorn serves ``wsgi:app`` against the bench database, bench members
log in through the real form (random members and, apart, the top 1% and celebrities) and
a load generator on the same machine sends their requests. Each page runs the app's real
work: the session's account and the feed query (two-degree reach, links grouped per job,
rank, one page of 20 with paths and the total).

Groups: the feed's first page (``/jobs``, where the "Jobs" link lands) by random members,
the same by the best connected, and a mix by random members: page 2, a city filter, a
skill filter and a minimum salary (a quarter each).

Before timing, each session's first page must answer 200 with as many job cards as the
feed holds (up to 20), each card with its connection path, and show the same total as
the CSR baseline computes for that member (``bench.feed_baselines``); one mixed page per
session is checked the same way against its own total.
"""
from __future__ import annotations

import logging
import re
import urllib.parse

import numpy as np

from . import vocab
from .dataset import Dataset
from .feed_baselines import CsrFeed, JobIndex
from .http_server import AppServer, Session
from .q5_http import load_and_record, log_in_sessions, viewer_pools
from .registry import Context, register

logger = logging.getLogger(__name__)

OPERATION = "Q5 job-feed page, 20 jobs with paths (HTTP)"
LANDING = "/jobs"
PAGE_SIZE = 20  # the app's default PAGE_SIZE; the checks count cards against it
CARD = '<li class="job">'
PATH = '<p class="path">'
TOTAL = re.compile(r"(\d+) jobs? within two degrees\.")
MIXED_KINDS = ("page 2", "city", "skill", "minimum salary")


def _feed_path(**args) -> str:
    return LANDING + "?" + urllib.parse.urlencode(args)


def mixed_paths(data: Dataset, rng: np.random.Generator, count: int) -> list[str]:
    """Feed URLs beyond the first page: page 2, the city of an open job, a skill an open
    job requires, or a minimum salary of 30,000-60,000 CNY (a quarter each). Cities and
    skills are drawn through open jobs, so popular ones come up as often as in the feed."""
    w = data.work
    jobs = np.flatnonzero(w.job_open)
    paths = []
    for kind in rng.integers(0, len(MIXED_KINDS), count).tolist():
        job = int(jobs[rng.integers(0, len(jobs))])
        if kind == 0:
            paths.append(_feed_path(page=2))
        elif kind == 1:
            paths.append(_feed_path(city=vocab.CITIES[w.company_city[w.job_company[job]]]))
        elif kind == 2:
            skill = int(rng.choice(w.job_skills[job]))
            paths.append(_feed_path(skills=w.skill_names[skill]))
        else:
            paths.append(_feed_path(min_salary=int(rng.integers(3, 7)) * 10_000,
                                    currency="CNY"))
    return paths


def expected_cards(path: str, total: int) -> int:
    """How many job cards the page at ``path`` shows when the feed holds ``total`` jobs."""
    page = int(urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("page", ["1"])[0])
    return min(max(total - (page - 1) * PAGE_SIZE, 0), PAGE_SIZE)


def check_page(server: AppServer, cookie: str, path: str, total: int | None = None) -> int:
    """The page answers 200 with the feed's total and the cards it implies, each with a
    connection path; ``total``, when given, is what the page must report. Returns the
    number of cards; raises ``RuntimeError`` on anything else."""
    status, _, html = server.request("GET", path, cookie)
    found = TOTAL.search(html)
    if status != 200 or found is None:
        raise RuntimeError(f"{path} answered {status} without a feed; is the session valid?")
    shown, cards, paths = int(found.group(1)), html.count(CARD), html.count(PATH)
    if total is not None and shown != total:
        raise RuntimeError(f"{path} shows {shown} jobs within two degrees; expected {total}")
    if cards != expected_cards(path, shown) or paths != cards:
        raise RuntimeError(f"{path}: {cards} job cards and {paths} paths for {shown} jobs")
    return cards


def check_sessions(server: AppServer, sessions: list[Session], totals, mixed: list[str]) -> None:
    """Each session's first page against ``totals(member)`` (the baseline feed total),
    and, when ``mixed`` is given, one mixed page per session. Some page must show cards."""
    cards = 0
    for i, session in enumerate(sessions):
        cards += check_page(server, session.cookie, LANDING, totals(session.member))
        if mixed:
            cards += check_page(server, session.cookie, mixed[i % len(mixed)])
    if not cards:
        raise RuntimeError("no job cards on any checked feed page")


def baseline_totals(data: Dataset):
    """member -> how many jobs the member's feed holds, from the CSR baseline."""
    feed = CsrFeed(data, JobIndex(data))
    return lambda member: feed.feed(member, 1)[1]


def _lines(sessions: list[Session], paths: list[str],
           rng: np.random.Generator) -> list[tuple[str, str]]:
    picks = rng.integers(0, len(sessions), len(paths)).tolist()
    return [(sessions[s].cookie, path) for s, path in zip(picks, paths)]


@register("q5-jobs", OPERATION)
def run(ctx: Context) -> None:
    """Serve the app, log members in, check their feed pages, then load: first pages by
    random members, by the best connected, and the mixed pages by random members."""
    s = ctx.settings
    rng = np.random.default_rng([s.seed, 507])
    pools, totals = viewer_pools(ctx.data), baseline_totals(ctx.data)
    plan = [("random members", False), ("top-1% and celebrity members", False),
            ("random members", True)]
    with AppServer(s.http_port, s.http_workers, s.neo4j_uri, s.database) as server:
        sessions = {name: log_in_sessions(server, ctx.data, rng, pool)
                    for name, pool in pools.items()}
        for who, mixed in plan:
            paths = mixed_paths(ctx.data, rng, 600) if mixed else [LANDING]
            check_sessions(server, sessions[who], totals, paths if mixed else [])
            logger.info("Q5 jobs, %s: %d sessions checked", who, len(sessions[who]))
            lines = _lines(sessions[who], paths * (1 if mixed else 600), rng)
            kind = "mixed pages (page 2, city, skill, salary)" if mixed else "first pages"
            load_and_record(ctx, OPERATION, lines, f"{kind} by {len(sessions[who])} {who}")
