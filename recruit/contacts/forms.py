"""Upload forms and the forms of the "how people find you" page."""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Regexp, ValidationError

from .normalise import NETWORKS, is_region, normalise_handle, normalise_phone
from .phones import region_choices

NETWORK_CHOICES = list(NETWORKS.items())


def _default_region() -> str:
    return current_app.config["PHONE_DEFAULT_REGION"]


class _RegionMixin:
    def validate_region(self, field):
        field.data = (field.data or "").strip().upper()
        if not is_region(field.data):
            raise ValidationError(_("Use a two-letter country code such as CN, HK, SG or US."))


class RegionField(SelectField):
    """A country picked from every region ``phonenumbers`` knows, sent as its two-letter
    code (any case); an unknown code gets the same message as a typed one."""

    def __init__(self, label, **kwargs):
        super().__init__(label, choices=region_choices, **kwargs)

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = (valuelist[0] or "").strip().upper()

    def pre_validate(self, form):
        if not is_region(self.data or ""):
            raise ValidationError(_("Use a two-letter country code such as CN, HK, SG or US."))


class AddressBookForm(FlaskForm):
    """A vCard or CSV address book, and the country of numbers written without +code
    (the route sets the uploader's own region as the default)."""

    file = FileField(_l("Address book (.vcf or .csv)"),
                     validators=[FileRequired(_l("Choose a file to upload."))])
    region = RegionField(_l("Numbers without a country code are from"),
                         default=_default_region)


class ReadAgainForm(FlaskForm):
    """The same address book again, with the country of the numbers that could not be
    placed; the new reading replaces the import."""

    file = FileField(_l("The same file again"),
                     validators=[FileRequired(_l("Choose the file to read again."))])
    region = RegionField(_l("Numbers that could not be placed are from"))


class FollowListForm(FlaskForm):
    """A JSON or CSV follow list from one social network."""

    network = SelectField(_l("Network"), choices=NETWORK_CHOICES)
    file = FileField(_l("Follow list (.json or .csv)"),
                     validators=[FileRequired(_l("Choose a file to upload."))])


class PhoneForm(_RegionMixin, FlaskForm):
    """A phone number to confirm by SMS code."""

    number = StringField(_l("Phone number"), validators=[
        DataRequired(_l("Enter your phone number.")), Length(max=40)])
    region = StringField(_l("Country code (for numbers without +)"), default=_default_region,
                         validators=[DataRequired(_l("Enter a country code."))])

    def e164(self) -> str | None:
        """The number in E.164, or None when it is not a valid number."""
        return normalise_phone(self.number.data or "", self.region.data or "")

    def validate_number(self, field):
        if is_region((self.region.data or "").strip()) and self.e164() is None:
            raise ValidationError(_("This is not a valid phone number. Include the country "
                                    "code (e.g. +86) if it is not from the country below."))


class PhoneCodeForm(FlaskForm):
    """The six-digit code from the SMS."""

    code = StringField(_l("Code"), validators=[
        DataRequired(_l("Enter the code from the message.")),
        Regexp(r"^\s*\d{6}\s*$", message=_l("The code is six digits."))])


class HandleForm(FlaskForm):
    """One of the member's own handles on a social network."""

    network = SelectField(_l("Network"), choices=NETWORK_CHOICES)
    handle = StringField(_l("Your handle"), validators=[
        DataRequired(_l("Enter your handle.")), Length(max=100)])

    def validate_handle(self, field):
        if normalise_handle(field.data or "") is None:
            raise ValidationError(_("A handle is 1 to 64 letters, digits, '_', '.' or '-'."))


class EmailMatchingForm(FlaskForm):
    """Turn matching by the sign-up e-mail on or off."""

    on = SelectField(_l("E-mail matching"), choices=[("on", _l("On")), ("off", _l("Off"))])
