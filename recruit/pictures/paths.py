"""Connection paths drawn as inline SVG: "you → a friend → them" as a picture.

``path_svg`` draws columns of nodes left to right (you; the people in between; the person
at the end), every node of one column joined to every node of the next by an arrow. Each
node is an avatar (``avatars.avatar_svg``'s shapes) with the name underneath and an
optional caption ("recruiter"). The picture is one ``<svg role="img">`` whose
``aria-label`` and ``<title>`` spell the path in words, so a screen reader hears the same
path a sighted member sees.

What a node may show is decided by whoever builds it (``Node``): a pseudonym is a
``pseudonym`` node carrying only its displayed pseudonym name, and the people between a
viewer and a pseudonym are one ``hidden`` node with no name at all. Nothing here looks
anything up; it draws what it is given, escaped.

Pure functions, no Flask: the template globals in ``recruit.pictures.templating`` build
the nodes from the rows pages already have.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup, escape

from .avatars import colour_for, initials

COLUMN_WIDTH = 112
ROW_HEIGHT = 74
RADIUS = 17
TOP = 6
# Width a label may take under a node, in "Latin character" units; a CJK character is two.
LABEL_UNITS = 16
MAX_MIDDLE = 3  # people drawn in the middle column; the rest are "+N more"


@dataclass(frozen=True)
class Node:
    """One person on a path. ``kind``: ``you``, ``person``, ``pseudonym`` (a pseudonymous
    candidate, ``name`` is the pseudonym's displayed name) or ``hidden`` (people the viewer
    may not know about; drawn without a name)."""
    name: str
    key: str
    kind: str = "person"
    caption: str = ""
    avatar_name: str = ""  # whose initials the avatar shows, when not ``name`` ("You")


def _units(char: str) -> int:
    return 2 if ord(char) >= 0x2E80 else 1


def shorten(text: str, units: int = LABEL_UNITS) -> str:
    """``text`` cut to ``units`` display units (CJK characters count two) with "…"."""
    used, out = 0, []
    for char in text:
        used += _units(char)
        if used > units:
            return "".join(out).rstrip() + "…"
        out.append(char)
    return text


def _node_svg(node: Node, x: float, y: float) -> str:
    cx, cy = x, y + RADIUS
    if node.kind == "hidden":
        shape = (f'<circle cx="{cx}" cy="{cy}" r="{RADIUS}" fill="#f1f5f9" stroke="#94a3b8" '
                 f'stroke-dasharray="4 3"/><text x="{cx}" y="{cy}" dy=".35em" text-anchor="middle" '
                 'font-size="15" fill="#64748b">?</text>')
    else:
        fill = "#334155" if node.kind == "you" else colour_for(node.key)
        text = escape(initials(node.avatar_name or node.name))
        font = 14 if len(text) == 1 else 12
        if node.kind == "pseudonym":
            shape = (f'<rect x="{cx - RADIUS}" y="{cy - RADIUS}" width="{2 * RADIUS}" height="{2 * RADIUS}" '
                     f'rx="8" fill="{fill}"/><rect x="{cx - RADIUS + 2}" y="{cy - RADIUS + 2}" '
                     f'width="{2 * RADIUS - 4}" height="{2 * RADIUS - 4}" rx="6" fill="none" '
                     'stroke="#fff" stroke-width="1.2" stroke-dasharray="3 2"/>')
        else:
            shape = f'<circle cx="{cx}" cy="{cy}" r="{RADIUS}" fill="{fill}"/>'
        shape += (f'<text x="{cx}" y="{cy}" dy=".35em" text-anchor="middle" font-size="{font}" '
                  f'font-weight="600" fill="#fff">{text}</text>')
    label = "" if node.kind == "hidden" else escape(shorten(node.name))
    caption = escape(shorten(node.caption, LABEL_UNITS + 2)) if node.caption else ""
    parts = [shape]
    if label:
        parts.append(f'<text x="{cx}" y="{y + 2 * RADIUS + 14}" text-anchor="middle" font-size="11" '
                     f'fill="#1d2430">{label}</text>')
    if caption:
        parts.append(f'<text x="{cx}" y="{y + 2 * RADIUS + (27 if label else 14)}" text-anchor="middle" '
                     f'font-size="10" fill="#6b7280">{caption}</text>')
    return "".join(parts)


def _arrow(x1: float, y1: float, x2: float, y2: float, dashed: bool) -> str:
    """A line from the edge of one node to the edge of the next, with a head at the end."""
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5 or 1
    ux, uy = dx / length, dy / length
    sx, sy = x1 + ux * (RADIUS + 3), y1 + uy * (RADIUS + 3)
    ex, ey = x2 - ux * (RADIUS + 4), y2 - uy * (RADIUS + 4)
    hx, hy = ex - ux * 7, ey - uy * 7
    px, py = -uy * 4, ux * 4
    dash = ' stroke-dasharray="4 3"' if dashed else ""
    return (f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{hx:.1f}" y2="{hy:.1f}" stroke="#94a3b8" '
            f'stroke-width="1.5"{dash}/><polygon points="{ex:.1f},{ey:.1f} {hx + px:.1f},{hy + py:.1f} '
            f'{hx - px:.1f},{hy - py:.1f}" fill="#94a3b8"/>')


def describe(columns: list[list[Node]], more: int = 0) -> str:
    """The path in words: "You → Li Wei or Wang Fang → Zhang Min (recruiter)"."""
    words = []
    for index, column in enumerate(columns):
        names = []
        for node in column:
            if node.kind == "hidden":
                names.append(_("a private path"))
            elif node.caption:
                names.append(_("%(name)s (%(caption)s)", name=node.name, caption=node.caption))
            else:
                names.append(node.name)
        text = names[0]
        for name in names[1:]:
            text = _("%(left)s or %(right)s", left=text, right=name)
        if more and 0 < index < len(columns) - 1:
            text = _("%(names)s (and %(count)s more)", names=text, count=more)
        words.append(text)
    return " → ".join(words)


def path_svg(columns: list[list[Node]], more: int = 0, description: str | None = None) -> Markup:
    """The picture of a path through ``columns`` (empty columns are skipped); ``more``
    people left out of the middle are written as "+N more". Empty Markup for fewer than
    two columns."""
    columns = [list(c) for c in columns if c]
    if len(columns) < 2:
        return Markup("")
    if len(columns) == 3 and len(columns[1]) > MAX_MIDDLE:
        more += len(columns[1]) - MAX_MIDDLE
        columns[1] = columns[1][:MAX_MIDDLE]
    text = description or describe(columns, more)
    rows = max(len(c) for c in columns)
    height = TOP + rows * ROW_HEIGHT + (14 if more else 0)
    width = COLUMN_WIDTH * len(columns)
    centres = []
    for index, column in enumerate(columns):
        x = COLUMN_WIDTH * index + COLUMN_WIDTH / 2
        offset = (rows - len(column)) * ROW_HEIGHT / 2
        centres.append([(x, TOP + offset + row * ROW_HEIGHT) for row in range(len(column))])
    body = []
    for index in range(len(columns) - 1):
        for (x1, y1), left in zip(centres[index], columns[index]):
            for (x2, y2), right in zip(centres[index + 1], columns[index + 1]):
                dashed = "hidden" in (left.kind, right.kind)
                body.append(_arrow(x1, y1 + RADIUS, x2, y2 + RADIUS, dashed))
    for column, points in zip(columns, centres):
        for node, (x, y) in zip(column, points):
            body.append(_node_svg(node, x, y))
    if more:
        x = COLUMN_WIDTH * 1.5
        more_text = escape(_("+%(count)s more", count=more))
        body.append(f'<text x="{x}" y="{height - 4}" text-anchor="middle" font-size="10" '
                    f'fill="#6b7280">{more_text}</text>')
    label = escape(text)
    return Markup(
        f'<svg class="path-picture" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}"><title>{label}</title>'
        + "".join(body) + "</svg>")
