"""A member's ego network (friends, their affiliations, the friendships among them) and
the private labels the member puts on friends.

``(me)-[:LABELS {key, name, createdAt}]->(friend)``: one relationship per label and
friend; only ``me`` ever reads it. Grouping into circles is in ``circle_groups``.
"""
from __future__ import annotations

import logging

from graph.base import Repository, utc_now
from graph.errors import Invalid, NotFound
from graph.keys import display_name, normalised_key

logger = logging.getLogger(__name__)

MAX_LABEL_LENGTH = 40
MAX_LABELS_PER_CONTACT = 10
MAX_LABELS = 50

# Titles: the current ones, or the latest when a friend has no current position.
MATCH_EGO_NETWORK = """
MATCH (me:Person {id: $meId})
RETURN COLLECT {
  MATCH (me)-[:FRIENDS_WITH]-(f:Person)
  WITH DISTINCT f ORDER BY f.name, f.id
  RETURN f {.id, .name, .headline,
    companies: COLLECT { MATCH (f)-[r:WORKS_AT]->(c:Company)
                         RETURN {key: c.key, name: c.name, current: r.current}
                         ORDER BY r.current DESC },
    schools: COLLECT { MATCH (f)-[:STUDIED_AT]->(s:School) RETURN {key: s.key, name: s.name} },
    skills: COLLECT { MATCH (f)-[:HAS_SKILL]->(s:Skill) RETURN {key: s.key, name: s.name} },
    titles: CASE WHEN EXISTS { (f)-[:WORKS_AT {current: true}]->(:Company) }
      THEN COLLECT { MATCH (f)-[r:WORKS_AT {current: true}]->(:Company) RETURN r.title }
      ELSE COLLECT { MATCH (f)-[r:WORKS_AT]->(:Company)
                     RETURN r.title ORDER BY r.start DESC LIMIT 1 } END,
    labels: COLLECT { MATCH (me)-[l:LABELS]->(f)
                      RETURN DISTINCT {key: l.key, name: l.name} }}
} AS friends,
COLLECT {
  MATCH (me)-[:FRIENDS_WITH]-(a:Person)-[:FRIENDS_WITH]-(b:Person)-[:FRIENDS_WITH]-(me)
  WHERE a.id < b.id
  RETURN [a.id, b.id]
} AS edges
"""

MATCH_LABEL_STATE = """
MATCH (me:Person {id: $meId})-[:FRIENDS_WITH]-(f:Person {id: $friendId})
RETURN EXISTS { (me)-[:LABELS {key: $key}]->(f) } AS has,
       COUNT { (me)-[:LABELS]->(f) } AS onContact,
       size(COLLECT { MATCH (me)-[l:LABELS]->(:Person) RETURN DISTINCT l.key }) AS labels,
       head(COLLECT { MATCH (me)-[l:LABELS {key: $key}]->(:Person) RETURN l.name }) AS name
"""

CREATE_LABEL = """
MATCH (me:Person {id: $meId})-[:FRIENDS_WITH]-(f:Person {id: $friendId})
CREATE (me)-[:LABELS {key: $key, name: $name, createdAt: $now}]->(f)
"""

DELETE_LABEL = """
MATCH (:Person {id: $meId})-[l:LABELS {key: $key}]->(:Person {id: $friendId})
DELETE l
RETURN count(*) AS deleted
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _add_label(tx, params: dict) -> str:
    state = tx.run(MATCH_LABEL_STATE, params).single()
    if state is None:
        raise NotFound("You can label your friends only.")
    if state["has"]:
        return "exists"
    if state["onContact"] >= MAX_LABELS_PER_CONTACT:
        raise Invalid("A friend can have at most %(max)s labels.", max=MAX_LABELS_PER_CONTACT)
    if state["name"] is None and state["labels"] >= MAX_LABELS:
        raise Invalid("You can use at most %(max)s different labels.", max=MAX_LABELS)
    # A label typed "Climbing" after "climbing" joins the existing circle and its name.
    tx.run(CREATE_LABEL, {**params, "name": state["name"] or params["name"]}).consume()
    return "added"


def label_problem(raw: str) -> str | None:
    """Why ``raw`` cannot be a label, or None."""
    name = display_name(raw)
    if not name:
        return "Type a label."
    if len(name) > MAX_LABEL_LENGTH:
        return f"Use at most {MAX_LABEL_LENGTH} characters."
    return None


class CircleRepository(Repository):
    """Reads the member's ego network and keeps their private labels."""

    def ego_network(self, me_id: str) -> dict:
        """``{friends: [...], edges: [[id, id], ...]}``: each friend with companies
        (current flag), schools, skills, titles and the member's labels on them, and the
        friendships among the friends. One query."""
        row = self._read(_single, MATCH_EGO_NETWORK, {"meId": me_id})
        if row is None:
            raise NotFound("No such member.")
        row["edges"] = [tuple(edge) for edge in row["edges"]]
        return row

    def add_label(self, me_id: str, friend_id: str, raw_name: str) -> str:
        """Put a private label on a friend; returns 'added' or 'exists'."""
        problem = label_problem(raw_name)
        if problem:
            raise Invalid(problem)
        name = display_name(raw_name)
        params = {"meId": me_id, "friendId": friend_id, "key": normalised_key(name),
                  "name": name, "now": utc_now()}
        return self._write(_add_label, params)

    def remove_label(self, me_id: str, friend_id: str, key: str) -> None:
        """Take a label off a friend."""
        row = self._write(_single, DELETE_LABEL,
                          {"meId": me_id, "friendId": friend_id, "key": key})
        if not row["deleted"]:
            raise NotFound("No such label on this contact.")
