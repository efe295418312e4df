"""Job post form and the feed/search filters."""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SearchField, SelectField, StringField, TextAreaField
from wtforms.validators import (DataRequired, InputRequired, Length, NumberRange, Optional,
                                ValidationError)

from graph.jobs.feed import JobFilters
from graph.jobs.postings import (CURRENCIES, MAX_CITY, MAX_DESCRIPTION, MAX_SALARY, MAX_TEAM,
                                 MAX_SKILL_LENGTH, MAX_SKILLS, MAX_TITLE, REMOTE_OPTIONS,
                                 SENIORITIES, JobFields)

from ..cities import CITY_INPUT
from ..i18n.labels import lazy_choices


def skill_list(raw: str | None) -> list[str]:
    """Comma-separated labels, trimmed, empty ones dropped."""
    return [s.strip() for s in (raw or "").split(",") if s.strip()]


def _salary(label, required) -> IntegerField:
    return IntegerField(label, validators=[
        InputRequired(required),
        NumberRange(0, MAX_SALARY, _l("Enter a whole number from 0 to %(max)s.",
                                      max=f"{MAX_SALARY:,}"))])


class JobForm(FlaskForm):
    """A job post. Salaries are yearly amounts in ``currency``."""

    title = StringField(_l("Title"), validators=[
        DataRequired(_l("Enter the job title.")),
        Length(max=MAX_TITLE, message=_l("Use at most %(max)s characters.", max=MAX_TITLE))])
    description = TextAreaField(_l("Description"), validators=[
        DataRequired(_l("Describe the job.")),
        Length(max=MAX_DESCRIPTION, message=_l("Use at most %(max)s characters.", max=MAX_DESCRIPTION))])
    city = StringField(_l("City"), render_kw=CITY_INPUT, validators=[
        Length(max=MAX_CITY, message=_l("Use at most %(max)s characters.", max=MAX_CITY))])
    team = StringField(_l("Team (optional)"), validators=[
        Optional(), Length(max=MAX_TEAM, message=_l("Use at most %(max)s characters.", max=MAX_TEAM))])
    remote = SelectField(_l("Work mode"), choices=lazy_choices(REMOTE_OPTIONS), default="onsite")
    salary_min = _salary(_l("Minimum salary"),
                         _l("Enter the minimum salary (a whole number)."))
    salary_max = _salary(_l("Maximum salary"),
                         _l("Enter the maximum salary (a whole number)."))
    currency = SelectField(_l("Currency"), choices=[(c, c) for c in CURRENCIES], default="CNY")
    seniority = SelectField(_l("Seniority"), choices=lazy_choices(SENIORITIES), default="mid")
    skills = StringField(_l("Required skills (comma-separated)"), validators=[
        DataRequired(_l("List at least one required skill.")), Length(max=2000)])

    def validate_city(self, field):
        if not (field.data or "").strip() and self.remote.data != "remote":
            raise ValidationError(_("Enter the city, or choose Remote."))

    def validate_salary_max(self, field):
        low = self.salary_min.data
        if low is not None and field.data is not None and field.data < low:
            raise ValidationError(_("The maximum cannot be below the minimum."))

    def validate_skills(self, field):
        labels = skill_list(field.data)
        if not labels:
            raise ValidationError(_("List at least one required skill."))
        if len(labels) > MAX_SKILLS:
            raise ValidationError(_("List at most %(max)s skills.", max=MAX_SKILLS))
        if any(len(s) > MAX_SKILL_LENGTH for s in labels):
            raise ValidationError(_("Each skill can be at most %(max)s characters.", max=MAX_SKILL_LENGTH))

    def to_fields(self) -> JobFields:
        """The validated data for the repository."""
        return JobFields(title=self.title.data, description=self.description.data,
                         city=self.city.data or "", remote=self.remote.data,
                         salary_min=self.salary_min.data, salary_max=self.salary_max.data,
                         currency=self.currency.data, seniority=self.seniority.data,
                         skills=skill_list(self.skills.data), team=self.team.data or "")

    @classmethod
    def from_job(cls, job: dict, skills: list[str]) -> "JobForm":
        """A form filled with a stored job, for editing."""
        return cls(formdata=None, data={
            "title": job["title"], "description": job["description"], "city": job["city"],
            "team": job.get("team") or "",
            "remote": job["remote"], "salary_min": job["salaryMin"],
            "salary_max": job["salaryMax"], "currency": job["currency"],
            "seniority": job["seniority"], "skills": ", ".join(skills)})


class JobFilterForm(FlaskForm):
    """Feed filters (GET: they change nothing, so no CSRF token)."""

    class Meta:
        csrf = False

    city = StringField(_l("City"), render_kw=CITY_INPUT,
                       validators=[Optional(), Length(max=MAX_CITY)])
    remote = SelectField(_l("Work mode"), choices=[("", _l("Any"))] + lazy_choices(REMOTE_OPTIONS),
                         default="")
    skills = StringField(_l("Skills (all of)"), validators=[Optional(), Length(max=500)])
    min_salary = IntegerField(_l("Minimum salary"), validators=[
        Optional(), NumberRange(0, MAX_SALARY, _l("Enter a whole number, 0 or more."))])
    currency = SelectField(_l("Currency"), choices=[(c, c) for c in CURRENCIES], default="CNY")

    def validate_skills(self, field):
        if len(skill_list(field.data)) > MAX_SKILLS:
            raise ValidationError(_("Filter by at most %(max)s skills.", max=MAX_SKILLS))

    def filters(self) -> JobFilters:
        """The filters for the repository (call after ``validate``)."""
        return JobFilters(city=self.city.data or "", remote=self.remote.data or "",
                          skills=tuple(skill_list(self.skills.data)),
                          min_salary=self.min_salary.data, currency=self.currency.data or "CNY")

    def args(self) -> dict:
        """The non-empty filters, for pagination links."""
        return {name: value for name, value in self.data.items() if value not in (None, "")}


class JobSearchForm(JobFilterForm):
    """The open-job search: text plus the same filters."""

    q = SearchField(_l("Title, company or skill"), validators=[
        Optional(), Length(max=100, message=_l("Type at most 100 characters."))])
