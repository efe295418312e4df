"""Forms for introduction requests, forwarding and the conversation."""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from graph.referrals.introductions import MAX_MESSAGE

_LENGTH = Length(max=MAX_MESSAGE, message=_l("Keep it to %(max)s characters.", max=MAX_MESSAGE))


class IntroductionForm(FlaskForm):
    """Ask a mutual friend for an introduction."""

    via = SelectField(_l("Mutual friend to ask"), choices=[], validate_choice=False)
    message = TextAreaField(_l("Why you would like to meet"), validators=[
        DataRequired(_l("Write a short message: the friend forwards it.")), _LENGTH])

    def validate_via(self, field):
        if field.data not in {v for v, _ in field.choices}:
            raise ValidationError(_("Choose one of your mutual friends."))


class ForwardForm(FlaskForm):
    """The middle friend forwards, optionally with a note."""

    note = TextAreaField(_l("A word from you (optional; both see it)"), validators=[_LENGTH])


class MessageForm(FlaskForm):
    """One message in a forwarded introduction."""

    text = TextAreaField(_l("Message"), validators=[DataRequired(_l("Write a message first.")), _LENGTH])
