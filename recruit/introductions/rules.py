"""Who may be asked about: shared by the introduction page and the JSON API."""
from __future__ import annotations

from flask_login import current_user

from graph.errors import Invalid

from ..extensions import graph


def introduction_target(person_id: str) -> tuple[dict, dict]:
    """``(target person, connection)`` for asking an introduction to ``person_id``:
    ``NotFound`` for an unknown member, ``Invalid`` unless they are at 2nd degree (the
    connection's ``mutuals`` are the friends who may be asked)."""
    target = graph().people.profile(person_id, current_user.id)["person"]
    connection = graph().network.connection(current_user.id, person_id)
    if connection["degree"] != 2:
        raise Invalid("Introductions are for people at 2nd degree: friends of your friends.")
    return target, connection
