"""Generated avatars: the initials of a name in a circle of a colour chosen by a key.

Pure functions (no Flask): ``initials`` and ``colour_for`` decide what an avatar shows,
``avatar_svg`` draws it as inline SVG. The initials are CJK-aware:

- a Chinese name shows its family name, the first character (马 for 马海燕), or the two
  characters of a compound family name (欧阳 for 欧阳娜娜);
- a name in another script that has no spaces (Japanese kana, Hangul) shows its first
  character;
- a Latin name shows the first letters of its first and last words ("LW" for "Li Wei").

The colour is picked from a fixed palette by a hash of the key the caller gives (a member's
id, or a pseudonym's displayed name), so the same key always draws the same avatar and no
avatar carries anything its key does not. Every palette colour has at least 4.5:1 contrast
with white text.
"""
from __future__ import annotations

import hashlib
import unicodedata

from markupsafe import Markup, escape

# Tailwind-like 700 shades: white text on each passes WCAG AA for normal text.
PALETTE = ("#b91c1c", "#c2410c", "#a16207", "#4d7c0f", "#15803d", "#0f766e",
           "#0e7490", "#1d4ed8", "#4338ca", "#6d28d9", "#a21caf", "#be185d")

# Two-character family names common enough to matter; a three-character name starting with
# one of them is read as compound (欧阳娜娜 → 欧阳), a two-character name is not (司马 alone
# would be a given name pattern too rare to guess at).
COMPOUND_SURNAMES = frozenset((
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙",
    "宇文", "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "呼延", "澹台", "公冶",
    "万俟", "闻人", "赫连", "拓跋", "百里", "东郭", "歐陽", "諸葛", "司馬", "獨孤"))


def _is_han(char: str) -> bool:
    """A CJK unified ideograph (the basic block and its extensions, compatibility forms)."""
    return unicodedata.name(char, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))


def _is_unspaced_script(char: str) -> bool:
    """Kana and Hangul: names written without spaces, whose first character stands alone."""
    name = unicodedata.name(char, "")
    return name.startswith(("HIRAGANA", "KATAKANA", "HANGUL"))


def initials(name: str | None) -> str:
    """What an avatar shows for ``name``: one or two characters, "?" when there is none."""
    text = " ".join((name or "").split())
    han = [c for c in text if _is_han(c)]
    if han:
        family = "".join(han[:2])
        if len(han) >= 3 and family in COMPOUND_SURNAMES:
            return family
        return han[0]
    for char in text:
        if _is_unspaced_script(char):
            return char
    words = [w for w in text.replace("-", " ").split() if w[0].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def colour_for(key: str | None) -> str:
    """The palette colour of ``key`` (stable across processes: SHA-256, not ``hash``)."""
    digest = hashlib.sha256((key or "").encode("utf-8")).digest()
    return PALETTE[int.from_bytes(digest[:4], "big") % len(PALETTE)]


def avatar_svg(name: str | None, key: str | None, size: int = 40, label: str | None = None,
               masked: bool = False) -> Markup:
    """An inline SVG avatar of ``name``'s initials, coloured by ``key``.

    ``label`` is its text alternative (``role="img"`` + ``<title>``); without one the
    avatar is decorative (``aria-hidden``), for places where the name is written next to
    it anyway. ``masked`` draws a pseudonym's avatar: a rounded square with a dashed ring,
    so it never looks like a real member's.
    """
    text = initials(name)
    font = size * (0.42 if len(text) == 1 else 0.36)
    half = size / 2
    if label:
        head = f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>'
    else:
        head = 'aria-hidden="true" focusable="false">'
    if masked:
        shape = (f'<rect width="{size}" height="{size}" rx="{size * 0.22:.1f}" fill="{colour_for(key)}"/>'
                 f'<rect x="2" y="2" width="{size - 4}" height="{size - 4}" rx="{size * 0.18:.1f}" '
                 'fill="none" stroke="#fff" stroke-width="1.5" stroke-dasharray="3 2"/>')
    else:
        shape = f'<circle cx="{half}" cy="{half}" r="{half}" fill="{colour_for(key)}"/>'
    return Markup(
        f'<svg class="avatar{" avatar-masked" if masked else ""}" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" xmlns="http://www.w3.org/2000/svg" {head}{shape}'
        f'<text x="50%" y="50%" dy=".35em" text-anchor="middle" font-size="{font:.1f}" '
        f'font-weight="600" fill="#fff">{escape(text)}</text></svg>')
