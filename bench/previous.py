"""Queries as they were before the benchmark work, kept to measure before and after in the
same run (``--before-samples``). Each gives the same answers as the app's current one,
slowly: the badges query (Q1) checks a relationship per row and recounts a mutual friend's
closeness per target; the job feed (Q2) checks friendship and employment with a
relationship walk per row and ranks links per job with a subquery; people you may know
(Q4) collects every candidate's mutual friends, companies and schools before ranking."""
from __future__ import annotations

from neo4j import unit_of_work

from graph.base import Repository
from graph.jobs.feed import JOB_FILTERS, JobFeedRepository
from graph.network.suggestions import SuggestionRepository

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
        """Same contract as ``graph.network.degrees.NetworkRepository.badges``."""
        rows = self._read(_rows, {"viewerId": viewer_id,
                                  "targetIds": list(dict.fromkeys(target_ids)), "shown": shown})
        return {row["id"]: row for row in rows}


# As of commit 17bf99f (graph/job_feed.py); "now" is now passed as epoch seconds only.
PREVIOUS_NETWORK_JOB_FEED = """
MATCH (v:Person {id: $viewerId})
CALL (v) {
  MATCH (v)-[:FRIENDS_WITH]-(f:Person)
  RETURN collect(DISTINCT f) AS first
}
CALL (v, first) {
  UNWIND first AS f
  MATCH (f)-[:FRIENDS_WITH]-(s:Person)
  WHERE s <> v AND NOT EXISTS { (v)-[:FRIENDS_WITH]-(s) }
  RETURN collect(DISTINCT s) AS second
}
CALL (first, second) {
  UNWIND [p IN first | [p, 1]] + [p IN second | [p, 2]] AS reached
  WITH reached[0] AS p, reached[1] AS degree
  MATCH (p)-[:WORKS_AT {current: true}]->(c:Company)
  WITH DISTINCT c, p, degree
  ORDER BY degree, p.name, p.id
  WITH c, count(CASE degree WHEN 1 THEN 1 END) AS firstCount,
       count(CASE degree WHEN 2 THEN 1 END) AS secondCount,
       head(collect({id: p.id, name: p.name, degree: degree, kind: 1})) AS link
  MATCH (c)<-[:AT]-(j:Job {status: 'open'})
  RETURN j, link, firstCount, secondCount
  UNION ALL
  UNWIND [p IN first | [p, 1]] + [p IN second | [p, 2]] AS reached
  WITH reached[0] AS p, reached[1] AS degree
  MATCH (p)-[:POSTED]->(j:Job {status: 'open'})
  RETURN j, {id: p.id, name: p.name, degree: degree, kind: 0} AS link,
         0 AS firstCount, 0 AS secondCount
}
WITH v, j, collect(link) AS links, max(firstCount) AS firstCount,
     max(secondCount) AS secondCount
MATCH (rec:Person)-[:POSTED]->(j)-[:AT]->(c:Company)
WHERE rec <> v AND NOT EXISTS { (v)-[:WORKS_AT {current: true}]->(c) }
  AND """ + JOB_FILTERS + """
CALL (links) {
  UNWIND links AS l
  RETURN l AS best ORDER BY l.degree, l.kind, l.name, l.id LIMIT 1
}
WITH v, j, c, rec, best, firstCount, secondCount,
     COUNT { (j)-[:REQUIRES]->(:Skill) } AS required,
     COUNT { (j)-[:REQUIRES]->(:Skill)<-[:HAS_SKILL]-(v) } AS matched,
     duration.inSeconds(datetime(j.createdAt), datetime({epochSeconds: $nowEpoch})).seconds
       AS ageSeconds
WITH j, c, rec, best, firstCount, secondCount, required, matched,
     $wCloseness * CASE best.degree WHEN 1 THEN 1.0 ELSE 0.5 END
     + $wSkills * CASE required WHEN 0 THEN 0.0 ELSE toFloat(matched) / required END
     + $wRecency * 0.5 ^ (CASE WHEN ageSeconds > 0 THEN ageSeconds ELSE 0 END
                          / 86400.0 / $halfLifeDays) AS score
ORDER BY score DESC, j.createdAt DESC, j.id
WITH collect({j: j, c: c, rec: rec, best: best, firstCount: firstCount,
              secondCount: secondCount, required: required, matched: matched,
              score: score}) AS rows
WITH size(rows) AS total, rows[$skip..$skip + $limit] AS page
CALL (page) {
  UNWIND range(0, size(page) - 1) AS position
  WITH position, page[position] AS row
  WITH position, row, row.j AS j, row.c AS c, row.rec AS rec
  MATCH (v:Person {id: $viewerId}), (target:Person {id: row.best.id})
  WITH position, row, j, c, rec,
       CASE row.best.degree WHEN 2 THEN head(COLLECT {
         MATCH (v)-[:FRIENDS_WITH]-(f:Person)-[:FRIENDS_WITH]-(target)
         RETURN f {.id, .name} ORDER BY f.name, f.id }) END AS via,
       COLLECT { MATCH (j)-[:REQUIRES]->(s:Skill) RETURN s.name ORDER BY s.key } AS skills
  RETURN collect({position: position, via: via, skills: skills,
                  job: j {.id, .title, .city, .remote, .salaryMin, .salaryMax, .currency,
                          .seniority, .createdAt},
                  company: c {.id, .name}, recruiter: rec {.id, .name},
                  best: row.best, firstCount: row.firstCount, secondCount: row.secondCount,
                  required: row.required, matched: row.matched, score: row.score}) AS jobs
}
RETURN total, jobs
"""

# As of commit 17bf99f (graph/suggestions.py).
PREVIOUS_SUGGESTIONS_PAGE = """
MATCH (v:Person {id: $meId})
CALL (v) {
  MATCH (v)-[:FRIENDS_WITH]-(:Person)-[:FRIENDS_WITH]-(c:Person) RETURN c
  UNION
  MATCH (v)-[:WORKS_AT]->(:Company)<-[:WORKS_AT]-(c:Person) RETURN c
  UNION
  MATCH (v)-[:STUDIED_AT]->(:School)<-[:STUDIED_AT]-(c:Person) RETURN c
  UNION
  MATCH (v)-[:IMPORTED]->(:ContactImport)-[:MATCHED]->(c:Person) RETURN c
}
WITH v, c
WHERE c <> v
  AND NOT EXISTS { (v)-[:FRIENDS_WITH]-(c) }
  AND NOT EXISTS { (v)-[:FRIEND_REQUEST]-(c) }
  AND NOT EXISTS { (v)-[:DISMISSED_SUGGESTION]->(c) }
WITH c,
     COLLECT { MATCH (v)-[:FRIENDS_WITH]-(m:Person)-[:FRIENDS_WITH]-(c)
               RETURN m {.id, .name} ORDER BY m.name, m.id } AS mutuals,
     COLLECT { MATCH (v)-[:WORKS_AT]->(co:Company)<-[:WORKS_AT]-(c)
               WITH DISTINCT co RETURN co.name ORDER BY co.name } AS companies,
     COLLECT { MATCH (v)-[:STUDIED_AT]->(s:School)<-[:STUDIED_AT]-(c)
               WITH DISTINCT s RETURN s.name ORDER BY s.name } AS schools,
     EXISTS { (v)-[:IMPORTED]->(:ContactImport {kind: 'address_book'})-[:MATCHED]->(c) }
       AS inContacts,
     EXISTS { (c)-[:IMPORTED]->(:ContactImport {kind: 'address_book'})-[:MATCHED]->(v) }
       AS inTheirs,
     EXISTS { (v)-[:IMPORTED]->(:ContactImport {kind: 'follow_list'})-[:MATCHED]->(c) }
       AS follows
WITH c, mutuals, companies, schools, inContacts, inContacts AND inTheirs AS eachOther, follows
WITH c, mutuals, companies, schools, inContacts, eachOther, follows,
     $w.mutual * size(mutuals) + $w.company * size(companies) + $w.school * size(schools)
     + CASE WHEN inContacts THEN $w.contact ELSE 0 END
     + CASE WHEN eachOther THEN $w.eachOther ELSE 0 END
     + CASE WHEN follows THEN $w.follow ELSE 0 END AS score
ORDER BY score DESC, c.name, c.id
WITH collect({person: c {.id, .name, .headline}, score: score, mutualCount: size(mutuals),
              mutuals: mutuals[..3], companies: companies, schools: schools,
              inContacts: inContacts, eachOther: eachOther, follows: follows}) AS rows
RETURN size(rows) AS total, rows[$skip..$skip + $limit] AS rows
"""


class _TimeLimited:
    """Reads cancelled by the server after ``TIMEOUT_SECONDS`` (the old queries can run
    for minutes on a well-connected member)."""

    def _read(self, work, *args, **kwargs):
        @unit_of_work(timeout=TIMEOUT_SECONDS)
        def limited(tx, *a, **k):
            return work(tx, *a, **k)
        return super()._read(limited, *args, **kwargs)


class PreviousJobFeed(_TimeLimited, JobFeedRepository):
    """``JobFeedRepository`` with the previous feed query."""

    FEED_QUERY = PREVIOUS_NETWORK_JOB_FEED


class PreviousSuggestions(_TimeLimited, SuggestionRepository):
    """``SuggestionRepository`` with the previous page query."""

    PAGE_QUERY = PREVIOUS_SUGGESTIONS_PAGE
