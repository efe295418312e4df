"""A company page's administration beyond recruiter requests: adding an admin, proving
a domain, adding another name, revoking a recruiter. The same repository calls and forms
as ``recruit/companies/routes.py``; every rule (admins only, verified pages only) is in
the repositories."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ....companies.forms import AddAdminForm, AliasForm
from ....extensions import graph
from ...common import offering, validated
from ...operations import operation
from .companies import Decided

blp = Blueprint("api_company_admin", __name__, description="Administering a company page.")


class AdminBody(Schema):
    person_id = fields.String(data_key="personId", required=True, metadata={
        "description": "Someone who works at or recruits for the company.",
        "example": "a1b2..."})


class AliasBody(Schema):
    alias = fields.String(required=True, metadata={"example": "艾克米"})


class DomainProved(Schema):
    domain = fields.String(required=True, metadata={"example": "acme.example"})
    company = fields.String(required=True, metadata={"example": "Acme"})
    newlyVerified = fields.Boolean(required=True, metadata={
        "description": "The page became verified, and you its admin.", "example": True})


@operation(blp, "POST", "/companies/<company_id>/admins", Decided, status=201,
           body=AdminBody, errors=(403, 404, 409))
def add_admin(body, company_id: str):
    """Make another member an admin (admins only; someone who works at or recruits for
    the company)."""
    data = graph().companies.manage(current_user.id, company_id)  # 403 for non-admins
    form = validated(AddAdminForm, body,
                     prepare=offering("person_id", data["adminCandidates"]))
    return {"name": graph().companies.add_admin(current_user.id, company_id,
                                                form.person_id.data)}


@operation(blp, "POST", "/companies/<company_id>/prove-domain", DomainProved,
           errors=(400, 403, 404, 409))
def prove_domain(company_id: str):
    """Prove the domain of your confirmed work e-mail for the company: an unverified page
    becomes verified with you as its admin; an admin adds another domain."""
    outcome = graph().company_trust.prove_domain(current_user.id, company_id)
    return {key: outcome[key] for key in ("domain", "company", "newlyVerified")}


@operation(blp, "POST", "/companies/<company_id>/aliases", Decided, status=201,
           body=AliasBody, errors=(403, 404, 409))
def add_alias(body, company_id: str):
    """Add another name of the company (admins of a verified page); the tie rule hides
    candidates from everyone tied to it under any of its names."""
    form = validated(AliasForm, body)
    return {"name": graph().company_trust.add_alias(current_user.id, company_id,
                                                    form.alias.data)}


@operation(blp, "POST", "/companies/<company_id>/recruiters/<person_id>/revoke", Decided,
           errors=(400, 403, 404))
def revoke(company_id: str, person_id: str):
    """Revoke a verified recruiter (admins only): their rights end at once."""
    return {"name": graph().company_trust.revoke_recruiter(current_user.id, company_id,
                                                           person_id)}
