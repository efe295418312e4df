"""Forms for referrals, pipeline moves and asks."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, Length, ValidationError

from graph.referrals.asks import MAX_MESSAGE
from graph.referrals.pipeline import MAX_COMMENT
from graph.referrals.stages import PIPELINE, STAGE_LABELS
from graph.referrals.submissions import MAX_NAME, MAX_NOTE

NOTE_HELP = "The candidate and the company's recruiters see this note."


class ReferForm(FlaskForm):
    """Refer a friend who is a member, or anyone else by name and e-mail."""

    kind = RadioField("Who", choices=[("friend", "A friend on Referral"),
                                      ("outside", "Someone else, by e-mail")], default="friend")
    friend = SelectField("Friend", choices=[], validate_choice=False)
    # Required only for an outside candidate: checked in validate_name / validate_email
    # (an Optional() validator would stop those checks on an empty field).
    name = StringField("Their name", validators=[
        Length(max=MAX_NAME, message=f"Use at most {MAX_NAME} characters.")])
    email = EmailField("Their e-mail", validators=[Length(max=254)])
    note = TextAreaField("Why they fit (for the recruiters)", validators=[
        Length(max=MAX_NOTE, message=f"Keep the note to {MAX_NOTE} characters.")])

    def validate_friend(self, field):
        if self.kind.data == "friend" and field.data not in {v for v, _ in field.choices}:
            raise ValidationError("Choose one of your friends.")

    def validate_name(self, field):
        if self.kind.data == "outside" and not (field.data or "").strip():
            raise ValidationError("Enter their name.")

    def validate_email(self, field):
        if self.kind.data != "outside":
            return
        if not (field.data or "").strip():
            raise ValidationError("Enter their e-mail address; we send them the invitation.")
        Email("Enter a valid e-mail address.", check_deliverability=False)(self, field)


class MoveForm(FlaskForm):
    """A recruiter moves a referral to another stage."""

    stage = SelectField("Stage", choices=[(s, STAGE_LABELS[s]) for s in PIPELINE])
    comment = TextAreaField("Comment (optional; referrer and candidate see it)", validators=[
        Length(max=MAX_COMMENT, message=f"Keep the comment to {MAX_COMMENT} characters.")])


class StatusFilterForm(FlaskForm):
    """The pipeline list's stage filter (GET: no CSRF)."""

    class Meta:
        csrf = False

    status = SelectField("Stage", choices=[("", "All")] + [(s, STAGE_LABELS[s]) for s in PIPELINE],
                         default="")


class AskForm(FlaskForm):
    """Ask a friend at the company for a referral."""

    friend = SelectField("Friend who works there", choices=[], validate_choice=False)
    message = TextAreaField("Message", validators=[
        Length(max=MAX_MESSAGE, message=f"Keep the message to {MAX_MESSAGE} characters.")])

    def validate_friend(self, field):
        if field.data not in {v for v, _ in field.choices}:
            raise ValidationError("Choose one of your friends who work there.")


class AnswerAskForm(FlaskForm):
    """The friend refers the asker, with a note for the recruiters."""

    note = TextAreaField("Note for the recruiters", validators=[
        Length(max=MAX_NOTE, message=f"Keep the note to {MAX_NOTE} characters.")])
