"""Profile forms. Dates are months ("2021-03") or years; each form checks its own ranges."""
from __future__ import annotations

import re
from datetime import date

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from graph.jobs.postings import MAX_CITY
from graph.people.members import JOB_STATUS_LABELS

from ..cities import CITY_INPUT

MONTH = re.compile(r"^(19[5-9]\d|20\d\d)-(0[1-9]|1[0-2])$")
MAX_SKILLS = 50
MAX_SKILL_LENGTH = 50


def _this_month() -> str:
    return date.today().strftime("%Y-%m")


class BasicsForm(FlaskForm):
    """Headline and job status. The status is private: only the member sees it here."""

    headline = StringField(_l("Headline"), validators=[Optional(), Length(max=140)])
    city = StringField(_l("City"), render_kw=CITY_INPUT,
                       validators=[Optional(), Length(max=MAX_CITY)])
    job_status = SelectField(_l("Job status"), choices=[
        SelectChoice(value=value, label=_l(JOB_STATUS_LABELS[value]))
        for value in ("not_looking", "open", "looking")])


class SkillsForm(FlaskForm):
    """Skills as a comma-separated list of free labels."""

    skills = StringField(_l("Skills (comma-separated)"), validators=[Optional(), Length(max=2000)])

    def skill_list(self) -> list[str]:
        """The labels, trimmed, empty ones dropped."""
        return [s.strip() for s in (self.skills.data or "").split(",") if s.strip()]

    def validate_skills(self, field):
        labels = self.skill_list()
        if len(labels) > MAX_SKILLS:
            raise ValidationError(_("List at most %(max)s skills.", max=MAX_SKILLS))
        too_long = [s for s in labels if len(s) > MAX_SKILL_LENGTH]
        if too_long:
            raise ValidationError(_('Each skill can be at most %(max)s characters ("%(value)s…" is longer).', max=MAX_SKILL_LENGTH, value=too_long[0][:20]))


class PositionForm(FlaskForm):
    """A position: company, title, start month, end month or current."""

    company = StringField(_l("Company"), validators=[DataRequired(_l("Enter the company.")), Length(max=100)])
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter your title.")), Length(max=100)])
    start = StringField(_l("Start (YYYY-MM)"), validators=[DataRequired(_l("Enter the start month."))])
    # No Optional() here: it would stop the chain before validate_end, which decides
    # whether an empty end is allowed (only for a current position).
    end = StringField(_l("End (YYYY-MM)"))
    current = BooleanField(_l("I work here now"))

    def validate_start(self, field):
        if not MONTH.match(field.data or ""):
            raise ValidationError(_("Use the form YYYY-MM, e.g. 2021-03."))
        if field.data > _this_month():
            raise ValidationError(_("The start cannot be in the future."))

    def validate_end(self, field):
        if self.current.data:
            if field.data:
                raise ValidationError(_("Leave the end empty for a current position."))
            return
        if not field.data:
            raise ValidationError(_("Enter the end month, or tick \"I work here now\"."))
        if not MONTH.match(field.data):
            raise ValidationError(_("Use the form YYYY-MM, e.g. 2023-11."))
        if MONTH.match(self.start.data or "") and field.data < self.start.data:
            raise ValidationError(_("The end cannot be before the start."))
        if field.data > _this_month():
            raise ValidationError(_("The end cannot be in the future."))


class EducationForm(FlaskForm):
    """A school, a degree and the years."""

    school = StringField(_l("School"), validators=[DataRequired(_l("Enter the school.")), Length(max=100)])
    degree = StringField(_l("Degree"), validators=[Optional(), Length(max=100)])
    start_year = IntegerField(_l("From (year)"), validators=[
        DataRequired(_l("Enter the first year.")),
        NumberRange(1950, date.today().year, _l("Enter a year between 1950 and this year."))])
    end_year = IntegerField(_l("To (year, empty if ongoing)"), validators=[
        Optional(), NumberRange(1950, date.today().year + 7, _l("Enter a plausible year."))])

    def validate_end_year(self, field):
        if field.data is not None and self.start_year.data and field.data < self.start_year.data:
            raise ValidationError(_("The last year cannot be before the first."))
