"""``flask contacts ...`` commands."""
from __future__ import annotations

import click

from . import bp
from .email_keys import rebuild_email_keys


@bp.cli.command("email-keys")
@click.option("--all", "rebuild_all", is_flag=True,
              help="Rebuild every member's key (after CONTACT_HMAC_KEY or SECRET_KEY changed).")
def email_keys(rebuild_all: bool):
    """Give members their e-mail match key (those who lack one, or everyone)."""
    count = rebuild_email_keys(missing_only=not rebuild_all)
    click.echo(f"E-mail match keys set for {count} members.")
