"""Forms for account settings."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..auth.forms import NewPasswordMixin, strip
from ..auth.passwords import MAX_LENGTH


class NameForm(FlaskForm):
    """The name other members see."""

    name = StringField(_l("Full name"), filters=[strip], validators=[DataRequired(_l("Enter your name.")),
                                                Length(max=100, message=_l("Use at most 100 characters."))])


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    """The current password and a new one."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password.")),
                                                            Length(max=MAX_LENGTH)])
    password = PasswordField(_l("New password"), validators=[DataRequired(_l("Choose a password."))])
    confirm = PasswordField(_l("Repeat new password"),
                            validators=[DataRequired(_l("Repeat your password.")),
                                        EqualTo("password", _l("The passwords do not match."))])


class ChangeEmailForm(FlaskForm):
    """A new address (confirmed by a link sent to it) and the current password."""

    email = EmailField(_l("New e-mail"), filters=[strip], validators=[DataRequired(_l("Enter the new address.")),
                                                 Length(max=254),
                                                 Email(_l("Enter a valid e-mail address."),
                                                       check_deliverability=False)])
    current = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password.")),
                                                            Length(max=MAX_LENGTH)])


class ArchiveRequestForm(FlaskForm):
    """Ask for a data archive: a button, with its CSRF token."""


class DeleteAccountForm(FlaskForm):
    """The password and an explicit yes."""

    current = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password.")),
                                                    Length(max=MAX_LENGTH)])
    confirm = BooleanField(_l("I understand that my account and what identifies me will be erased"),
                           validators=[DataRequired(_l("Tick the box to confirm."))])


class ApiTokenForm(FlaskForm):
    """A new personal access token for the JSON API: what it is for, and how long it lasts."""

    name = StringField(_l("Device or integration"), filters=[strip], validators=[
        DataRequired(_l("Name the device or integration.")),
        Length(max=80, message=_l("Use at most 80 characters."))])
    days = SelectField(_l("Valid for"), choices=[("7", _l("7 days")), ("30", _l("30 days")),
                                             ("90", _l("90 days")), ("365", _l("1 year"))],
                       default="90")
