"""Company insight for job seekers: what a company's verified employees say, in aggregate.

Shown to every member on the company page, and as two topics on job cards, only when the
company has at least ``k`` distinct posters over the last 90 days (the same rule as the
company label): topic counts and their trend (last 30 days against the 30 before), the top
public posts labelled with the company, and the "would recommend" share of the poll (when
at least ``k`` have answered). Industry-labelled public posts never count for a company:
their authors chose not to name it. Company-channel posts count as topics only, never by
their text.
"""
from __future__ import annotations

from graph.workplace.anonymity import TOPICS
from graph.workplace.membership import POST_FIELDS, POSTERS, WorkplaceRepository

TOP_POSTS = 3

# The company's posts that speak for it: its channel's, and public ones labelled with it.
_SPEAKS_FOR = """(post.status = 'visible' AND post.hourEpoch >= $since
  AND (post.channel = 'company' OR post.labelChoice = 'company'))"""

MATCH_INSIGHT = """
MATCH (c:Company {id: $companyId})
WITH c, """ + POSTERS + """ AS posters
CALL (c) {
  MATCH (post:WorkplacePost)-[:FROM]->(c) WHERE """ + _SPEAKS_FOR + """
  WITH post.topic AS topic, count(*) AS total,
       sum(CASE WHEN post.hourEpoch >= $recent THEN 1 ELSE 0 END) AS recent,
       sum(CASE WHEN post.hourEpoch < $recent AND post.hourEpoch >= $earlier THEN 1 ELSE 0 END) AS earlier
  ORDER BY total DESC, topic
  RETURN collect({topic: topic, total: total, recent: recent, earlier: earlier}) AS topics
}
CALL (c) {
  MATCH (post:WorkplacePost {channel: 'public', labelChoice: 'company'})-[:FROM]->(c)
  WHERE """ + _SPEAKS_FOR + """
  WITH post, c, COUNT { (:WorkplaceReaction)-[:ON]->(post) } AS score
  ORDER BY score DESC, post.hourEpoch DESC, post.id LIMIT $top
  WITH """ + POST_FIELDS + """ AS row
  RETURN collect(row) AS top
}
RETURN posters, topics, top,
  COUNT { (v:WorkplaceVote)-[:ABOUT]->(c) } AS voters,
  COUNT { (v:WorkplaceVote {recommend: true})-[:ABOUT]->(c) } AS recommend
"""

# Per company: its two most-reacted topics (reactions and "me too" on the posts that speak
# for it), for companies at or above k only.
MATCH_TOP_TOPICS = """
UNWIND $companyIds AS companyId
MATCH (c:Company {id: companyId})
WITH c WHERE """ + POSTERS + """ >= $k
CALL (c) {
  MATCH (post:WorkplacePost)-[:FROM]->(c) WHERE """ + _SPEAKS_FOR + """
  WITH post.topic AS topic, COUNT { (:WorkplaceReaction)-[:ON]->(post) } AS reactions
  WITH topic, sum(reactions) AS reactions, count(*) AS posts
  ORDER BY reactions DESC, posts DESC, topic LIMIT 2
  RETURN collect(topic) AS topics
}
RETURN c.id AS companyId, topics
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _trend(recent: int, earlier: int) -> str:
    if recent > earlier:
        return "up"
    if recent < earlier:
        return "down"
    return "steady"


class InsightRepository(WorkplaceRepository):
    """What employees say about a company, for job seekers."""

    def company(self, company_id: str) -> dict:
        """``{shown, posters, k, topics, top, poll}``: ``shown`` False (and nothing else
        filled) below the k threshold; ``poll`` None until ``k`` employees answered."""
        window = self.window()
        params = {"companyId": company_id, "top": TOP_POSTS,
                  "recent": window["since"] + 60 * 24, "earlier": window["since"] + 30 * 24,
                  **window}
        row = self._read(_single, MATCH_INSIGHT, params) or {
            "posters": 0, "topics": [], "top": [], "voters": 0, "recommend": 0}
        shown = row["posters"] >= self.k
        if not shown:  # below k nothing but the count leaves the repository
            return {"shown": False, "posters": row["posters"], "k": self.k, "topics": [],
                    "top": [], "poll": None}
        topics = [{**t, "label": TOPICS.get(t["topic"], t["topic"]),
                   "trend": _trend(t["recent"], t["earlier"])} for t in row["topics"]]
        poll = None
        if row["voters"] >= self.k:
            poll = {"voters": row["voters"],
                    "share": round(100 * row["recommend"] / row["voters"])}
        return {"shown": shown, "posters": row["posters"], "k": self.k, "topics": topics,
                "top": row["top"], "poll": poll}

    def top_topics(self, company_ids: list[str]) -> dict[str, list[str]]:
        """Company id → the labels of its two most-reacted topics (only companies at or
        above the k threshold appear), in one query for a whole list of jobs."""
        ids = sorted({cid for cid in company_ids if cid})
        if not ids:
            return {}
        rows = self._read(_rows, MATCH_TOP_TOPICS, {"companyIds": ids, **self.window()})
        return {row["companyId"]: [TOPICS.get(t, t) for t in row["topics"]]
                for row in rows if row["topics"]}
