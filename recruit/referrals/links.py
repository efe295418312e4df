"""Links from outside: invitations of outside candidates and personal referral links.

No open redirects: every redirect here goes to an address built with ``url_for`` from
ids we checked; the ``next`` given to log-in and sign-up is this page's own path.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Invalid

from ..extensions import graph
from . import bp
from .notify import mail_confirmed, mail_declined
from .tokens import read_invitation, read_link


def _me() -> str | None:
    return current_user.id if current_user.is_authenticated else None


@bp.route("/referrals/invitation/<token>")
def invitation(token: str):
    referral_id, digest = read_invitation(token)
    data = graph().referral_invitations.invitation(referral_id, digest, _me())
    return render_template("referrals/invitation.html", data=data, token=token,
                           here=url_for("referrals.invitation", token=token))


@bp.route("/referrals/invitation/<token>/confirm", methods=["POST"])
@login_required
def confirm_invitation(token: str):
    referral_id, digest = read_invitation(token)
    result = graph().referral_invitations.answer(referral_id, digest, current_user.id, True)
    mail_confirmed(result)
    flash(_("Referral confirmed. The company's recruiters can see it now.")
          if result["ownership"]["owner"]
          else _("Referral confirmed and kept on record; an earlier referral of you for this "
                 "job owns it."), "success")
    return redirect(url_for("referrals.view", referral_id=referral_id))


@bp.route("/referrals/invitation/<token>/decline", methods=["POST"])
def decline_invitation(token: str):
    """Declining needs no account: the link itself is the proof."""
    referral_id, digest = read_invitation(token)
    result = graph().referral_invitations.answer(referral_id, digest, _me(), False)
    mail_declined(result)
    flash(_("Invitation declined. Nothing was shared with the company."), "info")
    return redirect(url_for("main.index"))


@bp.route("/r/<token>")
def link(token: str):
    """The landing page of a personal referral link: the job, who shares it, and how to
    apply with them as referrer (sign up or log in first)."""
    employee_id, job_id = read_link(token)
    data = graph().referral_invitations.link_target(employee_id, job_id)
    here = url_for("referrals.link", token=token)
    return render_template("referrals/link.html", data=data, token=token, here=here,
                           own=_me() == employee_id)


@bp.route("/r/<token>/apply", methods=["POST"])
@login_required
def apply(token: str):
    employee_id, job_id = read_link(token)
    if employee_id == current_user.id:
        raise Invalid("This is your own referral link: share it with people who fit the job.")
    data = graph().referral_invitations.link_target(employee_id, job_id)
    if not data["live"]:
        raise Invalid("This referral link no longer works: the job is closed or %(name)s no "
                      "longer works at %(name2)s.", name=data['employee']['name'], name2=data['company']['name'])
    result = graph().referrals.refer_confirmed(employee_id, job_id, current_user.id, "",
                                               source="link", actor_id=current_user.id)
    mail_confirmed(result)
    if result["ownership"]["owner"]:
        flash(_("Applied, with %(name)s as your referrer. The recruiters can see your "
                "application now.", name=data['employee']['name']), "success")
    else:
        flash(_("Applied and kept on record. An earlier referral of you for this job owns it, so "
                "that one carries your application."), "info")
    return redirect(url_for("referrals.view", referral_id=result["referral"]["id"]))


def login_next(here: str) -> dict:
    """Log-in and sign-up addresses that come back to ``here`` (a path of ours)."""
    return {"login": url_for("auth.login", next=here), "signup": url_for("auth.signup", next=here)}


@bp.app_context_processor
def link_helpers() -> dict:
    """``login_next(path)`` for the invitation and link pages."""
    return {"login_next": login_next}
