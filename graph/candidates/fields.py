"""Coarse vocabularies of the pseudonymous profile: seniority band, industry, region and
skill families.

The candidate picks each band from a short fixed list (defaults are suggested from their
real profile), so the pseudonymous profile can never carry a precise employer, city or
date. Skills are shown only as *families* (docs/trust.md): a member's exact skill list is
on their member page, so showing it under the pseudonym would link the two; a recruiter's
skill filter matches by family too, so probing with filters cannot recover the list.
"""
from __future__ import annotations

import re
from datetime import date

from graph.i18n import N_
from graph.cities import region_of_city
from graph.keys import normalised_key

UNSPECIFIED = "unspecified"

SENIORITY = {
    "entry": N_("Entry level (0–2 years)"),
    "mid": N_("Mid-level (3–5 years)"),
    "senior": N_("Senior (6–10 years)"),
    "lead": N_("Lead / principal (over 10 years)"),
    UNSPECIFIED: N_("Prefer not to say"),
}

INDUSTRIES = {
    "tech": N_("Software & internet"),
    "finance": N_("Finance & insurance"),
    "health": N_("Healthcare & life sciences"),
    "hardware": N_("Hardware & manufacturing"),
    "mobility": N_("Automotive, energy & logistics"),
    "consumer": N_("Retail, food & travel"),
    "media": N_("Media, games & entertainment"),
    "education": N_("Education & research"),
    "services": N_("Consulting & professional services"),
    "other": N_("Other industries"),
    UNSPECIFIED: N_("Prefer not to say"),
}

REGIONS = {
    "north-china": N_("North China"),
    "east-china": N_("East China"),
    "south-china": N_("South China, Hong Kong & Macau"),
    "central-west-china": N_("Central & Western China"),
    "asia-pacific": N_("Asia-Pacific (outside China)"),
    "europe": N_("Europe"),
    "americas": N_("Americas"),
    "elsewhere": N_("Elsewhere / remote"),
    UNSPECIFIED: N_("Prefer not to say"),
}

# Who besides verified recruiters may see the pseudonym: the degree it reaches.
MEMBER_REACH = {
    0: N_("Only verified recruiters within two degrees"),
    1: N_("Recruiters, and my 1st-degree contacts"),
    2: N_("Recruiters, and my 1st- and 2nd-degree contacts"),
}

# Latin words match whole words; Chinese terms (no spaces between words) match as
# substrings, longest first so "互联网金融" is finance's, not the internet's.
_INDUSTRY_WORDS = {
    "tech": ("software", "internet", "saas", "cloud", "it"),
    "finance": ("finance", "fintech", "bank", "banking", "insurance"),
    "health": ("health", "healthcare", "biotech", "pharma", "medical"),
    "hardware": ("hardware", "semiconductor", "semiconductors", "electronics", "manufacturing"),
    "mobility": ("automotive", "energy", "logistics", "transport"),
    "consumer": ("retail", "food", "travel", "e-commerce", "consumer"),
    "media": ("media", "games", "gaming", "entertainment"),
    "education": ("education", "research"),
    "services": ("consulting", "legal", "services", "security"),
}
_INDUSTRY_TERMS_ZH = {
    "tech": ("互联网", "软件", "信息技术", "云计算", "人工智能", "大数据", "计算机", "网络"),
    "finance": ("互联网金融", "金融", "银行", "保险", "证券", "基金", "投资", "支付"),
    "health": ("医疗", "医药", "健康", "生物", "制药", "医院"),
    "hardware": ("硬件", "半导体", "芯片", "电子", "制造", "集成电路"),
    "mobility": ("汽车制造", "汽车", "能源", "物流", "交通", "新能源", "运输"),
    "consumer": ("零售", "餐饮", "食品", "旅游", "电商", "电子商务", "消费"),
    "media": ("媒体", "传媒", "游戏", "娱乐", "影视", "文化"),
    "education": ("教育", "培训", "科研", "研究"),
    "services": ("咨询", "法律", "律师", "服务", "安全"),
}
_ZH_INDUSTRY = sorted(((term, key) for key, terms in _INDUSTRY_TERMS_ZH.items()
                       for term in terms), key=lambda pair: -len(pair[0]))

# Level words of a job title, highest first: a "高级总监" is a director.
_TITLE_LEVELS = (
    ("lead", re.compile(r"\b(lead|staff|principal|head|director|vp|vice president|chief|"
                        r"cto|ceo|cfo|coo|architect|fellow)\b|总监|首席|负责人|总经理|总裁|"
                        r"副总|架构师|专家|合伙人")),
    ("senior", re.compile(r"\b(senior|sr)\b|高级|资深|主管")),
    ("entry", re.compile(r"\b(intern|junior|jr|trainee|graduate|assistant)\b|实习|初级|"
                         r"助理|见习|应届")),
)


def seniority_for_years(years: int | None) -> str:
    """The band for ``years`` of experience; unknown stays unspecified."""
    if years is None or years < 0:
        return UNSPECIFIED
    if years <= 2:
        return "entry"
    if years <= 5:
        return "mid"
    return "senior" if years <= 10 else "lead"


def seniority_for_title(title: str | None) -> str | None:
    """The band a job title names ("Senior Engineer", "高级工程师" → senior; "总监",
    "Director" → lead; "实习生" → entry), or None when it names no level."""
    text = (title or "").casefold()
    for band, pattern in _TITLE_LEVELS:
        if pattern.search(text):
            return band
    return None


def industry_for(raw: str | None) -> str:
    """The coarse industry a company's free-text industry falls in, in English or Chinese
    ("Internet", "互联网" → tech)."""
    if not raw or not raw.strip():
        return UNSPECIFIED
    folded = raw.casefold()
    words = folded.replace("&", " ").replace(",", " ").replace("/", " ").split()
    for key, known in _INDUSTRY_WORDS.items():
        if any(word in known for word in words):
            return key
    for term, key in _ZH_INDUSTRY:
        if term in folded:
            return key
    return "other"


def region_for(city: str | None) -> str:
    """The coarse region a city lies in, named in any spelling of the city table
    ("北京", "Beijing", "beijing" → north-china); an unknown city gives "elsewhere"."""
    if not city or not city.strip():
        return UNSPECIFIED
    return region_of_city(city) or "elsewhere"


def default_settings(facts: dict, today: date | None = None) -> dict:
    """Coarse profile settings suggested from the member's real profile; no headline (the
    member writes one for the pseudonym)."""
    today = today or date.today()
    years = today.year - int(facts["firstStart"][:4]) if facts.get("firstStart") else None
    employer = facts.get("employer") or {}
    # A level the current title names is better evidence than the years listed.
    seniority = seniority_for_title(employer.get("title")) or seniority_for_years(years)
    return {"headline": "", "seniority": seniority,
            "industry": industry_for(employer.get("industry")),
            "region": region_for(employer.get("city")), "memberReach": 0}


_WORDS = re.compile(r"\w+")


def identity_leak(text: str, name: str | None, email: str | None,
                  places: list[str]) -> str | None:
    """Why ``text`` would identify the member (their name, e-mail, an employer or a
    school appears in it), or None. Guards the headline they write for the pseudonym."""
    folded = (text or "").casefold()
    if not folded.strip():
        return None
    words = set(_WORDS.findall(folded))
    full_name = (name or "").casefold().strip()
    name_words = [w for w in _WORDS.findall(full_name) if len(w) >= 3]
    if full_name and (full_name in folded or any(w in words for w in name_words)):
        return "Leave your name out of your pseudonym's headline."
    address = (email or "").casefold().strip()
    local = address.split("@")[0]
    if address and (address in folded or (len(local) >= 4 and local in folded)):
        return "Leave your e-mail address out of your pseudonym's headline."
    for place in places:
        if place and place.casefold() in folded:
            return (f"Leave \u201c{place}\u201d out of your pseudonym's headline: naming an "
                    "employer or a school can identify you.")
    return None


# Skill families: coarse on purpose; a skill in none of them is "other".
OTHER = "other"

FAMILIES = {
    "backend": (N_("Backend & systems programming"),
                ("python", "java", "go", "golang", "c", "c++", "c#", "rust", "ruby", "php",
                 "scala", "kotlin", "node.js", "nodejs", "elixir", "erlang", "perl",
                 "distributed systems", "microservices", "graph theory")),
    "frontend": (N_("Frontend & mobile"),
                 ("javascript", "typescript", "react", "vue", "angular", "html", "css",
                  "ios", "android", "swift", "flutter", "react native", "objective-c")),
    "data": (N_("Data & machine learning"),
             ("sql", "statistics", "machine learning", "deep learning", "pytorch",
              "tensorflow", "spark", "hadoop", "pandas", "tableau", "a/b testing", "nlp",
              "computer vision", "data analysis", "data science", "r", "excel")),
    "databases": (N_("Databases & graphs"),
                  ("neo4j", "cypher", "postgresql", "mysql", "mongodb", "redis",
                   "elasticsearch", "graph databases", "oracle")),
    "infrastructure": (N_("Cloud & infrastructure"),
                       ("aws", "azure", "gcp", "kubernetes", "docker", "devops", "linux",
                        "terraform", "ci/cd", "networking", "security", "sre")),
    "product": (N_("Product & design"),
                ("product strategy", "product management", "roadmapping", "figma",
                 "user research", "ux", "ui design", "design", "agile", "scrum")),
    "business": (N_("Business, sales & operations"),
                 ("negotiation", "crm", "sales", "marketing", "seo", "financial modeling",
                  "finance", "accounting", "operations", "recruiting", "public speaking",
                  "business development", "consulting", "hr")),
    OTHER: (N_("Other specialist skills"), ()),
}

_FAMILY_OF = {skill: key for key, (_, skills) in FAMILIES.items() for skill in skills}
KNOWN_SKILL_KEYS = sorted(_FAMILY_OF)


def family_of(skill: str) -> str:
    """The family key of a skill name (``OTHER`` when it is in no family)."""
    return _FAMILY_OF.get(normalised_key(skill), OTHER)


def family_label(key: str) -> str:
    """What a family is called on a page."""
    return FAMILIES.get(key, FAMILIES[OTHER])[0]


def families_of(skills: list[str], hidden: list[str] | None = None) -> list[str]:
    """The labels of the families ``skills`` fall in, in a fixed order, without the ones
    the member chose to hide."""
    present = {family_of(skill) for skill in skills} - set(hidden or [])
    return [label for key, (label, _) in FAMILIES.items() if key in present]


def filter_families(skills: list[str]) -> list[dict]:
    """A recruiter's skill filter as families for the browse query: each ``{key, keys,
    other}`` matches a member with a skill among ``keys`` (or, for ``other``, any skill
    in no family)."""
    wanted = list(dict.fromkeys(family_of(s) for s in skills if normalised_key(s)))
    return [{"key": key, "keys": list(FAMILIES[key][1]), "other": key == OTHER}
            for key in wanted]
