"""Coarse vocabularies of the pseudonymous profile: seniority band, industry and region.

The candidate picks each from a short fixed list (defaults are suggested from their real
profile), so the pseudonymous profile can never carry a precise employer, city or date.
"""
from __future__ import annotations

UNSPECIFIED = "unspecified"

SENIORITY = {
    "entry": "Entry level (0–2 years)",
    "mid": "Mid-level (3–5 years)",
    "senior": "Senior (6–10 years)",
    "lead": "Lead / principal (over 10 years)",
    UNSPECIFIED: "Prefer not to say",
}

INDUSTRIES = {
    "tech": "Software & internet",
    "finance": "Finance & insurance",
    "health": "Healthcare & life sciences",
    "hardware": "Hardware & manufacturing",
    "mobility": "Automotive, energy & logistics",
    "consumer": "Retail, food & travel",
    "media": "Media, games & entertainment",
    "education": "Education & research",
    "services": "Consulting & professional services",
    "other": "Other industries",
    UNSPECIFIED: "Prefer not to say",
}

REGIONS = {
    "north-china": "North China",
    "east-china": "East China",
    "south-china": "South China, Hong Kong & Macau",
    "central-west-china": "Central & Western China",
    "asia-pacific": "Asia-Pacific (outside China)",
    "europe": "Europe",
    "americas": "Americas",
    "elsewhere": "Elsewhere / remote",
    UNSPECIFIED: "Prefer not to say",
}

# Who besides verified recruiters may see the pseudonym: the degree it reaches.
MEMBER_REACH = {
    0: "Only verified recruiters within two degrees",
    1: "Recruiters, and my 1st-degree contacts",
    2: "Recruiters, and my 1st- and 2nd-degree contacts",
}

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

_CITY_REGIONS = {
    "north-china": ("beijing", "tianjin", "shijiazhuang", "taiyuan", "jinan", "qingdao",
                    "dalian", "shenyang", "harbin", "changchun", "hohhot"),
    "east-china": ("shanghai", "hangzhou", "suzhou", "nanjing", "ningbo", "hefei", "wuxi",
                   "xiamen", "fuzhou", "nanchang"),
    "south-china": ("guangzhou", "shenzhen", "hong kong", "macau", "dongguan", "zhuhai",
                    "foshan", "nanning", "haikou"),
    "central-west-china": ("chengdu", "chongqing", "wuhan", "xi'an", "xian", "changsha",
                           "zhengzhou", "kunming", "guiyang", "lanzhou", "urumqi"),
    "asia-pacific": ("singapore", "tokyo", "seoul", "sydney", "melbourne", "taipei",
                     "bangkok", "kuala lumpur", "jakarta", "bangalore", "mumbai"),
    "europe": ("london", "berlin", "paris", "amsterdam", "dublin", "munich", "zurich",
               "stockholm", "madrid", "warsaw"),
    "americas": ("new york", "san francisco", "seattle", "toronto", "vancouver", "boston",
                 "los angeles", "austin", "chicago", "sao paulo", "mexico city"),
}


def seniority_for_years(years: int | None) -> str:
    """The band for ``years`` of experience; unknown stays unspecified."""
    if years is None or years < 0:
        return UNSPECIFIED
    if years <= 2:
        return "entry"
    if years <= 5:
        return "mid"
    return "senior" if years <= 10 else "lead"


def industry_for(raw: str | None) -> str:
    """The coarse industry a company's free-text industry falls in."""
    if not raw or not raw.strip():
        return UNSPECIFIED
    words = raw.casefold().replace("&", " ").replace(",", " ").split()
    for key, known in _INDUSTRY_WORDS.items():
        if any(word in known for word in words):
            return key
    return "other"


def region_for(city: str | None) -> str:
    """The coarse region a city lies in; an unknown city gives "elsewhere"."""
    if not city or not city.strip():
        return UNSPECIFIED
    name = city.strip().casefold()
    for key, cities in _CITY_REGIONS.items():
        if name in cities:
            return key
    return "elsewhere"
