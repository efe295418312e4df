"""The workplace part of ``flask load-demo``: load the channels and say where to look."""
from __future__ import annotations

import click

from demo.workplace import load_workplace_demo
from graph.base import utc_now


def load_and_describe(g) -> None:
    """Load the workplace demo through the app's repositories and print a summary."""
    made = load_workplace_demo(g.driver, g.database, g.workplace, g.workplace_feedback,
                               utc_now())
    for company, counts in made.items():
        click.echo(f"Workplace channel at {company}: {counts['employees']} verified employees, "
                   f"{counts['posts']} threads.")
