"""Forms for reports to staff and staff decisions."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from graph.staff.review import REPORT_KINDS

from ..i18n.labels import lazy_choices


class ReportForm(FlaskForm):
    """A member asks staff to review a company."""

    kind = SelectField(_l("What do you ask for?"), choices=lazy_choices(REPORT_KINDS),
                       validators=[DataRequired(_l("Choose what you are asking for."))])
    text = TextAreaField(_l("Details (how staff can check; no passwords)"), validators=[
        DataRequired(_l("Explain what staff should check.")),
        Length(max=2000, message=_l("Use at most 2000 characters."))])


class DecisionForm(FlaskForm):
    """A staff decision: the reason is shown to the company's admins."""

    reason = StringField(_l("Reason (shown to the company's admins)"), validators=[
        Optional(), Length(max=300, message=_l("Use at most 300 characters."))])
    domain = StringField(_l("Domain checked another way (optional)"), validators=[
        Optional(), Length(max=253, message=_l("A domain has at most 253 characters."))])
