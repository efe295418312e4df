"""Job post form and the feed/search filters."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SearchField, SelectField, StringField, TextAreaField
from wtforms.validators import (DataRequired, InputRequired, Length, NumberRange, Optional,
                                ValidationError)

from graph.jobs.feed import JobFilters
from graph.jobs.postings import (CURRENCIES, MAX_CITY, MAX_DESCRIPTION, MAX_SALARY, MAX_TEAM,
                                 MAX_SKILL_LENGTH, MAX_SKILLS, MAX_TITLE, REMOTE_OPTIONS,
                                 SENIORITIES, JobFields)

from ..cities import CITY_INPUT


def skill_list(raw: str | None) -> list[str]:
    """Comma-separated labels, trimmed, empty ones dropped."""
    return [s.strip() for s in (raw or "").split(",") if s.strip()]


def _salary(label: str) -> IntegerField:
    return IntegerField(label, validators=[
        InputRequired(f"Enter the {label.lower()} (a whole number)."),
        NumberRange(0, MAX_SALARY, f"Enter a whole number from 0 to {MAX_SALARY:,}.")])


class JobForm(FlaskForm):
    """A job post. Salaries are yearly amounts in ``currency``."""

    title = StringField("Title", validators=[
        DataRequired("Enter the job title."),
        Length(max=MAX_TITLE, message=f"Use at most {MAX_TITLE} characters.")])
    description = TextAreaField("Description", validators=[
        DataRequired("Describe the job."),
        Length(max=MAX_DESCRIPTION, message=f"Use at most {MAX_DESCRIPTION} characters.")])
    city = StringField("City", render_kw=CITY_INPUT, validators=[
        Length(max=MAX_CITY, message=f"Use at most {MAX_CITY} characters.")])
    team = StringField("Team (optional)", validators=[
        Optional(), Length(max=MAX_TEAM, message=f"Use at most {MAX_TEAM} characters.")])
    remote = SelectField("Work mode", choices=list(REMOTE_OPTIONS.items()), default="onsite")
    salary_min = _salary("Minimum salary")
    salary_max = _salary("Maximum salary")
    currency = SelectField("Currency", choices=[(c, c) for c in CURRENCIES], default="CNY")
    seniority = SelectField("Seniority", choices=list(SENIORITIES.items()), default="mid")
    skills = StringField("Required skills (comma-separated)", validators=[
        DataRequired("List at least one required skill."), Length(max=2000)])

    def validate_city(self, field):
        if not (field.data or "").strip() and self.remote.data != "remote":
            raise ValidationError("Enter the city, or choose Remote.")

    def validate_salary_max(self, field):
        low = self.salary_min.data
        if low is not None and field.data is not None and field.data < low:
            raise ValidationError("The maximum cannot be below the minimum.")

    def validate_skills(self, field):
        labels = skill_list(field.data)
        if not labels:
            raise ValidationError("List at least one required skill.")
        if len(labels) > MAX_SKILLS:
            raise ValidationError(f"List at most {MAX_SKILLS} skills.")
        if any(len(s) > MAX_SKILL_LENGTH for s in labels):
            raise ValidationError(f"Each skill can be at most {MAX_SKILL_LENGTH} characters.")

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

    city = StringField("City", render_kw=CITY_INPUT,
                       validators=[Optional(), Length(max=MAX_CITY)])
    remote = SelectField("Work mode", choices=[("", "Any")] + list(REMOTE_OPTIONS.items()),
                         default="")
    skills = StringField("Skills (all of)", validators=[Optional(), Length(max=500)])
    min_salary = IntegerField("Minimum salary", validators=[
        Optional(), NumberRange(0, MAX_SALARY, "Enter a whole number, 0 or more.")])
    currency = SelectField("Currency", choices=[(c, c) for c in CURRENCIES], default="CNY")

    def validate_skills(self, field):
        if len(skill_list(field.data)) > MAX_SKILLS:
            raise ValidationError(f"Filter by at most {MAX_SKILLS} skills.")

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

    q = SearchField("Title, company or skill", validators=[
        Optional(), Length(max=100, message="Type at most 100 characters.")])
