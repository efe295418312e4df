"""Forms for accounts."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from .passwords import MAX_LENGTH, password_problem


def strip(value):
    """Drop the spaces people paste around names and addresses."""
    return value.strip() if isinstance(value, str) else value


class SignupForm(FlaskForm):
    """Name, e-mail and a password that passes the policy."""

    name = StringField("Full name", filters=[strip], validators=[DataRequired("Enter your name."),
                                                Length(max=100, message="Use at most 100 characters.")])
    email = EmailField("E-mail", filters=[strip], validators=[DataRequired("Enter your e-mail address."),
                                             Length(max=254),
                                             Email("Enter a valid e-mail address.",
                                                   check_deliverability=False)])
    password = PasswordField("Password", validators=[DataRequired("Choose a password.")])
    confirm = PasswordField("Repeat password",
                            validators=[DataRequired("Repeat your password."),
                                        EqualTo("password", "The passwords do not match.")])

    def validate_password(self, field):
        problem = password_problem(field.data or "", self.email.data or "", self.name.data or "")
        if problem:
            raise ValidationError(problem)


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField("E-mail", filters=[strip], validators=[DataRequired("Enter your e-mail address."),
                                             Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired("Enter your password."),
                                                     Length(max=MAX_LENGTH)])
    remember = BooleanField("Keep me logged in")


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

    email = EmailField("E-mail", filters=[strip], validators=[DataRequired("Enter your e-mail address."),
                                             Length(max=254),
                                             Email("Enter a valid e-mail address.",
                                                   check_deliverability=False)])


class ResetPasswordForm(NewPasswordMixin, FlaskForm):
    """A new password, chosen from a reset link."""

    password = PasswordField("New password", validators=[DataRequired("Choose a password.")])
    confirm = PasswordField("Repeat new password",
                            validators=[DataRequired("Repeat your password."),
                                        EqualTo("password", "The passwords do not match.")])
