"""The read queries of ``graph.hiring.applications``: a member's list, the live
application of a job, the résumé ids the graph holds, and who may download a résumé."""
from __future__ import annotations

from graph.candidates.visibility import EMPLOYER_CONFLICT
from graph.hiring.queries import RECRUITER_OF_JOB

MATCH_MINE = """
MATCH (:Person {id: $me})-[:APPLIED]->(a:Application)-[:FOR_JOB]->(j:Job)-[:AT]->(c:Company)
OPTIONAL MATCH (a)-[:AS]->(ps:Pseudonym)
OPTIONAL MATCH (a)-[:JOINED]->(r:Referral)
RETURN a {.id, .mode, .status, .createdAt, .updatedAt, .recruiterAskedAt, .revealedAt,
          hasResume: EXISTS { (a)-[:HAS_RESUME]->(:Resume) }} AS application,
       j {.id, .title, .status} AS job, c {.id, .name} AS company,
       ps {.id, .rank, .hanzi, .pinyin, .generation} AS pseudonym, r.id AS referralId
ORDER BY a.createdAt DESC, a.id
"""

MATCH_KNOWN_RESUMES = """
UNWIND $ids AS id
MATCH (f:Resume {id: id})
RETURN collect(f.id) AS known
"""

MATCH_MEMBER_RESUMES = """
MATCH (:Person {id: $me})-[:APPLIED]->(:Application)-[:HAS_RESUME]->(f:Resume)
RETURN collect(f.id) AS ids
"""

MATCH_LIVE_FOR_JOB = """
MATCH (:Person {id: $me})-[:APPLIED]->(a:Application {key: $key})
RETURN a.id AS id, a.status AS status, a.mode AS mode
"""

# The résumé file of an application, for a viewer entitled to it: an active recruiter of
# the job's company who is not the applicant, while the application is live, and - for a
# pseudonymous one - once revealed and only to a recruiter the candidate is not hidden
# from. Everyone else gets no row, exactly like an unknown id.
MATCH_RESUME_FOR_RECRUITER = """
MATCH (v:Person {id: $viewerId})
MATCH (p:Person)-[:APPLIED]->(a:Application {id: $id})-[:FOR_JOB]->(j:Job)-[:AT]->(c:Company)
MATCH (a)-[:HAS_RESUME]->(f:Resume)
WHERE v <> p AND a.status <> 'withdrawn' AND """ + RECRUITER_OF_JOB + """
  AND (a.mode = 'self'
       OR (a.revealedAt IS NOT NULL AND NOT """ + EMPLOYER_CONFLICT + """))
RETURN f.id AS resumeId, j.title AS title
"""
