"""Your password, your e-mail address and your work e-mail: the same checks, repository
calls and mails as the settings pages (``recruit/account/credential_changes.py``,
``recruit/companies/work_email_links.py``).

An e-mail change and a work e-mail are confirmed as on the web: the API starts them, a
link is mailed to the new address, and the member opens it (logged in on the site) and
presses "Confirm". Nothing here confirms an address.
"""
from __future__ import annotations

from flask import g
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ....account.credential_changes import (MailNotSent, Refused, change_password,
                                            email_change_limit, start_email_change)
from ....account.forms import ChangeEmailForm, ChangePasswordForm
from ....companies.forms import WorkEmailForm
from ....companies.work_email_links import mail_limit, resend_link, set_work_email
from ....extensions import graph
from ....mail import MailError
from ...common import TIME, validated
from ...operations import operation
from ...problems import FormInvalid, problem

blp = Blueprint("api_account_credentials", __name__,
                description="Your password, e-mail address and work e-mail.")

# The pages' form fields by their names in these bodies (errors are reported by the latter).
PASSWORD_FIELDS = {"current": "currentPassword", "password": "newPassword",
                   "confirm": "newPassword"}
EMAIL_FIELDS = {"email": "email", "current": "password"}
MAIL_FAILED = ("The e-mail could not be sent. Nothing is lost: try again in a few "
               "minutes.")


class PasswordBody(Schema):
    current = fields.String(data_key="currentPassword", required=True,
                            metadata={"example": "correct horse battery"})
    new = fields.String(data_key="newPassword", required=True,
                        metadata={"example": "a much longer passphrase now",
                                  "description": "10 to 128 characters; common and "
                                                 "breached passwords are refused."})


class EmailBody(Schema):
    email = fields.String(required=True, metadata={"example": "li.wei@newmail.example"})
    current = fields.String(data_key="password", required=True,
                            metadata={"example": "correct horse battery",
                                      "description": "Your current password."})


class EmailChangeStarted(Schema):
    pendingEmail = fields.String(required=True, metadata={
        "example": "li.wei@newmail.example",
        "description": "Where the link went: your address changes when you open it "
                       "(logged in on the site) and confirm."})


class DomainCompany(Schema):
    id = fields.String(required=True, metadata={"example": "5c1d..."})
    name = fields.String(required=True, metadata={"example": "Acme"})


class WorkEmailBody(Schema):
    email = fields.String(required=True, metadata={"example": "li.wei@acme.example"})


class WorkEmailState(Schema):
    address = fields.String(allow_none=True, required=True, metadata={
        "example": "li.wei@acme.example", "description": "Only you see it."})
    domain = fields.String(allow_none=True, required=True, metadata={"example": "acme.example"})
    confirmedAt = fields.String(allow_none=True, required=True, metadata=TIME)
    companies = fields.List(fields.Nested(DomainCompany), required=True, metadata={
        "description": "Companies on the domain; listed once the address is confirmed."})


def _renamed(errors: dict, names: dict[str, str]) -> dict:
    """Form errors keyed by this body's field names."""
    renamed: dict[str, list] = {}
    for field, messages in errors.items():
        renamed.setdefault(names.get(field, field), []).extend(messages)
    return renamed


def _checked(form_class, data: dict, names: dict[str, str], prepare=None):
    try:
        return validated(form_class, data, prepare=prepare)
    except FormInvalid as invalid:
        raise FormInvalid(_renamed(invalid.errors, names)) from None


def _refused(refused: Refused, names: dict[str, str]) -> FormInvalid:
    """A check's refusal as the field error the page shows, under this body's name."""
    return FormInvalid({names.get(refused.field, refused.field): [str(refused.message)]})


def _work_email_state() -> dict:
    state = graph().work_emails.status(current_user.id)
    return {"address": state["address"], "domain": state["domain"],
            "confirmedAt": state["confirmedAt"],
            # The page names the domain's companies only once the address is confirmed.
            "companies": state["companies"] if state["confirmedAt"] else []}


@operation(blp, "PUT", "/me/password", status=204, body=PasswordBody)
def put_password(body):
    """Change your password (your current one is required). Every session on the site and
    every other API token ends at once; the token you call with keeps working. A notice
    is mailed to you."""
    def policy(form):
        form.policy_email, form.policy_name = current_user.email, current_user.name
    form = _checked(ChangePasswordForm, {"current": body["current"], "password": body["new"],
                                         "confirm": body["new"]}, PASSWORD_FIELDS, policy)
    try:
        change_password(current_user, form.current.data, form.password.data,
                        keep_token_id=g.api_token_id)
    except Refused as refused:
        raise _refused(refused, PASSWORD_FIELDS) from None


@operation(blp, "POST", "/me/email", EmailChangeStarted, status=202, body=EmailBody,
           errors=(503,))
@email_change_limit
def post_email(body):
    """Start changing your e-mail address (your password is required): a link goes to the
    new address and a notice to the old one. The address changes only when you open the
    link, logged in on the site, and confirm; that ends your other sessions. Limited like
    the page (429)."""
    form = _checked(ChangeEmailForm, body, EMAIL_FIELDS)
    try:
        return {"pendingEmail": start_email_change(current_user, form.email.data,
                                                   form.current.data)}
    except MailNotSent:
        return problem(503, MAIL_FAILED)
    except Refused as refused:
        raise _refused(refused, EMAIL_FIELDS) from None


@operation(blp, "GET", "/me/work-email", WorkEmailState)
def work_email():
    """Your work e-mail: the address, whether it is confirmed, and the companies on its
    domain (a confirmed address verifies your recruiter requests for them)."""
    return _work_email_state()


@operation(blp, "PUT", "/me/work-email", WorkEmailState, status=202, body=WorkEmailBody,
           errors=(503,))
@mail_limit
def put_work_email(body):
    """Set your work e-mail (replacing any other; public mail providers are refused) and
    mail it a confirmation link. Open the link, logged in on the site, and confirm. 503
    when the mail could not be sent: the address is kept, ask for the link again."""
    form = validated(WorkEmailForm, body)
    try:
        set_work_email(form.email.data)
    except MailError:
        return problem(503, MAIL_FAILED)
    return _work_email_state()


@operation(blp, "POST", "/me/work-email/resend", WorkEmailState, status=202,
           errors=(400, 503))
@mail_limit
def resend_work_email():
    """Mail the confirmation link for your work e-mail again (for a confirmed address it
    renews the confirmation). 400 when you have none."""
    try:
        resend_link()
    except MailError:
        return problem(503, MAIL_FAILED)
    return _work_email_state()
