"""Template globals that draw avatars and connection paths from the rows pages have.

Each builds ``paths.Node``s from what the page already shows, then calls the pure
drawing functions. The rules on pseudonyms live here, in one place:

- ``pseudonym_avatar`` and ``candidate_path`` take a pseudonym dict and use only its
  displayed name (initials and colour both come from it), never a member's id, name or
  photo, so a picture says nothing the page's text does not;
- ``candidate_path`` never draws who links the viewer to a candidate: one ``hidden``
  node stands for it, whatever the degree (docs/candidates.md: no degree next to a
  pseudonym), so the picture is the same for a friend and for a stranger.
"""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from graph.candidates.pseudonym_names import display_name

from . import bp
from .avatars import avatar_svg
from .paths import Node, path_svg


def _you() -> Node:
    return Node(name=_("You"), key=current_user.id, kind="you", avatar_name=current_user.name)


def _person(person: dict, caption: str = "") -> Node:
    return Node(name=person.get("name") or "", key=person.get("id") or "", caption=caption)


def _pseudonym_label(ps: dict) -> str:
    return display_name(ps.get("hanzi") or "", ps.get("pinyin") or "", ps.get("generation") or 1)


@bp.app_template_global()
def avatar(person: dict | None, size: int = 40, label: bool = False) -> Markup:
    """A member's avatar: their photo when they have one (``photoId``), else their initials.
    Decorative unless ``label`` (the name is usually written beside it)."""
    if not person:
        return Markup("")
    name = person.get("name") or ""
    if person.get("photoId") and person.get("id"):
        src = url_for("pictures.photo", person_id=person["id"], photo_id=person["photoId"])
        alt = escape(name) if label else ""
        return Markup(f'<img class="avatar avatar-photo" src="{escape(src)}" width="{size}" '
                      f'height="{size}" alt="{alt}" loading="lazy" decoding="async">')
    return avatar_svg(name, person.get("id"), size, label=name if label else None)


@bp.app_template_global()
def pseudonym_avatar(ps: dict | None, size: int = 40, label: bool = False) -> Markup:
    """A pseudonym's avatar, from its displayed name only (never a photo)."""
    if not ps:
        return Markup("")
    name = _pseudonym_label(ps)
    return avatar_svg(ps.get("hanzi") or name, name, size, label=name if label else None,
                      masked=True)


@bp.app_template_global()
def member_path(connection: dict | None, person: dict) -> Markup:
    """You → mutual friend(s) → ``person``, from a degree badge or a member page's
    ``connection`` (``degree``, ``mutuals``, ``mutualCount``). Nothing beyond 2nd degree."""
    if not connection or connection.get("degree") not in (1, 2):
        return Markup("")
    if connection["degree"] == 1:
        return path_svg([[_you()], [_person(person)]])
    mutuals = [_person(m) for m in connection.get("mutuals") or []]
    shown = min(len(mutuals), 3)
    more = max((connection.get("mutualCount") or 0) - shown, 0)
    return path_svg([[_you()], mutuals[:shown], [_person(person)]], more=more)


@bp.app_template_global()
def job_path(path: dict | None, company: dict | None = None) -> Markup:
    """You → (friend) → the recruiter or employee of a job-feed row's ``path``."""
    if not path or not path.get("target"):
        return Markup("")
    if path.get("kind") == "recruiter":
        caption = _("recruiter")
    elif company and company.get("name"):
        caption = _("at %(company)s", company=company["name"])
    else:
        caption = _("employee")
    middle = [_person(path["via"])] if path.get("via") else []
    return path_svg([[_you()], middle, [_person(path["target"], caption)]])


@bp.app_template_global()
def candidate_path(ps: dict | None) -> Markup:
    """You → (a private path) → the pseudonym: the same picture at any degree."""
    if not ps:
        return Markup("")
    name = _pseudonym_label(ps)
    hidden = Node(name="", key="", kind="hidden")
    target = Node(name=name, key=name, kind="pseudonym", caption=_("pseudonym"),
                  avatar_name=ps.get("hanzi") or name)
    return path_svg([[_you()], [hidden], [target]],
                    description=_("You → a private path → %(name)s (pseudonym); who links you "
                                  "stays hidden unless you both agree to reveal", name=name))
