"""Signed tokens for invitation links and personal referral links.

- An invitation names a referral and a digest of the invited address (never the address:
  URLs end up in logs) and expires after ``REFERRAL_INVITE_DAYS``.
- A personal referral link names an employee and a job. It does not expire: the employee
  may share it anywhere, and it stops working when the job closes or they leave.

Both are signed with the app's secret under their own salt, so one kind cannot pass for
the other and nobody can forge a link crediting someone else.
"""
from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer

from graph.errors import NotFound
from graph.referrals.submissions import email_digest

INVITATION_SALT = "referral-invitation"
LINK_SALT = "referral-personal-link"


def invitation_token(referral_id: str, address: str) -> str:
    """The token of an invitation to ``address`` for a referral."""
    return URLSafeTimedSerializer(current_app.secret_key, salt=INVITATION_SALT).dumps(
        {"r": referral_id, "h": email_digest(address)})


def read_invitation(token: str) -> tuple[str, str]:
    """``(referral id, address digest)``; ``NotFound`` when forged or expired."""
    max_age = current_app.config["REFERRAL_INVITE_DAYS"] * 24 * 3600
    try:
        data = URLSafeTimedSerializer(current_app.secret_key, salt=INVITATION_SALT).loads(
            token, max_age=max_age)
    except BadSignature as exc:  # SignatureExpired is a BadSignature
        raise NotFound("This invitation link is not valid or has expired.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("r"), str) \
            or not isinstance(data.get("h"), str):
        raise NotFound("This invitation link is not valid or has expired.")
    return data["r"], data["h"]


def link_token(employee_id: str, job_id: str) -> str:
    """The employee's personal referral token for a job."""
    return URLSafeSerializer(current_app.secret_key, salt=LINK_SALT).dumps(
        {"e": employee_id, "j": job_id})


def read_link(token: str) -> tuple[str, str]:
    """``(employee id, job id)``; ``NotFound`` when the token is not one we signed."""
    try:
        data = URLSafeSerializer(current_app.secret_key, salt=LINK_SALT).loads(token)
    except BadSignature as exc:
        raise NotFound("This referral link is not valid.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("e"), str) \
            or not isinstance(data.get("j"), str):
        raise NotFound("This referral link is not valid.")
    return data["e"], data["j"]
