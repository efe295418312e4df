"""Q4: people you may know, top 20 (the /suggestions page).

Neo4j is measured through the app's own ``SuggestionRepository.page`` (page 1 of 20);
``app`` is the same repository on the network index (what the page runs when the index is
on: scores and order in memory, the viewer's links and the page's rows from Neo4j).
The baselines (``bench.suggest_baselines``) score the same candidates from the generated
data; before timing, every sampled viewer's top 20 (ids, scores, mutual/company/school
counts, the three mutual friends shown) and total must be identical.
"""
from __future__ import annotations

import numpy as np

from graph.network.suggestions import SuggestionRepository

from .cellkit import measure, viewer_groups
from .previous import PreviousSuggestions
from .registry import Context, register
from .suggest_baselines import Affiliations, CsrSuggestions, NetworkxSuggestions

OPERATION = "Q4 people you may know, top 20"
PAGE = 20


def neo4j_answer(rows: list[dict], total: int) -> tuple[list[tuple], int]:
    """Repository rows reduced like the baselines' answers."""
    return [(r["person"]["id"], r["score"], r["mutualCount"], len(r["companies"]),
             len(r["schools"]), tuple(m["id"] for m in r["mutuals"])) for r in rows], total


def variants(ctx: Context) -> tuple[dict, dict]:
    """(timed calls, comparable calls): name -> viewer index -> answer."""
    data = ctx.data
    repository = SuggestionRepository(ctx.driver, ctx.settings.database)
    aff = Affiliations(data)
    impls = [CsrSuggestions(data, aff)]
    if ctx.networkx is not None:
        impls.append(NetworkxSuggestions(data, aff, ctx.networkx.graph))

    def neo4j(v):
        return repository.page(data.ids[v], 0, PAGE)

    indexed = SuggestionRepository(ctx.driver, ctx.settings.database, ctx.network_index)

    def app(v):
        return indexed.page(data.ids[v], 0, PAGE)

    calls = {"neo4j": neo4j, "app": app}
    comparable = {"neo4j": lambda v: neo4j_answer(*neo4j(v)),
                  "app": lambda v: neo4j_answer(*app(v))}
    for impl in impls:
        calls[impl.name] = comparable[impl.name] = lambda v, impl=impl: impl.top(v, PAGE)
    return calls, comparable


@register("q4", OPERATION)
def run(ctx: Context) -> None:
    """Sample viewers (uniform, and per friend-count stratum), check, time."""
    rng = np.random.default_rng([ctx.settings.seed, 404])
    calls, comparable = variants(ctx)
    previous = PreviousSuggestions(ctx.driver, ctx.settings.database)
    measure(ctx, OPERATION, calls, comparable, viewer_groups(ctx, rng),
            before=lambda v: neo4j_answer(*previous.page(ctx.data.ids[v], 0, PAGE)))
