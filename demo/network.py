"""A deterministic, realistic demo network: pure data, no database.

Members get a current employer (most of them), sometimes a past one, a school and skills
from their field; friendships form mostly inside companies and schools, then close
triangles, which gives the clustering real professional networks have.
"""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from itertools import combinations

from demo.fields import FIELDS
from demo.hiring import add_hiring
from graph.keys import normalised_key
from graph.people.name_keys import name_keys

SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"),
            ("杨", "Yang"), ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"),
            ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"),
            ("郭", "Guo"), ("何", "He"), ("林", "Lin"), ("罗", "Luo"), ("高", "Gao")]
GIVEN_NAMES = [("伟", "Wei"), ("芳", "Fang"), ("敏", "Min"), ("静", "Jing"), ("磊", "Lei"),
               ("洋", "Yang"), ("婷", "Ting"), ("强", "Qiang"), ("丽", "Li"), ("军", "Jun"),
               ("杰", "Jie"), ("娜", "Na"), ("涛", "Tao"), ("明", "Ming"), ("超", "Chao"),
               ("秀英", "Xiuying"), ("建华", "Jianhua"), ("晓东", "Xiaodong"), ("海燕", "Haiyan"),
               ("志强", "Zhiqiang"), ("雪梅", "Xuemei"), ("俊杰", "Junjie"), ("佳怡", "Jiayi")]
FIRST_NAMES = ["Emily", "James", "Olivia", "Daniel", "Sophia", "Michael", "Ava", "David",
               "Grace", "Ethan", "Chloe", "Lucas", "Hannah", "Ryan", "Mia", "Nathan", "Zoe",
               "Samuel", "Isabel", "Owen", "Claire", "Adam", "Laura", "Victor", "Nina"]
LAST_NAMES = ["Carter", "Nguyen", "Schmidt", "Patel", "Okafor", "Rossi", "Kim", "Müller",
              "Silva", "Johnson", "Brown", "Garcia", "Tanaka", "Novak", "Larsen", "O'Brien",
              "Dubois", "Walker", "Cohen", "Fischer"]

# (name, e-mail domain, industry, city)
COMPANIES = [
    ("Acme Cloud", "acmecloud.example", "Software", "Shanghai"),
    ("Bytewave", "bytewave.example", "Internet", "Beijing"),
    ("Dragon Fintech", "dragonfin.example", "Finance", "Shenzhen"),
    ("Jade Logistics", "jadelogistics.example", "Logistics", "Guangzhou"),
    ("Lotus Health", "lotushealth.example", "Healthcare", "Hangzhou"),
    ("Northwind Games", "northwind.example", "Games", "Shanghai"),
    ("Pearl River Motors", "prmotors.example", "Automotive", "Guangzhou"),
    ("Quantum Retail", "quantumretail.example", "Retail", "Beijing"),
    ("Silk Road Travel", "silkroad.example", "Travel", "Chengdu"),
    ("Summit Analytics", "summit.example", "Software", "Singapore"),
    ("Tiger Robotics", "tigerrobotics.example", "Hardware", "Shenzhen"),
    ("Harbor Bank", "harborbank.example", "Finance", "Hong Kong"),
    ("Maple Education", "mapleedu.example", "Education", "Beijing"),
    ("Orchid Media", "orchidmedia.example", "Media", "Shanghai"),
    ("Redwood Energy", "redwood.example", "Energy", "Xi'an"),
    ("Bluefin Security", "bluefin.example", "Security", "Hangzhou"),
    ("Golden Gate Foods", "ggfoods.example", "Food", "Suzhou"),
    ("Crescent Biotech", "crescentbio.example", "Biotech", "Shanghai"),
    ("Vertex Semiconductors", "vertexsemi.example", "Hardware", "Wuhan"),
    ("Willow Consulting", "willow.example", "Consulting", "London"),
]
SCHOOLS = ["Tsinghua University", "Peking University", "Fudan University",
           "Zhejiang University", "Shanghai Jiao Tong University", "Sun Yat-sen University",
           "Wuhan University", "National University of Singapore", "University of Toronto",
           "Imperial College London", "University of Hong Kong", "Nanjing University"]
DEGREES = ["BSc Computer Science", "BEng Electrical Engineering", "BA Economics", "MBA",
           "MSc Data Science", "BA Design", "MSc Finance", "BSc Mathematics", "MA Marketing"]
HEADLINES = ["Building things that scale", "Curious about data", "Shipping products people love",
             "Helping teams grow", "Always learning", "Turning numbers into decisions", ""]

DEMO_PASSWORD = "demo-password-2026"

# Friendship odds: a small chance between any two members, much more among colleagues
# and classmates, then a chance for every pair of one member's friends to meet.
RANDOM_TIE = 0.002
SAME_COMPANY_TIE = 0.22
PAST_COMPANY_TIE = 0.12
SAME_SCHOOL_TIE = 0.06
TRIADIC_CLOSURE = 0.08


@dataclass
class DemoData:
    """Rows ready for ``UNWIND``: every id is a string, every date a string."""

    people: list[dict] = field(default_factory=list)
    companies: list[dict] = field(default_factory=list)
    schools: list[dict] = field(default_factory=list)
    skills: list[dict] = field(default_factory=list)       # {personId, key, name}
    positions: list[dict] = field(default_factory=list)    # {personId, companyKey, ...}
    education: list[dict] = field(default_factory=list)    # {personId, schoolKey, ...}
    friendships: list[tuple[str, str]] = field(default_factory=list)
    admins: list[dict] = field(default_factory=list)      # {personId, companyKey, since}
    recruiters: list[dict] = field(default_factory=list)  # {personId, companyKey, status, ...}
    jobs: list[dict] = field(default_factory=list)        # {id, recruiterId, companyKey, ...}


def _stable_id(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def _name(rng: random.Random, used: set[str]) -> tuple[str, str]:
    """A display name and an e-mail local part, unique within the data set."""
    while True:
        if rng.random() < 0.55:
            (hz_s, py_s), (hz_g, py_g) = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
            display, local = hz_s + hz_g, f"{py_g}.{py_s}".lower()
            if rng.random() < 0.3:  # many write their name in pinyin
                display = f"{py_s} {py_g}"
        else:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            display = f"{first} {last}"
            local = f"{first}.{last}".lower().replace("'", "").replace("ü", "ue")
        if local not in used:
            used.add(local)
            return display, local
        local_with_number = f"{local}{rng.randint(2, 99)}"
        if local_with_number not in used:
            used.add(local_with_number)
            return display, local_with_number


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def generate(seed: int = 2026, member_count: int = 320) -> DemoData:
    """The demo network for ``seed``: the same rows every time."""
    rng = random.Random(seed)
    data = DemoData()

    for name, domain, industry, city in COMPANIES:
        data.companies.append({"id": _stable_id(rng), "key": normalised_key(name), "name": name,
                               "domain": domain, "industry": industry, "city": city})
    data.schools = [{"key": normalised_key(s), "name": s} for s in SCHOOLS]

    used_locals: set[str] = set()
    current_of: dict[str, int] = {}
    past_of: dict[str, int] = {}
    school_of: dict[str, int] = {}
    # Company sizes follow a rough power law: a few big employers, many small ones.
    company_weights = [1.0 / (i + 1) ** 0.8 for i in range(len(COMPANIES))]
    for index in range(member_count):
        display, local = _name(rng, used_locals)
        person_id = _stable_id(rng)
        field_name = rng.choice(list(FIELDS))
        titles, skill_pool = FIELDS[field_name]
        status = rng.choices(["not_looking", "open", "looking"], [0.6, 0.28, 0.12])[0]
        data.people.append({"id": person_id, "name": display, **name_keys(display),
                            "email": f"{local}@demo.example",
                            "headline": rng.choice(HEADLINES), "jobStatus": status,
                            "createdAt": f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}T09:00:00+00:00"})
        for skill in rng.sample(skill_pool, rng.randint(2, 5)):
            data.skills.append({"personId": person_id, "key": normalised_key(skill), "name": skill})

        career_start = rng.randint(2008, 2022)
        if index < 8 or rng.random() < 0.9:  # the first few (demo logins) all have jobs
            company = rng.choices(range(len(COMPANIES)), company_weights)[0]
            current_of[person_id] = company
            start = career_start
            if rng.random() < 0.5 and career_start < 2021:
                past = rng.choice([c for c in range(len(COMPANIES)) if c != company])
                past_of[person_id] = past
                switch = rng.randint(career_start + 1, 2023)
                data.positions.append({"personId": person_id, "id": _stable_id(rng),
                                       "companyKey": data.companies[past]["key"],
                                       "title": titles[0], "start": _month(career_start, rng.randint(1, 12)),
                                       "end": _month(switch, rng.randint(1, 12)), "current": False})
                start = switch
            data.positions.append({"personId": person_id, "id": _stable_id(rng),
                                   "companyKey": data.companies[company]["key"],
                                   "title": rng.choice(titles),
                                   "start": _month(min(start + 1, 2025), rng.randint(1, 12)),
                                   "end": None, "current": True})
        school = rng.randrange(len(SCHOOLS))
        school_of[person_id] = school
        grad = career_start - rng.randint(0, 1)
        data.education.append({"personId": person_id, "id": _stable_id(rng),
                               "schoolKey": data.schools[school]["key"],
                               "degree": rng.choice(DEGREES), "startYear": grad - 4,
                               "endYear": grad})

    data.friendships = _friendships(rng, [p["id"] for p in data.people],
                                    current_of, past_of, school_of)
    add_hiring(data, seed)
    return data


def _friendships(rng, ids, current_of, past_of, school_of) -> list[tuple[str, str]]:
    """Friendships: likely among colleagues and classmates, rare at random, then
    triadic closure (friends of friends meet)."""
    edges: set[tuple[str, str]] = set()

    def add(a: str, b: str) -> None:
        if a != b:
            edges.add((a, b) if a < b else (b, a))

    for a, b in combinations(ids, 2):
        p = RANDOM_TIE
        if current_of.get(a) is not None and current_of.get(a) == current_of.get(b):
            p += SAME_COMPANY_TIE
        if past_of.get(a) is not None and past_of.get(a) in (current_of.get(b), past_of.get(b)):
            p += PAST_COMPANY_TIE
        if school_of[a] == school_of[b]:
            p += SAME_SCHOOL_TIE
        if rng.random() < p:
            add(a, b)
    neighbours: dict[str, list[str]] = {i: [] for i in ids}
    for a, b in sorted(edges):
        neighbours[a].append(b)
        neighbours[b].append(a)
    for middle in ids:
        friends = neighbours[middle]
        for a, b in combinations(friends, 2):
            if rng.random() < TRIADIC_CLOSURE:
                add(a, b)
    return sorted(edges)
