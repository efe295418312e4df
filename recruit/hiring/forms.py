"""Forms of the hiring pages: applying, and moving a card on a job's board."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from graph.hiring.applications import MAX_NOTE
from graph.hiring.rejections import MAX_MESSAGE, REASONS
from graph.referrals.stages import PIPELINE, STAGE_LABELS

MODE_CHOICES = [("self", "As myself: the recruiters see my name, profile and résumé"),
                ("pseudonym", "Under my pseudonym: they see my generalised profile; my "
                              "résumé and name only once we both agree")]


class ApplyForm(FlaskForm):
    """Apply for a job, as oneself or under one's pseudonym, with a PDF résumé."""

    mode = RadioField("How do you apply?", choices=MODE_CHOICES, default="self",
                      validators=[DataRequired(message="Choose how to apply.")])
    resume = FileField("Résumé (PDF, optional)")
    note = TextAreaField("A note to the recruiters (optional)", validators=[
        Optional(), Length(max=MAX_NOTE, message=f"Keep the note to {MAX_NOTE} characters.")])


class MoveCardForm(FlaskForm):
    """A recruiter moves a card to another stage; a rejection may carry a reason."""

    stage = SelectField("Stage", choices=[(s, STAGE_LABELS[s]) for s in PIPELINE])
    reason = SelectField("Reason (for “Not selected”)",
                         choices=[("", "—")] + list(REASONS.items()), default="")
    hide_reason = BooleanField("Do not tell the candidate the reason")
    comment = TextAreaField("Message (optional; the candidate reads it)", validators=[
        Optional(), Length(max=MAX_MESSAGE, message=f"Keep it to {MAX_MESSAGE} characters.")])
