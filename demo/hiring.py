"""Demo company pages, recruiters and jobs on top of the demo network: pure data.

Everything comes from the generated network (who works where, with which title) and a
random stream of its own, so the members, friendships and logins of the base demo stay
exactly as they were. The second demo login administers their employer and is its
verified recruiter, and every one of the first four logins finds jobs in their feed.
"""
from __future__ import annotations

import random
import uuid
from collections import defaultdict

from demo.fields import FIELDS
from graph.cities import city_key
from graph.keys import normalised_key

DEMO_LOGINS = 4
OPEN_JOBS = 60
CLOSED_JOBS = 6

JOB_TITLES = {
    "engineering": ["Backend Engineer", "Senior Backend Engineer", "Frontend Engineer",
                    "Platform Engineer", "Staff Engineer", "Engineering Manager"],
    "data": ["Data Analyst", "Data Scientist", "Senior Data Scientist", "ML Engineer"],
    "product": ["Product Manager", "Senior Product Manager", "Product Designer",
                "UX Researcher"],
    "business": ["Account Executive", "Marketing Manager", "Financial Analyst",
                 "Operations Manager", "Talent Partner"],
}
SALARY_BANDS = {"junior": (180, 300), "mid": (280, 450), "senior": (400, 650),
                "lead": (550, 900)}  # thousands of CNY a year
# Teams per field, so that two openings with one title at one company say which is which.
# Drawn from the job's own id, so the rest of the demo (drawn from ``rng``) is unchanged.
TEAMS = {"engineering": ["Platform", "Payments", "Search", "Mobile"],
         "data": ["Recommendations", "Risk", "Growth analytics"],
         "product": ["Consumer app", "Merchant tools"],
         "business": ["Enterprise", "International", "Finance office"]}
CURRENCY_BY_CITY = {"Singapore": ("SGD", 0.19), "London": ("GBP", 0.11),
                    "Hong Kong": ("HKD", 1.08)}
DESCRIPTIONS = {
    "engineering": "Design, build and run the services behind our products: APIs, data "
                   "stores and the pipelines between them. You own your code in production.",
    "data": "Turn our data into decisions: build the models, the dashboards and the "
            "experiments that tell the teams what works.",
    "product": "Find out what our users need and shape the product with engineering and "
               "design, from the first sketch to the launch and after.",
    "business": "Grow the business with our customers and partners, working closely with "
                "product and operations.",
}


def _seniority(title: str) -> str:
    if title.startswith(("Staff", "Engineering Manager")):
        return "lead"
    if title.startswith("Senior"):
        return "senior"
    return "mid" if "Analyst" not in title else "junior"


def _employees(data) -> dict[str, list[dict]]:
    """Company key -> its current positions, in generation order."""
    staff: dict[str, list[dict]] = defaultdict(list)
    for position in data.positions:
        if position["current"]:
            staff[position["companyKey"]].append(position)
    return staff


def _pages(rng, data, staff) -> None:
    """Admins and verified recruiters for every company with staff, and a few pending
    requests so the admins' page has something to answer."""
    login_two = data.people[1]["id"]
    for company in data.companies:
        positions = staff.get(company["key"], [])
        if not positions:
            continue
        people = [p["personId"] for p in positions]
        admins = [login_two] if login_two in people else []
        admins += [pid for pid in rng.sample(people, min(2, len(people))) if pid not in admins][:1]
        hr = [p["personId"] for p in positions if p["title"] in ("Recruiter", "HR Business Partner")]
        recruiters = list(dict.fromkeys(([login_two] if login_two in people else []) + hr[:2]
                                        + [admins[-1]]))
        for pid in admins:
            data.admins.append({"personId": pid, "companyKey": company["key"],
                                "since": "2026-06-01T09:00:00+00:00"})
        for pid in recruiters:
            data.recruiters.append({"personId": pid, "companyKey": company["key"],
                                    "status": "verified", "decidedBy": admins[0],
                                    "requestedAt": "2026-06-02T09:00:00+00:00",
                                    "decidedAt": "2026-06-03T09:00:00+00:00"})
        others = [pid for pid in people if pid not in recruiters]
        if others and rng.random() < 0.3:
            data.recruiters.append({"personId": rng.choice(others), "companyKey": company["key"],
                                    "status": "pending", "decidedBy": None,
                                    "requestedAt": "2026-11-20T09:00:00+00:00",
                                    "decidedAt": None})


def _job(rng, data, company: dict, recruiter: str, status: str) -> dict:
    field_name = rng.choice(list(JOB_TITLES))
    title = rng.choice(JOB_TITLES[field_name])
    seniority = _seniority(title)
    low, high = SALARY_BANDS[seniority]
    currency, rate = CURRENCY_BY_CITY.get(company["city"], ("CNY", 1.0))
    salary_min = int(rng.randint(low, (low + high) // 2) * rate) * 1000
    pool = FIELDS[field_name][1]  # the same skill pools as the members'
    job_id = uuid_hex(rng)
    return {"id": job_id, "recruiterId": recruiter, "companyKey": company["key"],
            "title": title, "titleKey": normalised_key(title), "description": DESCRIPTIONS[field_name],
            "city": company["city"], "cityKey": city_key(company["city"]), "remote": rng.choices(["onsite", "hybrid", "remote"], [5, 4, 1])[0],
            "salaryMin": salary_min, "salaryMax": salary_min + int(rng.randint(50, 250) * rate) * 1000,
            "currency": currency, "seniority": seniority, "status": status,
            "skills": rng.sample(pool, rng.randint(2, 4)),
            "team": random.Random(job_id).choice(TEAMS[field_name]),
            "createdAt": f"2026-{rng.randint(9, 11):02d}-{rng.randint(1, 24):02d}T{rng.randint(8, 18):02d}:00:00+00:00"}


def uuid_hex(rng) -> str:
    """A random-looking, reproducible id."""
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def _reach(data, person_id: str) -> dict[str, int]:
    """Everyone within two degrees of a member, with their degree."""
    friends: dict[str, set[str]] = defaultdict(set)
    for a, b in data.friendships:
        friends[a].add(b)
        friends[b].add(a)
    reach = {f: 1 for f in friends[person_id]}
    for f in list(reach):
        for s in friends[f]:
            if s != person_id and s not in reach:
                reach[s] = 2
    return reach


def _feed_is_alive(data, staff, person_id: str) -> bool:
    reach = _reach(data, person_id)
    own = {p["companyKey"] for p in data.positions if p["current"] and p["personId"] == person_id}
    for job in data.jobs:
        if job["status"] != "open" or job["companyKey"] in own or job["recruiterId"] == person_id:
            continue
        if job["recruiterId"] in reach or any(p["personId"] in reach for p in staff[job["companyKey"]]):
            return True
    return False


def add_hiring(data, seed: int) -> None:
    """Fill ``data.admins``, ``data.recruiters`` and ``data.jobs`` reproducibly."""
    rng = random.Random(f"{seed}:hiring")
    staff = _employees(data)
    for company in data.companies:
        company["description"] = (f"{company['name']} ({company['industry']}) is based in "
                                  f"{company['city']}. We hire through the people who "
                                  "know our teams.")
    _pages(rng, data, staff)
    verified: dict[str, list[str]] = defaultdict(list)
    for row in data.recruiters:
        if row["status"] == "verified":
            verified[row["companyKey"]].append(row["personId"])
    by_key = {c["key"]: c for c in data.companies}
    hiring = sorted(verified)
    weights = [len(staff[key]) ** 0.5 for key in hiring]
    # The recruiter demo login starts with two jobs of their own to edit or close.
    login_two = data.people[1]["id"]
    own_company = [key for key in hiring if login_two in verified[key]]
    for n in range(OPEN_JOBS + CLOSED_JOBS):
        if n < 2 and own_company:
            key, recruiter = own_company[0], login_two
        else:
            key = rng.choices(hiring, weights)[0]
            recruiter = rng.choice(verified[key])
        data.jobs.append(_job(rng, data, by_key[key], recruiter,
                              "open" if n < OPEN_JOBS else "closed"))
    for person in data.people[:DEMO_LOGINS]:
        if _feed_is_alive(data, staff, person["id"]):
            continue
        # Guarantee: a job at a company where one of the login's contacts works now.
        reach = _reach(data, person["id"])
        own = {p["companyKey"] for p in data.positions if p["current"] and p["personId"] == person["id"]}
        for key in hiring:
            if key not in own and any(p["personId"] in reach for p in staff[key]):
                data.jobs.append(_job(rng, data, by_key[key], verified[key][0], "open"))
                break
