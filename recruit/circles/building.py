"""The member's circles and one circle's members, shared by the pages and the API."""
from __future__ import annotations

from graph.errors import NotFound
from graph.i18n import Message, msg
from graph.network.circle_groups import CIRCLE_KINDS, build_circles, find_circle

from ..extensions import graph


def my_circles(member_id: str) -> tuple[dict, dict[str, dict]]:
    """``(circles by kind, friends by id)`` of the member's ego network."""
    ego = graph().circles.ego_network(member_id)
    return build_circles(ego), {friend["id"]: friend for friend in ego["friends"]}


def one_circle(member_id: str, kind: str, key: str) -> tuple[dict, dict[str, dict]]:
    """``(circle, friends by id)`` for ``kind``/``key`` (``all``: every contact);
    ``NotFound`` for an unknown kind or a circle the member does not have."""
    if kind not in CIRCLE_KINDS and kind != "all":
        raise NotFound("No such circle.")
    circles, friends = my_circles(member_id)
    if kind == "all":
        title = msg("All contacts")
        found = {"kind": "all", "key": "all", "name": title.english(), "note": "",
                 "title": title, "caption": Message(), "members": list(friends)}
    else:
        found = find_circle(circles, kind, key)
    if found is None:
        raise NotFound("No such circle among your contacts.")
    return found, friends
