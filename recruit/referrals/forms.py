"""Forms for referrals, pipeline moves and asks."""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, Length, ValidationError

from graph.i18n import N_
from graph.referrals.asks import MAX_MESSAGE
from graph.referrals.pipeline import MAX_COMMENT
from graph.referrals.stages import PIPELINE, STAGE_LABELS
from graph.referrals.submissions import MAX_NAME, MAX_NOTE

from ..i18n.labels import lazy_choices

NOTE_HELP = N_("The candidate and the company's recruiters see this note.")


class ReferForm(FlaskForm):
    """Refer a friend who is a member, or anyone else by name and e-mail."""

    kind = RadioField(_l("Who"), choices=[("friend", _l("A friend on Referral")),
                                      ("outside", _l("Someone else, by e-mail"))], default="friend")
    friend = SelectField(_l("Friend"), choices=[], validate_choice=False)
    # Required only for an outside candidate: checked in validate_name / validate_email
    # (an Optional() validator would stop those checks on an empty field).
    name = StringField(_l("Their name"), validators=[
        Length(max=MAX_NAME, message=_l("Use at most %(max)s characters.", max=MAX_NAME))])
    email = EmailField(_l("Their e-mail"), validators=[Length(max=254)])
    note = TextAreaField(_l("Why they fit (for the recruiters)"), validators=[
        Length(max=MAX_NOTE, message=_l("Keep the note to %(max)s characters.", max=MAX_NOTE))])

    def validate_friend(self, field):
        if self.kind.data == "friend" and field.data not in {v for v, _ in field.choices}:
            raise ValidationError(_("Choose one of your friends."))

    def validate_name(self, field):
        if self.kind.data == "outside" and not (field.data or "").strip():
            raise ValidationError(_("Enter their name."))

    def validate_email(self, field):
        if self.kind.data != "outside":
            return
        if not (field.data or "").strip():
            raise ValidationError(_("Enter their e-mail address; we send them the invitation."))
        Email(_l("Enter a valid e-mail address."), check_deliverability=False)(self, field)


class MoveForm(FlaskForm):
    """A recruiter moves a referral to another stage."""

    stage = SelectField(_l("Stage"), choices=lazy_choices(STAGE_LABELS, PIPELINE))
    comment = TextAreaField(_l("Comment (optional; referrer and candidate see it)"), validators=[
        Length(max=MAX_COMMENT, message=_l("Keep the comment to %(max)s characters.", max=MAX_COMMENT))])


class StatusFilterForm(FlaskForm):
    """The pipeline list's stage filter (GET: no CSRF)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Stage"), choices=[("", _l("All"))] + lazy_choices(STAGE_LABELS, PIPELINE),
                         default="")


class AskForm(FlaskForm):
    """Ask a friend at the company for a referral."""

    friend = SelectField(_l("Friend who works there"), choices=[], validate_choice=False)
    message = TextAreaField(_l("Message"), validators=[
        Length(max=MAX_MESSAGE, message=_l("Keep the message to %(max)s characters.", max=MAX_MESSAGE))])

    def validate_friend(self, field):
        if field.data not in {v for v, _ in field.choices}:
            raise ValidationError(_("Choose one of your friends who work there."))


class AnswerAskForm(FlaskForm):
    """The friend refers the asker, with a note for the recruiters."""

    note = TextAreaField(_l("Note for the recruiters"), validators=[
        Length(max=MAX_NOTE, message=_l("Keep the note to %(max)s characters.", max=MAX_NOTE))])
