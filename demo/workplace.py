"""The workplace channel in the demo (docs/workplace.md): lively channels at the two
largest companies, a quiet one below the k threshold, and the one-question poll.

Employees confirm a work e-mail on their company's domain (written here, as the trust
flow would), then post, comment, react and answer the poll through the real repositories
(so author keys, handles, masking and the colleague rule apply). Posts are then spread
over the last 80 days, hour-granular, so topic trends have something to show.
"""
from __future__ import annotations

import logging
import random
from datetime import datetime, timezone

from graph.workplace.anonymity import REACTIONS, current_hour

logger = logging.getLogger(__name__)

LIVELY = {"Acme Cloud": 16, "Bytewave": 13}  # company → employees who take part
QUIET = {"Lotus Health": 3}  # below the default k of 10: industry labels only
SPREAD_HOURS = 80 * 24

POSTS = [
    ("pay", "Mid-year bonus came in lower than promised",
     "The letter said 'up to three months'. Most of my team got one. Anyone else?"),
    ("pay", "Is the housing allowance negotiable?",
     "Joining from another city next month. Did anyone get more than the standard amount?"),
    ("managers", "Skip-levels actually work here",
     "Had my first skip-level this week. Concrete follow-ups two days later. Impressed."),
    ("managers", "New director, new reorg",
     "Third reorg in eighteen months. The roadmap changes faster than we can ship."),
    ("layoffs", "Rumours about the Q1 headcount plan",
     "Heard hiring is frozen outside the platform org. Can anyone confirm or deny?"),
    ("interviews", "What the system design round looks like now",
     "Two hours, one whiteboard, and they care more about trade-offs than buzzwords."),
    ("culture", "996 is not dead in my department",
     "Officially we end at 7. In practice the group chat starts at 9 pm every night."),
    ("culture", "The hackathon was genuinely fun",
     "Forty teams, real prizes, and two projects are going into the product. More of this."),
    ("worklife", "Remote Fridays are being reviewed",
     "HR sent a survey. If you like remote Fridays, fill it in before the end of the month."),
    ("career", "Promotion packets: how long did yours take?",
     "Submitted in March, still waiting for the committee. Is that normal?"),
    ("career", "Internal transfer went smoothly",
     "Moved from ops to data in six weeks. My old manager even helped with the handover."),
]
COMMENTS = ["Same in my team.", "Not my experience at all, for what it is worth.",
            "Ask HR for it in writing.", "This matches what I heard last week.",
            "Give it a quarter before judging.", "+1, the survey link is on the intranet.",
            "Ours took four months, so hang in there.", "Which floor? Ours is much calmer."]

CONFIRM_EMPLOYEES = """
UNWIND $companies AS wanted
MATCH (c:Company {name: wanted.name, verified: true})-[:HAS_DOMAIN]->(d:CompanyDomain)
WITH c, wanted, min(d.name) AS domain
MATCH (p:Person)-[:WORKS_AT {current: true}]->(c)
WITH c, wanted, domain, p ORDER BY p.id
WITH c, wanted, domain, collect(p)[..wanted.count] AS people
UNWIND people AS p
SET p.workEmail = coalesce(p.workEmail, split(p.email, '@')[0] + '@' + domain),
    p.workEmailDomain = coalesce(p.workEmailDomain, domain),
    p.workEmailRequestedAt = coalesce(p.workEmailRequestedAt, $now),
    p.workEmailConfirmedAt = coalesce(p.workEmailConfirmedAt, $now),
    p.workEmailValidUntil = coalesce(p.workEmailValidUntil,
                                     datetime($now).epochSeconds + 365 * 86400)
RETURN c.name AS company, c.id AS companyId, collect(p.id) AS people
"""

# Spread the demo's posts (and their comments) over the past weeks, hour-granular.
SPREAD_POSTS = """
UNWIND $rows AS row
MATCH (post:WorkplacePost {id: row.id})
SET post.hourEpoch = row.hourEpoch, post.hour = row.hour
WITH post, row
MATCH (cm:WorkplaceComment)-[:ON]->(post)
SET cm.hourEpoch = row.hourEpoch + cm.seq, cm.hour = row.commentHours[cm.seq - 1]
"""


def _hour_label(hour_epoch: int) -> str:
    return current_hour(datetime.fromtimestamp(hour_epoch * 3600, timezone.utc))[0]


def load_workplace_demo(driver, database: str, channel, feedback, now: str,
                        seed: int = 2026) -> dict:
    """Employees join, post, comment, react and answer the poll; returns what it made.
    ``channel`` and ``feedback`` are the app's ``ChannelRepository`` and
    ``FeedbackRepository`` (they hold the author key)."""
    rng = random.Random(seed)
    wanted = [{"name": name, "count": count} for name, count in {**LIVELY, **QUIET}.items()]
    with driver.session(database=database) as session:
        joined = session.run(CONFIRM_EMPLOYEES, companies=wanted, now=now).data()
    _, hour_now = current_hour()
    spread, made = [], {}
    for company in joined:
        people = company["people"]
        lively = company["company"] in LIVELY
        posts = []
        for _ in range(len(POSTS) if lively else 2):
            topic, title, body = rng.choice(POSTS)
            author = rng.choice(people)
            where = "public" if rng.random() < 0.6 else "company"
            created = channel.create_post(author, where, topic, title, body,
                                          "company" if rng.random() < 0.8 else "industry")
            posts.append(created["id"])
            comments = rng.randint(1, 4) if lively else rng.randint(0, 1)
            for _ in range(comments):
                channel.create_comment(rng.choice(people), created["id"], rng.choice(COMMENTS))
            for reader in rng.sample(people, k=min(len(people), rng.randint(0, 6))):
                feedback.toggle_reaction(reader, created["id"],
                                         rng.choice([*REACTIONS, "metoo"]))
            hour_epoch = hour_now - rng.randint(5, SPREAD_HOURS)
            spread.append({"id": created["id"], "hourEpoch": hour_epoch,
                           "hour": _hour_label(hour_epoch),
                           "commentHours": [_hour_label(hour_epoch + n)
                                            for n in range(1, comments + 1)]})
        for person in people:
            feedback.vote(person, company["companyId"], rng.random() < 0.7)
        made[company["company"]] = {"employees": len(people), "posts": len(posts)}
    with driver.session(database=database) as session:
        session.run(SPREAD_POSTS, rows=spread).consume()
    logger.info("demo workplace loaded: %s", made)
    return made
