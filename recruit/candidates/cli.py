"""``flask compute-influence``: the batch influence run, then pseudonyms for seekers."""
from __future__ import annotations

import click
from flask import Flask

from graph.network.analysis import compute_influence

from ..extensions import Graph, graph


def refresh_influence(g: Graph) -> tuple[dict[int, int], int]:
    """Recompute every member's influence level from the friendship graph, write it back
    in batches, then bring pseudonyms in line: retire those of members no longer looking,
    give an active pseudonym whose rank no longer matches its member's new level a name of
    the new rank, and create one for each looking/open member without one. Returns the
    members per level and how many pseudonyms were created."""
    member_ids, edges = g.influence.friendship_graph()
    per_level = g.influence.store(compute_influence(member_ids, edges))
    g.candidates.retire_stale()
    g.candidates.follow_levels()
    return per_level, g.candidates.assign_missing()


def register(app: Flask) -> None:
    """Attach the candidate commands to ``app``."""

    @app.cli.command("compute-influence")
    def compute_influence_command():
        """Recompute influence levels (PageRank and degree over friendships)."""
        per_level, assigned = refresh_influence(graph())
        total = sum(per_level.values())
        click.echo(f"Influence computed for {total} members: " +
                   ", ".join(f"level {level}: {count}" for level, count in per_level.items()))
        click.echo(f"Pseudonyms created for {assigned} members looking or open to offers.")
