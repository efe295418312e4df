"""Forms for account settings."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..auth.forms import NewPasswordMixin, strip
from ..auth.passwords import MAX_LENGTH


class NameForm(FlaskForm):
    """The name other members see."""

    name = StringField("Full name", filters=[strip], validators=[DataRequired("Enter your name."),
                                                Length(max=100, message="Use at most 100 characters.")])


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    """The current password and a new one."""

    current = PasswordField("Current password", validators=[DataRequired("Enter your current password."),
                                                            Length(max=MAX_LENGTH)])
    password = PasswordField("New password", validators=[DataRequired("Choose a password.")])
    confirm = PasswordField("Repeat new password",
                            validators=[DataRequired("Repeat your password."),
                                        EqualTo("password", "The passwords do not match.")])


class ChangeEmailForm(FlaskForm):
    """A new address (confirmed by a link sent to it) and the current password."""

    email = EmailField("New e-mail", filters=[strip], validators=[DataRequired("Enter the new address."),
                                                 Length(max=254),
                                                 Email("Enter a valid e-mail address.",
                                                       check_deliverability=False)])
    current = PasswordField("Current password", validators=[DataRequired("Enter your current password."),
                                                            Length(max=MAX_LENGTH)])


class ArchiveRequestForm(FlaskForm):
    """Ask for a data archive: a button, with its CSRF token."""


class DeleteAccountForm(FlaskForm):
    """The password and an explicit yes."""

    current = PasswordField("Password", validators=[DataRequired("Enter your password."),
                                                    Length(max=MAX_LENGTH)])
    confirm = BooleanField("I understand that my account and what identifies me will be erased",
                           validators=[DataRequired("Tick the box to confirm.")])


class ApiTokenForm(FlaskForm):
    """A new personal access token for the JSON API: what it is for, and how long it lasts."""

    name = StringField("Device or integration", filters=[strip], validators=[
        DataRequired("Name the device or integration."),
        Length(max=80, message="Use at most 80 characters.")])
    days = SelectField("Valid for", choices=[("7", "7 days"), ("30", "30 days"),
                                             ("90", "90 days"), ("365", "1 year")],
                       default="90")
