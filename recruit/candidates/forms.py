"""Candidate forms: the browse filter (GET), the pseudonym's settings, and messages."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.widgets import CheckboxInput, ListWidget
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from graph.candidates.conversations import MAX_BODY
from graph.candidates.fields import INDUSTRIES, MEMBER_REACH, REGIONS, SENIORITY, UNSPECIFIED
from graph.candidates.search import MAX_FILTER_SKILLS

_ANY = [("", "Any")]


def _known(choices: dict) -> list[tuple[str, str]]:
    """The choices a filter can ask for ("prefer not to say" is no filter)."""
    return [(key, label) for key, label in choices.items() if key != UNSPECIFIED]


class CandidateFilterForm(FlaskForm):
    """Skills (any of them), seniority band and region; changes nothing, so no CSRF."""

    class Meta:
        csrf = False

    skills = StringField("Skills (comma-separated, any of them)",
                         validators=[Optional(), Length(max=300)])
    seniority = SelectField("Seniority", choices=_ANY + _known(SENIORITY),
                            validators=[Optional()])
    region = SelectField("Region", choices=_ANY + _known(REGIONS), validators=[Optional()])

    def skill_list(self) -> list[str]:
        """The skills asked for, trimmed, empty ones dropped."""
        return [s.strip() for s in (self.skills.data or "").split(",") if s.strip()]

    def validate_skills(self, field):
        if len(self.skill_list()) > MAX_FILTER_SKILLS:
            raise ValidationError(f"Filter by at most {MAX_FILTER_SKILLS} skills.")


class PseudonymSettingsForm(FlaskForm):
    """What the pseudonymous profile shows and who besides recruiters may see it."""

    headline = StringField("Headline for your pseudonym",
                           validators=[Optional(), Length(max=140)])
    seniority = SelectField("Seniority", choices=list(SENIORITY.items()))
    industry = SelectField("Industry", choices=list(INDUSTRIES.items()))
    region = SelectField("Region", choices=list(REGIONS.items()))
    member_reach = SelectField("Who may see it", coerce=int,
                               choices=[(key, label) for key, label in MEMBER_REACH.items()])


class MessageForm(FlaskForm):
    """A message in a conversation."""

    body = TextAreaField("Message", validators=[
        DataRequired("Write a message first."),
        Length(max=MAX_BODY, message=f"A message can be at most {MAX_BODY} characters.")])


class StartConversationForm(MessageForm):
    """The first message to a pseudonym; a recruiter may name one of their open jobs."""

    job = SelectField("About", choices=[("", "No particular job")], validators=[Optional()])

    def offer_jobs(self, jobs: list[dict]) -> None:
        """Offer the viewer's open jobs as choices."""
        self.job.choices = [("", "No particular job")] + [
            (job["id"], f"{job['title']} — {job['company']}") for job in jobs]


class BlockCompanyForm(FlaskForm):
    """A company the candidate hides from (any company: employer, competitor, client)."""

    company = StringField("Company", validators=[
        DataRequired("Enter the company's name."),
        Length(max=100, message="Use at most 100 characters.")])


class PreviewForm(FlaskForm):
    """A company to preview the pseudonym as (GET: changes nothing, so no CSRF token)."""

    class Meta:
        csrf = False

    company = StringField("Company", validators=[
        DataRequired("Enter a company's name."),
        Length(max=100, message="Use at most 100 characters.")])


class HiddenFamiliesForm(FlaskForm):
    """Skill families to leave out of the pseudonymous profile (choices: the member's)."""

    hidden = SelectMultipleField("Hide these skill families", choices=[],
                                 widget=ListWidget(prefix_label=False),
                                 option_widget=CheckboxInput(), validate_choice=True)
