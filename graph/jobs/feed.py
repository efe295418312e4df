"""The network job feed ("jobs within two degrees"), the open-job search, and the
viewer's paths into a company.

The feed is one query per page: it gathers the viewer's 1st- and 2nd-degree contacts
once, follows them to the open jobs they posted and to the open jobs of the companies
they work at now, groups those links per job (best path, connection counts), ranks, and
returns one page plus the total. The rank is documented in README.md ("Job feed
ranking"); its weights are the constants below.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from contextlib import nullcontext

from graph.base import Repository, utc_now
from graph.index.feed import FeedQuery, first_via, network_feed
from graph.cities import find_city
from graph.keys import normalised_key

logger = logging.getLogger(__name__)

WEIGHT_CLOSENESS = 3.0   # x 1.0 for a 1st-degree path, x 0.5 for a 2nd-degree one
WEIGHT_SKILLS = 2.0      # x the share of the job's required skills the viewer has
WEIGHT_RECENCY = 1.0     # x 0.5 ^ (age in days / RECENCY_HALF_LIFE_DAYS)
RECENCY_HALF_LIFE_DAYS = 14.0
KINDS = {0: "recruiter", 1: "employee"}


@dataclass(frozen=True)
class JobFilters:
    """Feed and search filters; empty values filter nothing."""

    city: str = ""
    remote: str = ""
    skills: tuple[str, ...] = ()
    min_salary: int | None = None
    currency: str = "CNY"

    def params(self) -> dict:
        """Query parameters, text normalised the way jobs store their keys."""
        city = find_city(self.city)
        # A city of the table matches its key exactly (苏州's "suzhou" must not find
        # 宿州's "suzhou-anhui"); other text matches as a substring, as it always did.
        return {"city": city.key if city else normalised_key(self.city),
                "cityExact": city is not None, "remote": self.remote,
                "skills": list(dict.fromkeys(normalised_key(s) for s in self.skills if s.strip())),
                "minSalary": self.min_salary, "currency": self.currency}


# Applied to ``j`` (a Job); the filters are parameters, never spliced text.
JOB_FILTERS = """
  ($city = '' OR (CASE WHEN $cityExact THEN j.cityKey = $city
                       ELSE j.cityKey CONTAINS $city END))
  AND ($remote = '' OR j.remote = $remote)
  AND all(key IN $skills WHERE EXISTS { (j)-[:REQUIRES]->(:Skill {key: key}) })
  AND ($minSalary IS NULL OR (j.currency = $currency AND j.salaryMax >= $minSalary))
"""

# Links are (job, contact, degree, kind): kind 0 = the contact posted the job, kind 1 =
# the contact works at the job's company now. The best link is the closest degree, a
# recruiter before an employee, then by name: what the path on the card shows. A link is
# the list [degree, kind, name, id], so the best is simply min(): lists compare item by
# item, and no sort is needed.
# Employees are grouped per company (counts and the best one) BEFORE expanding to the
# company's jobs: expanding first made a link per (employee, job), which grows with the
# square of a company's size (seconds for a viewer reaching a large employer).
# Only members labelled JobPoster (anyone who ever posted a job) are followed to POSTED:
# a label test costs nothing, while looking for POSTED on every reached member walked
# their relationship chains (a fifth of the query's time at 100k members).
# The recruiter of a job is read for the page's rows only.
MATCH_NETWORK_JOB_FEED = """
MATCH (v:Person {id: $viewerId})
WITH v, COLLECT { MATCH (v)-[:FRIENDS_WITH]-(f:Person) RETURN DISTINCT f } AS first,
     COLLECT { MATCH (v)-[:WORKS_AT {current: true}]->(c:Company)
               RETURN DISTINCT c } AS employers,
     COLLECT { MATCH (v)-[:HAS_SKILL]->(s:Skill) RETURN DISTINCT s } AS mySkills,
     COLLECT { MATCH (v)-[:POSTED]->(j:Job) RETURN j } AS myJobs
CALL (v, first) {
  UNWIND first AS f
  MATCH (f)-[:FRIENDS_WITH]-(s:Person)
  WHERE s <> v AND NOT s IN first
  RETURN collect(DISTINCT s) AS second
}
CALL (first, second) {
  CALL (first, second) {
    UNWIND [p IN first | [p, 1]] + [p IN second | [p, 2]] AS reached
    WITH reached[0] AS p, reached[1] AS degree
    MATCH (p)-[:WORKS_AT {current: true}]->(c:Company)
    WITH DISTINCT c, p, degree
    WITH c, count(CASE degree WHEN 1 THEN 1 END) AS firstCount,
         count(CASE degree WHEN 2 THEN 1 END) AS secondCount,
         min([degree, 1, p.name, p.id]) AS link
    MATCH (c)<-[:AT]-(j:Job {status: 'open'})
    RETURN j, c, link, firstCount, secondCount
    UNION ALL
    UNWIND [p IN first | [p, 1]] + [p IN second | [p, 2]] AS reached
    WITH reached[0] AS p, reached[1] AS degree
    WHERE p:JobPoster
    MATCH (p)-[:POSTED]->(j:Job {status: 'open'})-[:AT]->(c:Company)
    RETURN j, c, [degree, 0, p.name, p.id] AS link, 0 AS firstCount, 0 AS secondCount
  }
  WITH j, c, min(link) AS link, max(firstCount) AS firstCount,
       max(secondCount) AS secondCount
  RETURN j, c, firstCount, secondCount,
         {degree: link[0], kind: link[1], name: link[2], id: link[3]} AS best
}
WITH j, c, best, firstCount, secondCount, mySkills, employers, myJobs
WHERE NOT c IN employers AND NOT j IN myJobs
  AND """ + JOB_FILTERS + """
WITH j, c, best, firstCount, secondCount,
     [(j)-[:REQUIRES]->(s:Skill) | s IN mySkills] AS requirements,
     $nowEpoch - coalesce(j.createdEpoch, datetime(j.createdAt).epochSeconds) AS ageSeconds
WITH j, c, best, firstCount, secondCount, size(requirements) AS required,
     size([met IN requirements WHERE met]) AS matched, ageSeconds
WITH j, c, best, firstCount, secondCount, required, matched,
     $wCloseness * CASE best.degree WHEN 1 THEN 1.0 ELSE 0.5 END
     + $wSkills * CASE required WHEN 0 THEN 0.0 ELSE toFloat(matched) / required END
     + $wRecency * 0.5 ^ (CASE WHEN ageSeconds > 0 THEN ageSeconds ELSE 0 END
                          / 86400.0 / $halfLifeDays) AS score
WITH collect({j: j, c: c, best: best, firstCount: firstCount,
              secondCount: secondCount, required: required, matched: matched,
              score: score}) AS rows
// Only the page is sorted out of the rows (a top-k), not all of them.
CALL (rows) {
  UNWIND rows AS row
  WITH row ORDER BY row.score DESC, row.j.createdAt DESC, row.j.id
  SKIP $skip LIMIT $limit
  RETURN collect(row) AS page
}
WITH size(rows) AS total, page
CALL (page) {
  UNWIND range(0, size(page) - 1) AS position
  WITH position, page[position] AS row
  WITH position, row, row.j AS j, row.c AS c
  MATCH (v:Person {id: $viewerId}), (target:Person {id: row.best.id}),
        (rec:Person)-[:POSTED]->(j)
  WITH position, row, j, c, rec,
       CASE row.best.degree WHEN 2 THEN head(COLLECT {
         MATCH (v)-[:FRIENDS_WITH]-(f:Person)-[:FRIENDS_WITH]-(target)
         RETURN f {.id, .name} ORDER BY f.name, f.id }) END AS via,
       COLLECT { MATCH (j)-[:REQUIRES]->(s:Skill) RETURN s.name ORDER BY s.key } AS skills
  RETURN collect({position: position, via: via, skills: skills,
                  job: j {.id, .title, .city, .team, .remote, .salaryMin, .salaryMax, .currency,
                          .seniority, .createdAt},
                  company: c {.id, .name}, recruiter: rec {.id, .name},
                  best: row.best, firstCount: row.firstCount, secondCount: row.secondCount,
                  required: row.required, matched: row.matched, score: row.score}) AS jobs
}
RETURN total, jobs
"""

# Every open job (reachable or not), newest first; the caller adds degree badges for
# the recruiters with one more query.
MATCH_OPEN_JOBS_SEARCH = """
MATCH (rec:Person)-[:POSTED]->(j:Job {status: 'open'})-[:AT]->(c:Company)
WHERE ($q = '' OR j.titleKey CONTAINS $q OR c.key CONTAINS $q
       OR EXISTS { (j)-[:REQUIRES]->(s:Skill) WHERE s.key CONTAINS $q })
  AND """ + JOB_FILTERS + """
WITH j, c, rec ORDER BY j.createdAt DESC, j.id
WITH collect({job: j {.id, .title, .city, .team, .remote, .salaryMin, .salaryMax, .currency,
                      .seniority, .createdAt},
              company: c {.id, .name}, recruiter: rec {.id, .name}}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS jobs
"""

# The viewer's contacts working at a company now: how many at each degree, and the
# closest few with the friend each 2nd-degree one is reached through.
MATCH_COMPANY_CONNECTIONS = """
MATCH (v:Person {id: $viewerId}), (c:Company {id: $companyId})
CALL (v, c) {
  MATCH (e:Person)-[:WORKS_AT {current: true}]->(c)
  WHERE e <> v
  WITH DISTINCT e,
       CASE WHEN EXISTS { (v)-[:FRIENDS_WITH]-(e) } THEN 1
            WHEN EXISTS { (v)-[:FRIENDS_WITH]-(:Person)-[:FRIENDS_WITH]-(e) } THEN 2
            ELSE 3 END AS degree
  WHERE degree < 3
  WITH e, degree ORDER BY degree, e.name, e.id
  RETURN collect({person: e, degree: degree}) AS linked
}
CALL (v, linked) {
  UNWIND range(0, size(linked[..$shown]) - 1) AS position
  WITH position, linked[position].person AS e, linked[position].degree AS degree
  RETURN collect({position: position, person: e {.id, .name}, degree: degree,
                  via: CASE degree WHEN 2 THEN head(COLLECT {
                         MATCH (v)-[:FRIENDS_WITH]-(f:Person)-[:FRIENDS_WITH]-(e)
                         RETURN f {.id, .name} ORDER BY f.name, f.id }) END}) AS paths
}
RETURN size([l IN linked WHERE l.degree = 1]) AS firstCount,
       size([l IN linked WHERE l.degree = 2]) AS secondCount, paths
"""


# For a feed page the network index ranked: the viewer's skills first, then the page.
MATCH_VIEWER_SKILLS = """
MATCH (v:Person {id: $viewerId})
RETURN COLLECT { MATCH (v)-[:HAS_SKILL]->(s:Skill) RETURN s.key } AS skills
"""

MATCH_FEED_PAGE = """
UNWIND range(0, size($jobIds) - 1) AS position
MATCH (rec:Person)-[:POSTED]->(j:Job {id: $jobIds[position]})-[:AT]->(c:Company)
RETURN position, j {.id, .title, .city, .team, .remote, .salaryMin, .salaryMax, .currency,
                    .seniority, .createdAt} AS job,
       c {.id, .name} AS company, rec {.id, .name} AS recruiter,
       COLLECT { MATCH (j)-[:REQUIRES]->(s:Skill) RETURN s.name ORDER BY s.key } AS skills
"""


def _single(tx, query, params):
    record = tx.run(query, params).single()
    return record.data() if record else None


def _rows(tx, query, params):
    return [record.data() for record in tx.run(query, params)]


def _feed_row(row: dict) -> dict:
    best = row.pop("best")
    row["path"] = {"degree": best["degree"], "kind": KINDS[best["kind"]],
                   "target": {"id": best["id"], "name": best["name"]}, "via": row.pop("via")}
    return row


class JobFeedRepository(Repository):
    """Jobs as the viewer's network reaches them."""

    FEED_QUERY = MATCH_NETWORK_JOB_FEED  # a class attribute so the bench can time older ones

    def __init__(self, driver, database, index=None):
        super().__init__(driver, database)
        self.index = index

    @classmethod
    def from_settings(cls, driver, database, settings, index=None):
        return cls(driver, database, index)

    def feed(self, viewer_id: str, filters: JobFilters, skip: int, limit: int,
             now: str | None = None) -> tuple[list[dict], int]:
        """One page of the network job feed, best first, and how many jobs in all.

        Each row: ``job``, ``company``, ``recruiter``, ``skills``, ``path`` (degree,
        kind 'recruiter'|'employee', target, via), ``firstCount``/``secondCount``
        (current employees at 1st/2nd degree), ``matched``/``required`` skills, ``score``.
        """
        now = now or utc_now()
        params = {**filters.params(), "viewerId": viewer_id, "skip": skip, "limit": limit,
                  "nowEpoch": int(datetime.fromisoformat(now).timestamp()),
                  "wCloseness": WEIGHT_CLOSENESS,
                  "wSkills": WEIGHT_SKILLS, "wRecency": WEIGHT_RECENCY,
                  "halfLifeDays": RECENCY_HALF_LIFE_DAYS}
        if self.index is not None and self.index.warm:
            indexed = self._indexed_feed(viewer_id, params)
            if indexed is not None:
                return indexed
        row = self._read(_single, self.FEED_QUERY, params)
        if row is None:
            return [], 0
        jobs = sorted(row["jobs"], key=lambda r: r.pop("position"))
        return [_feed_row(r) for r in jobs], row["total"]

    def _indexed_feed(self, viewer_id: str, params: dict) -> tuple[list[dict], int] | None:
        """The feed ranked by the network index, the page's rows read from Neo4j; ``None``
        when the index is not warm (the caller then runs the Cypher)."""
        skills = self._read(_single, MATCH_VIEWER_SKILLS, {"viewerId": viewer_id})
        if skills is None:
            return [], 0
        query = FeedQuery(viewer_id=viewer_id, viewer_skills=frozenset(skills["skills"]),
                          city=params["city"], city_exact=params["cityExact"],
                          remote=params["remote"],
                          skills=tuple(params["skills"]), min_salary=params["minSalary"],
                          currency=params["currency"], now_epoch=params["nowEpoch"],
                          w_closeness=params["wCloseness"], w_skills=params["wSkills"],
                          w_recency=params["wRecency"], half_life_days=params["halfLifeDays"])
        with self.index.read_jobs() as snapshot:
            if snapshot is None:
                return None
            graph, table = snapshot
            page, total = network_feed(graph, table, query, params["skip"], params["limit"])
            vias = [first_via(graph, viewer_id, row.best[3]) if row.best[0] == 2 else None
                    for row in page]
        details = {r["position"]: r for r in self._read(
            _rows, MATCH_FEED_PAGE, {"jobIds": [row.job_id for row in page]})}
        jobs = []
        for position, (row, via) in enumerate(zip(page, vias)):
            detail = details.get(position)
            if detail is None:
                continue  # closed or deleted since the index saw it
            jobs.append(_feed_row({
                "job": detail["job"], "company": detail["company"],
                "recruiter": detail["recruiter"], "skills": detail["skills"], "via": via,
                "best": {"degree": row.best[0], "kind": row.best[1], "name": row.best[2],
                         "id": row.best[3]},
                "firstCount": row.first_count, "secondCount": row.second_count,
                "required": row.required, "matched": row.matched, "score": row.score}))
        return jobs, total

    def search(self, query: str, filters: JobFilters, skip: int,
               limit: int) -> tuple[list[dict], int]:
        """Open jobs whose title, company or a required skill contains ``query`` (all
        open jobs when empty), newest first; a page and the total."""
        row = self._read(_single, MATCH_OPEN_JOBS_SEARCH,
                         {**filters.params(), "q": normalised_key(query), "skip": skip,
                          "limit": limit})
        return row["jobs"], row["total"]

    def company_connections(self, viewer_id: str, company_id: str, shown: int = 8) -> dict:
        """``{firstCount, secondCount, paths}``: the viewer's contacts working at the
        company now (``paths``: the closest ``shown``, each with ``via`` for 2nd degree)."""
        row = self._read(_single, MATCH_COMPANY_CONNECTIONS,
                         {"viewerId": viewer_id, "companyId": company_id, "shown": shown})
        if row is None:
            return {"firstCount": 0, "secondCount": 0, "paths": []}
        row["paths"].sort(key=lambda path: path.pop("position"))
        return row
