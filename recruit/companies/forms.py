"""Forms for company pages, admins and work e-mail."""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SearchField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from graph.companies.domains import clean_domain, is_public_mail_domain
from graph.errors import Invalid

from ..i18n.labels import error_text


class CompanyForm(FlaskForm):
    """A new company page: the member who sends it becomes its admin."""

    name = StringField(_l("Company name"), validators=[
        DataRequired(_l("Enter the company's name.")),
        Length(max=100, message=_l("Use at most 100 characters."))])
    domain = StringField(_l("E-mail domain (e.g. acme.com): your confirmed work e-mail must be "
                            "on it; leave empty for an unverified page"), validators=[
        Optional(), Length(max=253, message=_l("A domain has at most 253 characters."))])
    industry = StringField(_l("Industry"), validators=[
        Optional(), Length(max=60, message=_l("Use at most 60 characters."))])
    city = StringField(_l("City"), validators=[
        Optional(), Length(max=80, message=_l("Use at most 80 characters."))])
    description = TextAreaField(_l("Description"), validators=[
        Optional(), Length(max=2000, message=_l("Use at most 2000 characters."))])

    def validate_domain(self, field):
        try:
            clean_domain(field.data)
        except Invalid as exc:
            raise ValidationError(error_text(exc)) from exc


class CompanySearchForm(FlaskForm):
    """A name fragment (GET: it changes nothing, so no CSRF token)."""

    class Meta:
        csrf = False

    q = SearchField(_l("Company name"), validators=[
        Optional(), Length(max=100, message=_l("Type at most 100 characters."))])


class AddAdminForm(FlaskForm):
    """Pick someone who works at or recruits for the company."""

    person_id = SelectField(_l("New admin"), choices=[],
                            validators=[DataRequired(_l("Choose a member."))])


class WorkEmailForm(FlaskForm):
    """The member's address at their employer; a link is sent there to confirm it."""

    email = EmailField(_l("Work e-mail"), validators=[
        DataRequired(_l("Enter your work e-mail address.")), Length(max=254),
        Email(_l("Enter a valid e-mail address."), check_deliverability=False)])

    def validate_email(self, field):
        domain = (field.data or "").strip().lower().rpartition("@")[2]
        if is_public_mail_domain(domain):
            raise ValidationError(_("%(domain)s is a public e-mail provider; use the address your employer "
                                    "gave you.", domain=domain))


class AliasForm(FlaskForm):
    """Another name of the company (its Chinese or English name, a former name)."""

    alias = StringField(_l("Other name"), validators=[
        DataRequired(_l("Enter the other name.")),
        Length(max=100, message=_l("Use at most 100 characters."))])
