"""Grouping a member's contacts (their 1st-degree friends) into circles: pure functions
over the ego network that ``CircleRepository.ego_network`` returns.

A circle is ``{kind, key, name, note, members}``; ``(kind, key)`` identifies it in URLs.
Kinds: company (current and past), school, title (family of the current title), skill,
label (the member's private labels) and community (networkx, named by the company or
school most of its members share, plus what sets it apart when two would share a name).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from graph.i18n import N_, Message, msg
from graph.network.analysis import dominant_affiliation, ego_communities

CIRCLE_KINDS = ("label", "community", "company", "school", "title", "skill")
KIND_HEADINGS = {"label": N_("Your labels"), "community": N_("Communities in your network"),
                 "company": N_("By company"), "school": N_("By school"), "title": N_("By role"),
                 "skill": N_("By skill")}

# First match wins, so the function comes before the level: an "Engineering Manager" is
# in engineering, a plain "Manager" in leadership. CJK keywords match as substrings.
TITLE_FAMILIES = (
    ("recruiting", N_("Recruiting & HR"),
     r"\b(recruit\w*|talent|hr|hrbp|human resources|people partner)\b|招聘|人力|人事|猎头"),
    ("finance", N_("Finance"), r"\b(financ\w*|accountant|accounting|controller|investment)\b"
                               r"|财务|会计|投资|审计|风控|出纳"),
    ("data", N_("Data & ML"), r"\b(data|analyst|scientist|ml|machine learning|ai)\b"
                              r"|数据|算法|分析师|机器学习"),
    ("engineering", N_("Engineering"), r"\b(engineer\w*|developer|programmer|sre|devops|"
                                       r"architect)\b|工程师|开发|程序员|研发|测试|运维|"
                                       r"架构师|技术"),
    ("design", N_("Design & research"), r"\b(design\w*|ux|ui|researcher)\b|设计|交互|视觉|用户研究"),
    ("product", N_("Product"), r"\b(product|pm)\b|产品"),
    ("sales", N_("Sales & marketing"), r"\b(sales|account executive|marketing|business "
                                       r"development|seo)\b|销售|市场|商务|营销|客户经理|"
                                       r"品牌|公关"),
    ("operations", N_("Operations"), r"\b(operations|logistics|supply chain)\b|运营|物流|供应链|"
                                     r"采购|行政"),
    ("leadership", N_("Leadership"), r"\b(manager|director|head|vp|chief|ceo|cto|founder|lead)\b"
                                     r"|经理|总监|总裁|主管|负责人|创始人|首席|合伙人|董事"),
)
_FAMILIES = [(key, name, re.compile(pattern)) for key, name, pattern in TITLE_FAMILIES]
OTHER_FAMILY = ("other", N_("Other roles"))


def title_family(title: str) -> tuple[str, str] | None:
    """(key, name) of the family of a job title; None for an empty title."""
    text = (title or "").strip().lower()
    if not text:
        return None
    for key, name, pattern in _FAMILIES:
        if pattern.search(text):
            return key, name
    return OTHER_FAMILY


def _circle(kind: str, key: str, name: Message | str, members: list[str],
            note: Message | None = None) -> dict:
    """A circle. ``title`` and ``caption`` are ``Message``s (shown in the reader's language
    by the pages); ``name`` and ``note`` are their English text (the API, sorting)."""
    title = name if isinstance(name, Message) else msg("%(name)s", name=name)
    return _named({"kind": kind, "key": key, "members": members, "title": title,
                   "caption": note or Message()})


def _named(circle: dict) -> dict:
    circle["name"], circle["note"] = circle["title"].english(), circle["caption"].english()
    return circle


def _by_attribute(friends: list[dict], field: str, kind: str) -> list[dict]:
    members: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for friend in friends:
        for item in {entry["key"]: entry for entry in friend[field]}.values():
            members[item["key"]].append(friend["id"])
            names.setdefault(item["key"], item["name"])
    return [_circle(kind, key, names[key], ids) for key, ids in members.items()]


def _by_company(friends: list[dict]) -> list[dict]:
    circles = _by_attribute(friends, "companies", "company")
    current = {(p["key"], f["id"]) for f in friends for p in f["companies"] if p["current"]}
    for circle in circles:
        now = sum((circle["key"], member) in current for member in circle["members"])
        circle["caption"] = msg("%(now)d now, %(before)d before", now=now,
                                before=len(circle["members"]) - now)
        _named(circle)
    return circles


def _by_title(friends: list[dict]) -> list[dict]:
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for friend in friends:
        families = {title_family(t) for t in friend["titles"]} - {None}
        for family in families:
            members[family].append(friend["id"])
    return [_circle("title", key, msg("%(family_label)s", family_label=name), ids)
            for (key, name), ids in members.items()]


def _distinctive(group: list[str], others: list[list[str]], labels: dict[str, set[str]],
                 taken: set[str]) -> str | None:
    """The label (company, school, role or skill) that best sets ``group`` apart from
    ``others``: shared by most of the group and fewest of the others (by share), at least
    two members, none of ``taken``. Ties go by name."""
    def share(members: list[str], label: str) -> float:
        return sum(label in labels.get(m, ()) for m in members) / max(len(members), 1)

    counts = Counter(label for m in group for label in labels.get(m, ()) if label not in taken)
    scored = [(share(group, label) - max((share(o, label) for o in others), default=0.0),
               label) for label, count in counts.items() if count >= 2]
    best = min(scored, key=lambda item: (-item[0], item[1]), default=None)
    return best[1] if best and best[0] > 0 else None


def _tell_apart(circles: list[dict], groups: list[list[str]], labels: dict[str, set[str]],
                names: dict[str, str]):
    """Communities that would share a name ("Acme Cloud" four times) get what sets each
    apart: "Acme Cloud · Fudan University", "Acme Cloud · Data & ML"; failing that (the
    groups look alike), the friend it starts with: "Acme Cloud · with 李伟"."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for index, circle in enumerate(circles):
        by_name[circle["name"]].append(index)
    for name, indexes in by_name.items():
        if len(indexes) < 2:
            continue
        used: set[str] = set()
        for position, index in enumerate(indexes, start=1):
            others = [groups[i] for i in indexes if i != index]
            extra = _distinctive(groups[index], others, labels, {name} | used)
            circle = circles[index]
            if extra:
                used.add(extra)
                share = sum(extra in labels.get(m, ()) for m in groups[index])
                # A label may be a role family ("Data & ML"), which the catalogue translates.
                circle["title"] += msg(" · %(extra_label)s", extra_label=extra)
                circle["caption"] += msg("; %(share)d also share %(extra_label)s",
                                         share=share, extra_label=extra)
            else:
                first = names.get(groups[index][0]) if groups[index] else None
                circle["title"] += (msg(" · with %(friend)s", friend=first) if first
                                    else msg(" · %(number)d", number=position))
            _named(circle)


def _labels(friend: dict) -> set[str]:
    families = {title_family(t) for t in friend["titles"]} - {None}
    return ({c["name"] for c in friend["companies"]} | {s["name"] for s in friend["schools"]}
            | {name for _, name in families} | {s["name"] for s in friend["skills"]})


def _by_community(friends: list[dict], edges: list[tuple[str, str]]) -> list[dict]:
    affiliations = {f["id"]: [c["name"] for c in f["companies"]] +
                    [s["name"] for s in f["schools"]] for f in friends}
    circles = []
    groups = ego_communities([f["id"] for f in friends], edges)
    for number, group in enumerate(groups, start=1):
        dominant = dominant_affiliation(group, affiliations)
        name = (msg("%(name)s", name=dominant[0]) if dominant
                else msg("Group %(number)d", number=number))
        note = (msg("%(share)d of %(size)d share %(name)s", share=dominant[1], size=len(group),
                    name=dominant[0]) if dominant
                else msg("%(size)d friends who know each other", size=len(group)))
        circles.append(_circle("community", str(number), name, group, note))
    _tell_apart(circles, groups, {f["id"]: _labels(f) for f in friends},
                {f["id"]: f.get("name") for f in friends})
    return circles


def build_circles(ego: dict) -> dict[str, list[dict]]:
    """Every circle of the ego network, by kind; in each kind the biggest circles come
    first (ties by name). Members keep the friends' order (by name)."""
    friends, edges = ego["friends"], ego["edges"]
    found = {
        "label": _by_attribute(friends, "labels", "label"),
        "community": _by_community(friends, edges),
        "company": _by_company(friends),
        "school": _by_attribute(friends, "schools", "school"),
        "title": _by_title(friends),
        "skill": _by_attribute(friends, "skills", "skill"),
    }
    for kind, circles in found.items():
        if kind != "community":
            circles.sort(key=lambda c: (-len(c["members"]), c["name"].casefold(), c["key"]))
    return found


def find_circle(circles: dict[str, list[dict]], kind: str, key: str) -> dict | None:
    """The circle ``(kind, key)`` or None."""
    return next((c for c in circles.get(kind, []) if c["key"] == key), None)
