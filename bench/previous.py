"""The badges query as it was before the Q1 work, kept to measure before and after in the
same run (``--before-samples``). It gives the same answers as ``graph.network``'s, slowly:
it checks a relationship per row and recounts a mutual friend's closeness per target."""
from __future__ import annotations

from neo4j import unit_of_work

from graph.base import Repository

# The old query can take minutes for a well-connected viewer; the server cancels it here.
TIMEOUT_SECONDS = 30

PREVIOUS_MATCH_BADGES = """
MATCH (v:Person {id: $viewerId})
UNWIND $targetIds AS targetId
MATCH (t:Person {id: targetId})
CALL (v, t) {
  OPTIONAL MATCH (v)-[:FRIENDS_WITH]-(m:Person)-[:FRIENDS_WITH]-(t)
  WITH m, CASE WHEN m IS NULL THEN 0
              ELSE COUNT { (v)-[:FRIENDS_WITH]-(:Person)-[:FRIENDS_WITH]-(m) } END AS closeness
  ORDER BY closeness DESC, m.name, m.id
  RETURN count(m) AS mutualCount,
         collect(m {.id, .name, closeness: closeness})[..$shown] AS mutuals
}
RETURN t.id AS id,
       CASE WHEN t = v THEN 0
            WHEN EXISTS { (v)-[:FRIENDS_WITH]-(t) } THEN 1
            WHEN mutualCount > 0 THEN 2
            ELSE 3 END AS degree,
       mutualCount, mutuals
"""


@unit_of_work(timeout=TIMEOUT_SECONDS)
def _rows(tx, params):
    return [record.data() for record in tx.run(PREVIOUS_MATCH_BADGES, params)]


class PreviousBadges(Repository):
    """``NetworkRepository.badges`` with the previous query: one read transaction."""

    def badges(self, viewer_id: str, target_ids: list[str], shown: int = 3) -> dict[str, dict]:
        """Same contract as ``graph.network.NetworkRepository.badges``."""
        rows = self._read(_rows, {"viewerId": viewer_id,
                                  "targetIds": list(dict.fromkeys(target_ids)), "shown": shown})
        return {row["id"]: row for row in rows}
