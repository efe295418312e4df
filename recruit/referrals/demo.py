"""The referral part of ``flask load-demo``: load the story and say how to play it."""
from __future__ import annotations

import click
from flask import current_app

from demo.referrals import load_referral_demo
from graph.base import utc_now


def load_and_describe(g, data) -> None:
    """Load the referral demo for the first demo login and print who to log in as."""
    story = load_referral_demo(g.driver, g.database, data.people[0]["id"], utc_now(),
                               current_app.config["REFERRAL_POINTS"])
    if not story:
        return
    click.echo(f"Referral demo at {story['company']['name']}: {story['referrals']} referrals "
               "at various stages, with points and a leaderboard.")
    click.echo(f"Employee: {story['employee']['email']} sees who fits the openings"
               + (f" and can refer {story['friend']['name']} ({story['friend']['email']})."
                  if story["friend"] else "."))
    click.echo(f"Recruiter: {story['recruiter']['email']} moves referrals through the pipeline.")
