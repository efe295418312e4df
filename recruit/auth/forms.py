"""Forms for accounts."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from .passwords import MAX_LENGTH, password_problem


def strip(value):
    """Drop the spaces people paste around names and addresses."""
    return value.strip() if isinstance(value, str) else value


class SignupForm(FlaskForm):
    """Name, e-mail and a password that passes the policy."""

    name = StringField(_l("Full name"), filters=[strip], validators=[DataRequired(_l("Enter your name.")),
                                                Length(max=100, message=_l("Use at most 100 characters."))])
    email = EmailField(_l("E-mail"), filters=[strip], validators=[DataRequired(_l("Enter your e-mail address.")),
                                             Length(max=254),
                                             Email(_l("Enter a valid e-mail address."),
                                                   check_deliverability=False)])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Choose a password."))])
    confirm = PasswordField(_l("Repeat password"),
                            validators=[DataRequired(_l("Repeat your password.")),
                                        EqualTo("password", _l("The passwords do not match."))])

    def validate_password(self, field):
        problem = password_problem(field.data or "", self.email.data or "", self.name.data or "")
        if problem:
            raise ValidationError(problem)


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(_l("E-mail"), filters=[strip], validators=[DataRequired(_l("Enter your e-mail address.")),
                                             Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password.")),
                                                     Length(max=MAX_LENGTH)])
    remember = BooleanField(_l("Keep me logged in"))


class NewPasswordMixin:
    """A new password, typed twice, checked against the policy (``password_problem``).
    The view sets ``policy_email`` and ``policy_name`` so the password may not contain
    them."""

    policy_email = ""
    policy_name = ""

    def validate_password(self, field):
        problem = password_problem(field.data or "", self.policy_email, self.policy_name)
        if problem:
            raise ValidationError(problem)


class ForgotPasswordForm(FlaskForm):
    """The address to send a reset link to."""

    email = EmailField(_l("E-mail"), filters=[strip], validators=[DataRequired(_l("Enter your e-mail address.")),
                                             Length(max=254),
                                             Email(_l("Enter a valid e-mail address."),
                                                   check_deliverability=False)])


class ResetPasswordForm(NewPasswordMixin, FlaskForm):
    """A new password, chosen from a reset link."""

    password = PasswordField(_l("New password"), validators=[DataRequired(_l("Choose a password."))])
    confirm = PasswordField(_l("Repeat new password"),
                            validators=[DataRequired(_l("Repeat your password.")),
                                        EqualTo("password", _l("The passwords do not match."))])
