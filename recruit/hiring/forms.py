"""Forms of the hiring pages: applying, and moving a card on a job's board."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from graph.hiring.applications import MAX_NOTE
from graph.hiring.rejections import MAX_MESSAGE, REASONS
from graph.referrals.stages import PIPELINE, STAGE_LABELS

from ..i18n.labels import lazy_choices

MODE_CHOICES = [("self", "As myself: the recruiters see my name, profile and résumé"),
                ("pseudonym", "Under my pseudonym: they see my generalised profile; my "
                              "résumé and name only once we both agree")]


class ApplyForm(FlaskForm):
    """Apply for a job, as oneself or under one's pseudonym, with a PDF résumé."""

    mode = RadioField(_l("How do you apply?"), choices=MODE_CHOICES, default="self",
                      validators=[DataRequired(message=_l("Choose how to apply."))])
    resume = FileField(_l("Résumé (PDF, optional)"))
    note = TextAreaField(_l("A note to the recruiters (optional)"), validators=[
        Optional(), Length(max=MAX_NOTE, message=_l("Keep the note to %(max)s characters.", max=MAX_NOTE))])


class MoveCardForm(FlaskForm):
    """A recruiter moves a card to another stage; a rejection may carry a reason."""

    stage = SelectField(_l("Stage"), choices=lazy_choices(STAGE_LABELS, PIPELINE))
    reason = SelectField(_l("Reason (for “Not selected”)"),
                         choices=[("", "—")] + lazy_choices(REASONS), default="")
    hide_reason = BooleanField(_l("Do not tell the candidate the reason"))
    comment = TextAreaField(_l("Message (optional; the candidate reads it)"), validators=[
        Optional(), Length(max=MAX_MESSAGE, message=_l("Keep it to %(max)s characters.", max=MAX_MESSAGE))])
