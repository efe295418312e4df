"""``flask`` commands: schema and demo data."""
from __future__ import annotations

import click
from flask import Flask

from demo.applications import load_application_demo
from demo.loader import load_demo, person_count
from demo.network import DEMO_PASSWORD, generate
from graph.base import utc_now
from graph.index import NetworkIndex
from graph.index.changelog import REBUILD, change, log_changes, prune_older_than
from graph.schema import apply_schema, apply_schema_when_reachable

from .auth.passwords import hash_password
from .candidates.cli import refresh_influence
from .contacts.email_keys import rebuild_email_keys
from .extensions import graph
from .alerts.demo import load_and_describe as load_alert_demo
from .hiring.files import store_resume
from .referrals.demo import load_and_describe as load_referral_demo
from .workplace.demo import load_and_describe as load_workplace_demo


def _request_index_rebuild(g) -> None:
    with g.driver.session(database=g.database) as session:
        session.execute_write(log_changes, [change(REBUILD, "all")])


def register(app: Flask) -> None:
    """Attach the commands to ``app``."""

    @app.cli.group("index")
    def index_group():
        """The in-memory network index of the app processes."""

    @index_group.command("rebuild")
    def index_rebuild():
        """Make every running app process rebuild its network index."""
        _request_index_rebuild(graph())
        click.echo("Rebuild requested; each app process rebuilds within a second or two.")

    @index_group.command("prune")
    @click.option("--days", default=7, show_default=True, help="Keep this many days of changes.")
    def index_prune(days: int):
        """Delete old entries of the index's change log (run daily)."""
        g, deleted = graph(), 0
        with g.driver.session(database=g.database) as session:
            while batch := session.execute_write(prune_older_than, days):
                deleted += batch
        click.echo(f"Deleted {deleted} changes older than {days} days.")

    @index_group.command("status")
    def index_status():
        """Build an index here, as an app process would, and report its size and lag."""
        g = graph()
        index = NetworkIndex(g.driver, g.database)
        index.rebuild()
        info = index.status()
        click.echo(", ".join(f"{k}: {v}" for k, v in info.items()))

    @app.cli.command("init-db")
    @click.option("--wait", "wait_seconds", default=0.0, show_default=True,
                  help="Retry with back-off for up to this many seconds while Neo4j is away.")
    def init_db(wait_seconds: float):
        """Create missing constraints and indexes (idempotent)."""
        count = apply_schema_when_reachable(graph().driver, graph().database, wait_seconds)
        click.echo(f"Schema applied ({count} statements).")

    @app.cli.command("load-demo")
    @click.option("--if-empty", is_flag=True, help="Do nothing if any member exists.")
    @click.option("--seed", default=2026, show_default=True, help="Random seed.")
    @click.option("--members", default=320, show_default=True, help="How many members.")
    def load_demo_command(if_empty: bool, seed: int, members: int):
        """Load the deterministic demo network and print a few logins."""
        g = graph()
        existing = person_count(g.driver, g.database)
        if existing and if_empty:
            click.echo(f"Database holds {existing} members already; demo data not loaded.")
            return
        if existing:
            raise click.ClickException(
                f"Database holds {existing} members; demo data goes into an empty database only.")
        apply_schema(g.driver, g.database)
        data = generate(seed=seed, member_count=members)
        counts = load_demo(g.driver, g.database, data, hash_password(DEMO_PASSWORD), utc_now())
        load_referral_demo(g, data)
        load_workplace_demo(g)
        click.echo("Demo data loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        _request_index_rebuild(g)  # running app processes pick the bulk load up
        rebuild_email_keys(missing_only=True)  # demo members can be found by e-mail
        _, pseudonyms = refresh_influence(g)
        click.echo(f"Influence levels computed; {pseudonyms} members looking or open got a pseudonym.")
        applied = load_application_demo(g.driver, g.database, data.people[0]["id"], utc_now(),
                                        attach=store_resume)
        click.echo(f"Application demo: {applied} applications (as themselves and under a "
                   "pseudonym, each with a generated résumé PDF) on the recruiter's pipeline "
                   "board, next to the referrals.")
        load_alert_demo(g, data)
        click.echo(f"Demo logins (password: {DEMO_PASSWORD}):")
        for person in data.people[:4]:
            click.echo(f"  {person['email']}  ({person['name']})")
        recruiting = [r for r in data.recruiters
                      if r["personId"] == data.people[1]["id"] and r["status"] == "verified"]
        if recruiting:
            click.echo(f"  {data.people[1]['name']} is a verified recruiter and page admin: "
                       "try posting a job.")
