"""Candidate forms: the browse filter (GET), the pseudonym's settings, and messages."""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.widgets import CheckboxInput, ListWidget
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from graph.candidates.conversations import MAX_BODY
from graph.candidates.fields import INDUSTRIES, MEMBER_REACH, REGIONS, SENIORITY, UNSPECIFIED
from graph.candidates.search import MAX_FILTER_SKILLS

from ..i18n.labels import lazy_choices

_ANY = [("", _l("Any"))]


def _known(choices: dict) -> list[tuple[str, str]]:
    """The choices a filter can ask for ("prefer not to say" is no filter)."""
    return lazy_choices(choices, [key for key in choices if key != UNSPECIFIED])


class CandidateFilterForm(FlaskForm):
    """Skills (any of them), seniority band and region; changes nothing, so no CSRF."""

    class Meta:
        csrf = False

    skills = StringField(_l("Skills (comma-separated, any of them)"),
                         validators=[Optional(), Length(max=300)])
    seniority = SelectField(_l("Seniority"), choices=_ANY + _known(SENIORITY),
                            validators=[Optional()])
    region = SelectField(_l("Region"), choices=_ANY + _known(REGIONS), validators=[Optional()])

    def skill_list(self) -> list[str]:
        """The skills asked for, trimmed, empty ones dropped."""
        return [s.strip() for s in (self.skills.data or "").split(",") if s.strip()]

    def validate_skills(self, field):
        if len(self.skill_list()) > MAX_FILTER_SKILLS:
            raise ValidationError(_("Filter by at most %(max)s skills.", max=MAX_FILTER_SKILLS))


class PseudonymSettingsForm(FlaskForm):
    """What the pseudonymous profile shows and who besides recruiters may see it."""

    headline = StringField(_l("Headline for your pseudonym"),
                           validators=[Optional(), Length(max=140)])
    seniority = SelectField(_l("Seniority"), choices=lazy_choices(SENIORITY))
    industry = SelectField(_l("Industry"), choices=lazy_choices(INDUSTRIES))
    region = SelectField(_l("Region"), choices=lazy_choices(REGIONS))
    member_reach = SelectField(_l("Who may see it"), coerce=int,
                               choices=lazy_choices(MEMBER_REACH))


class MessageForm(FlaskForm):
    """A message in a conversation."""

    body = TextAreaField(_l("Message"), validators=[
        DataRequired(_l("Write a message first.")),
        Length(max=MAX_BODY, message=_l("A message can be at most %(max)s characters.", max=MAX_BODY))])


class StartConversationForm(MessageForm):
    """The first message to a pseudonym; a recruiter may name one of their open jobs."""

    job = SelectField(_l("About"), choices=[("", _l("No particular job"))], validators=[Optional()])

    def offer_jobs(self, jobs: list[dict]) -> None:
        """Offer the viewer's open jobs as choices."""
        self.job.choices = [("", "No particular job")] + [
            (job["id"], f"{job['title']} — {job['company']}") for job in jobs]


class BlockCompanyForm(FlaskForm):
    """A company the candidate hides from (any company: employer, competitor, client)."""

    company = StringField(_l("Company"), validators=[
        DataRequired(_l("Enter the company's name.")),
        Length(max=100, message=_l("Use at most 100 characters."))])


class PreviewForm(FlaskForm):
    """A company to preview the pseudonym as (GET: changes nothing, so no CSRF token)."""

    class Meta:
        csrf = False

    company = StringField(_l("Company"), validators=[
        DataRequired(_l("Enter a company's name.")),
        Length(max=100, message=_l("Use at most 100 characters."))])


class HiddenFamiliesForm(FlaskForm):
    """Skill families to leave out of the pseudonymous profile (choices: the member's)."""

    hidden = SelectMultipleField(_l("Hide these skill families"), choices=[],
                                 widget=ListWidget(prefix_label=False),
                                 option_widget=CheckboxInput(), validate_choice=True)
