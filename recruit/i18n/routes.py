"""``POST /language``: the language switch in every page's footer."""
from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.session import safe_next_url
from ..extensions import graph
from . import bp
from .forms import LanguageForm
from .locale import COOKIE

# A year: the choice is a preference, not a secret, and outlives the session.
COOKIE_SECONDS = 365 * 24 * 3600


@bp.route("/language", methods=["POST"])
def switch():
    """Remember the chosen language in a cookie (visitors too) and, for a member, on
    their account; then go back to the page the switch was on."""
    form = LanguageForm()
    if not form.validate_on_submit():
        abort(400, _("Choose 中文 or English."))
    locale = form.locale.data
    if current_user.is_authenticated:
        graph().people.set_locale(current_user.id, locale)
    response = redirect(safe_next_url(form.next.data) or url_for("main.index"))
    response.set_cookie(COOKIE, locale, max_age=COOKIE_SECONDS, samesite="Lax",
                        httponly=True, secure=request.is_secure)
    return response
