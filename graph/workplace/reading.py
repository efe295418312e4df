"""Reading the workplace channel: a channel's posts (new or top, paged) and one thread.

Every answer is built from ``membership.POST_FIELDS`` and the comment fields below: random
ids, per-thread handles, hours, labels and counts; never an author key, a member or an
exact time. Held and hidden posts are shown to nobody here (staff see them in the queue).
"""
from __future__ import annotations

from graph.errors import Forbidden, NotFound
from graph.workplace.anonymity import REACTIONS, ME_TOO, reaction_key
from graph.workplace.membership import MEMBER_OF, POST_FIELDS, WorkplaceRepository

SORTS = ("new", "top")

# The post's channel, readable by the viewer: public to every member, a company's own to
# its members only.
_READABLE = """(post.channel = 'public' OR EXISTS { MATCH (post)-[:IN_CHANNEL]->(ch:Company)
  WHERE """ + MEMBER_OF + """ })"""

_SCORE = """COUNT { (:WorkplaceReaction)-[:ON]->(post) }
  + COUNT { (:WorkplaceComment {status: 'visible'})-[:ON]->(post) }"""

MATCH_PUBLIC_POSTS = {
    sort: """
MATCH (post:WorkplacePost {channel: 'public', status: 'visible'})-[:FROM]->(c:Company)
WITH post, c, """ + _SCORE + """ AS score
ORDER BY """ + order + """
SKIP $skip LIMIT $limit
RETURN """ + POST_FIELDS + """ AS post
""" for sort, order in (("new", "post.hourEpoch DESC, post.id"),
                        ("top", "score DESC, post.hourEpoch DESC, post.id"))}

COUNT_PUBLIC_POSTS = """
MATCH (post:WorkplacePost {channel: 'public', status: 'visible'}) RETURN count(post) AS total
"""

# The viewer's own channel only: ``ch`` must be the company of their work e-mail.
MATCH_COMPANY_POSTS = {
    sort: """
MATCH (v:Person {id: $me}), (ch:Company {id: $companyId})
WHERE """ + MEMBER_OF + """
MATCH (post:WorkplacePost {status: 'visible'})-[:IN_CHANNEL]->(ch), (post)-[:FROM]->(c:Company)
WITH post, c, """ + _SCORE + """ AS score
ORDER BY """ + order + """
SKIP $skip LIMIT $limit
RETURN """ + POST_FIELDS + """ AS post
""" for sort, order in (("new", "post.hourEpoch DESC, post.id"),
                        ("top", "score DESC, post.hourEpoch DESC, post.id"))}

MATCH_CHANNEL = """
MATCH (v:Person {id: $me}), (ch:Company {id: $companyId})
WHERE """ + MEMBER_OF + """
RETURN ch {.id, .name, .industry} AS company,
       COUNT { (:WorkplacePost {status: 'visible'})-[:IN_CHANNEL]->(ch) } AS total,
       size(COLLECT { MATCH (x)-[:FROM]->(ch)
         WHERE (x:WorkplacePost OR x:WorkplaceComment) AND x.hourEpoch >= $since
         RETURN DISTINCT x.authorKey }) AS posters
"""

MATCH_THREAD = """
MATCH (v:Person {id: $me}), (post:WorkplacePost {id: $postId, status: 'visible'})-[:FROM]->(c:Company)
WHERE """ + _READABLE + """
RETURN """ + POST_FIELDS + """ AS post,
  COLLECT { MATCH (cm:WorkplaceComment {status: 'visible'})-[:ON]->(post)
            WITH cm ORDER BY cm.seq
            RETURN cm {.id, .body, .handle, .hour} } AS comments,
  COLLECT { MATCH (r:WorkplaceReaction)-[:ON]->(post) WHERE r.key IN $myKeys
            RETURN r.kind } AS mine,
  COLLECT { MATCH (r:WorkplaceReaction)-[:ON]->(post) WHERE r.kind <> 'metoo'
            RETURN r.kind } AS kinds
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _page(tx, query, count_query, params):
    rows = [record["post"] for record in tx.run(query, params)]
    total = tx.run(count_query, params).single()["total"]
    return rows, total


def _company_page(tx, query, params):
    channel = _single(tx, MATCH_CHANNEL, params)
    if channel is None:
        raise Forbidden("Only the verified employees of this company can read its channel.")
    channel["posts"] = [record["post"] for record in tx.run(query, params)]
    return channel


class ReadingRepository(WorkplaceRepository):
    """Channel pages and threads."""

    def public_posts(self, sort: str, skip: int, limit: int) -> tuple[list[dict], int]:
        """A page of the public channel, ``new`` or ``top`` first, and the total."""
        query = MATCH_PUBLIC_POSTS.get(sort, MATCH_PUBLIC_POSTS["new"])
        return self._read(_page, query, COUNT_PUBLIC_POSTS,
                          {"skip": skip, "limit": limit, **self.window()})

    def company_posts(self, member_id: str, company_id: str, sort: str, skip: int,
                      limit: int) -> dict:
        """``{company, total, posters, posts}`` of a company channel; ``Forbidden`` unless
        the member belongs to it."""
        query = MATCH_COMPANY_POSTS.get(sort, MATCH_COMPANY_POSTS["new"])
        return self._read(_company_page, query, {
            "me": member_id, "companyId": company_id, "skip": skip, "limit": limit,
            **self.window()})

    def thread(self, member_id: str, post_id: str) -> dict:
        """``{post, comments, mine, counts}``: ``mine`` the viewer's own reactions, found by
        their per-post keys. ``NotFound`` for a post the member may not read."""
        my_keys = [reaction_key(self.key, member_id, post_id, kind)
                   for kind in (*REACTIONS, ME_TOO)]
        row = self._read(_single, MATCH_THREAD, {"me": member_id, "postId": post_id,
                                                 "myKeys": my_keys, **self.window()})
        if row is None:
            raise NotFound("No such post.")
        counts = {kind: row["kinds"].count(kind) for kind in REACTIONS}
        return {"post": row["post"], "comments": row["comments"], "mine": row["mine"],
                "counts": counts}
