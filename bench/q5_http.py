"""Q5 (people search): the app's search page with degree badges, under load over HTTP.

gunicorn serves ``wsgi:app`` against the bench database; bench members log in through the
form: members drawn at random (as traffic would come: most have few friends) and, apart,
the best connected (top 1% and celebrities), whose badges cost the most; a load generator
on the same machine sends their searches. Each page runs the app's real work: the session's account,
the search query, and the badges of the page's 20 people in one query. Before timing, one
page per session is checked: 200, the results, and degree badges on them.

The job-feed page is the cell ``q5-jobs`` (``bench.q5_jobs``), which shares these helpers.
"""
from __future__ import annotations

import logging
import urllib.parse

import numpy as np

from .dataset import Dataset
from .http_server import AppServer, Session
from .loadgen import run_load
from .registry import Context, Result, register
from .viewers import strata

logger = logging.getLogger(__name__)

OPERATION = "Q5 people-search page, 20 results with badges (HTTP)"
SESSIONS = 40
WARM_UP_SECONDS = 5
SURNAMES = ["wang", "li", "zhang", "liu", "chen", "garcia", "nguyen", "patel", "kim", "rossi"]


def _search_path(term: str) -> str:
    return "/search?" + urllib.parse.urlencode({"q": term})


def search_paths(data: Dataset, rng: np.random.Generator, count: int, mixed: bool) -> list[str]:
    """Searches as members type them: full names of members; when ``mixed``, also
    surnames alone (thousands of matches), skills and companies (60/20/10/10)."""
    pools = [data.names, SURNAMES, data.work.skill_names, data.work.company_names]
    # The search form wants 2 to 100 characters ("R" the skill is not a valid search).
    pools = [[term for term in pool if 2 <= len(term) <= 100] for pool in pools]
    kinds = rng.choice(4, size=count, p=[0.6, 0.2, 0.1, 0.1] if mixed else [1, 0, 0, 0])
    return [_search_path(pools[k][int(rng.integers(0, len(pools[k])))]) for k in kinds.tolist()]


def viewer_pools(data: Dataset) -> dict[str, np.ndarray]:
    """Who logs in: anyone (uniformly), or only the best connected."""
    groups = {g.name: g.members for g in strata(data)}
    top = np.concatenate([groups.get("top1%", []), groups.get("celebrity", [])]).astype(int)
    return {"random members": np.arange(data.n), "top-1% and celebrity members": top}


def log_in_sessions(server: AppServer, data: Dataset, rng: np.random.Generator,
                    pool: np.ndarray) -> list[Session]:
    """Up to ``SESSIONS`` logged-in members from ``pool``; celebrities always among the
    best connected, since they are few."""
    chosen = rng.choice(pool, size=min(SESSIONS, len(pool)), replace=False).tolist()
    return [server.login(member, data.email(member)) for member in chosen]


def check_pages(server: AppServer, lines: list[tuple[str, str]]) -> None:
    """Each request line answers 200 with a results list; at least one page shows degree
    badges (full-name searches always find someone). Raises on anything else."""
    badges = 0
    for cookie, path in lines:
        status, _, html = server.request("GET", path, cookie)
        if status != 200 or 'class="people"' not in html:
            raise RuntimeError(f"{path} answered {status} without results; is the session valid?")
        badges += html.count('class="badge badge-')
    if not badges:
        raise RuntimeError("no degree badges on any checked search page")


def _lines(data, rng, sessions, mixed: bool, count: int = 600) -> list[tuple[str, str]]:
    paths = search_paths(data, rng, count, mixed)
    picks = rng.integers(0, len(sessions), count).tolist()
    return [(sessions[s].cookie, path) for s, path in zip(picks, paths)]


@register("q5-search", OPERATION)
def run(ctx: Context) -> None:
    """Serve the app, log members in, then load it: full-name searches by random members,
    the same by the best connected, and a mix of searches by random members."""
    s = ctx.settings
    rng = np.random.default_rng([s.seed, 505])
    pools = viewer_pools(ctx.data)
    plan = [("random members", False), ("top-1% and celebrity members", False),
            ("random members", True)]
    with AppServer(s.http_port, s.http_workers, s.neo4j_uri, s.database) as server:
        sessions = {name: log_in_sessions(server, ctx.data, rng, pool)
                    for name, pool in pools.items()}
        for who, mixed in plan:
            lines = _lines(ctx.data, rng, sessions[who], mixed)
            check_pages(server, [(sess.cookie, lines[i][1])
                                 for i, sess in enumerate(sessions[who])])
            load_and_record(ctx, OPERATION, lines,
                            f"{'mixed' if mixed else 'full-name'} searches by "
                            f"{len(sessions[who])} {who}")


def load_and_record(ctx: Context, operation: str, lines: list[tuple[str, str]],
                    group: str) -> None:
    """Warm up, then send ``lines`` for the set time and add the row: ``group`` plus the
    server and load settings; failed requests are counted by status in the notes."""
    s = ctx.settings
    run_load(s.http_port, lines, WARM_UP_SECONDS, s.http_connections)
    measured = run_load(s.http_port, lines, s.http_seconds, s.http_connections)
    failed = measured["non200"] + measured["socketErrors"]
    notes = (f"{failed} of {measured['requests']} requests failed: "
             f"{measured['statuses']}, {measured['socketErrors']} socket errors"
             if failed else "")
    if failed:
        logger.warning("%s, %s: %s", operation, group, notes)
    label = (f"{group}; {s.http_workers} gunicorn workers, {s.http_connections} "
             f"connections, {measured['tool']}")
    ctx.add(Result(operation, ctx.data.n, "http", label, measured, notes=notes))
