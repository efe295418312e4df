"""The "API tokens" page: make a personal access token for the JSON API (shown once),
see the tokens you hold and revoke them (docs/api.md)."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..api.auth import issue_token
from ..extensions import graph
from . import bp
from .forms import ApiTokenForm


def _page(form: ApiTokenForm, new_token: str | None = None, status: int = 200):
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return render_template("account/api_tokens.html", form=form, new_token=new_token,
                           tokens=graph().api_tokens.list(current_user.id, now)), status


@bp.route("/account/api-tokens", methods=["GET", "POST"])
@login_required
def api_tokens():
    form = ApiTokenForm()
    if form.validate_on_submit():
        token, _record = issue_token(current_user.id, form.name.data, int(form.days.data))
        # Shown on this response only (never stored in clear, never flashed into the
        # session), so the page is rendered rather than redirected.
        return _page(ApiTokenForm(formdata=None), new_token=token)
    return _page(form, status=400 if form.is_submitted() else 200)


@bp.route("/account/api-tokens/<token_id>/revoke", methods=["POST"])
@login_required
def revoke_api_token(token_id: str):
    graph().api_tokens.revoke(current_user.id, token_id)  # NotFound (404) if not theirs
    flash(_("Token revoked: it no longer works."), "success")
    return redirect(url_for("account.api_tokens"))
