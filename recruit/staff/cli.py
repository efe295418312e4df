"""``flask staff add EMAIL``: make an existing member site staff."""
from __future__ import annotations

import click

from graph.errors import NotFound

from ..extensions import graph
from . import bp


@bp.cli.command("add")
@click.argument("email")
def add_staff_command(email: str):
    """Make the member with EMAIL site staff."""
    try:
        member = graph().staff.add_staff(email)
    except NotFound as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"{member['name']} is now site staff.")
