"""The alerts demo for ``flask load-demo``: saved searches and job filters
(``demo.alerts``), then the saved searches run once as the hourly task would."""
from __future__ import annotations

import click

from demo.alerts import load_alert_demo

from .work import check_saved_searches


def load_and_describe(g, data) -> None:
    """Load the alerts demo for the demo logins and say what it made."""
    seekers = [person["id"] for person in data.people[2:4]]
    made = load_alert_demo(g, data.people[0]["id"], seekers)
    announced = check_saved_searches()
    click.echo(f"Alerts demo: {made['searches']} saved candidate search ({announced} "
               f"candidates announced), {made['filters']} saved job filters, "
               f"{made['alerts']} job alerts.")
