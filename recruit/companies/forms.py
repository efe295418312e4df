"""Forms for company pages, admins and work e-mail."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, SearchField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from graph.companies.domains import clean_domain, is_public_mail_domain
from graph.errors import Invalid


class CompanyForm(FlaskForm):
    """A new company page: the member who sends it becomes its admin."""

    name = StringField("Company name", validators=[
        DataRequired("Enter the company's name."),
        Length(max=100, message="Use at most 100 characters.")])
    domain = StringField("E-mail domain (e.g. acme.com): your confirmed work e-mail must be "
                         "on it; leave empty for an unverified page", validators=[
        Optional(), Length(max=253, message="A domain has at most 253 characters.")])
    industry = StringField("Industry", validators=[
        Optional(), Length(max=60, message="Use at most 60 characters.")])
    city = StringField("City", validators=[
        Optional(), Length(max=80, message="Use at most 80 characters.")])
    description = TextAreaField("Description", validators=[
        Optional(), Length(max=2000, message="Use at most 2000 characters.")])

    def validate_domain(self, field):
        try:
            clean_domain(field.data)
        except Invalid as exc:
            raise ValidationError(exc.message) from exc


class CompanySearchForm(FlaskForm):
    """A name fragment (GET: it changes nothing, so no CSRF token)."""

    class Meta:
        csrf = False

    q = SearchField("Company name", validators=[
        Optional(), Length(max=100, message="Type at most 100 characters.")])


class AddAdminForm(FlaskForm):
    """Pick someone who works at or recruits for the company."""

    person_id = SelectField("New admin", choices=[],
                            validators=[DataRequired("Choose a member.")])


class WorkEmailForm(FlaskForm):
    """The member's address at their employer; a link is sent there to confirm it."""

    email = EmailField("Work e-mail", validators=[
        DataRequired("Enter your work e-mail address."), Length(max=254),
        Email("Enter a valid e-mail address.", check_deliverability=False)])

    def validate_email(self, field):
        domain = (field.data or "").strip().lower().rpartition("@")[2]
        if is_public_mail_domain(domain):
            raise ValidationError(f"{domain} is a public e-mail provider; use the address "
                                  "your employer gave you.")


class AliasForm(FlaskForm):
    """Another name of the company (its Chinese or English name, a former name)."""

    alias = StringField("Other name", validators=[
        DataRequired("Enter the other name."),
        Length(max=100, message="Use at most 100 characters.")])
