"""Forms for reports to staff and staff decisions."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from graph.staff.review import REPORT_KINDS


class ReportForm(FlaskForm):
    """A member asks staff to review a company."""

    kind = SelectField("What do you ask for?", choices=list(REPORT_KINDS.items()),
                       validators=[DataRequired("Choose what you are asking for.")])
    text = TextAreaField("Details (how staff can check; no passwords)", validators=[
        DataRequired("Explain what staff should check."),
        Length(max=2000, message="Use at most 2000 characters.")])


class DecisionForm(FlaskForm):
    """A staff decision: the reason is shown to the company's admins."""

    reason = StringField("Reason (shown to the company's admins)", validators=[
        Optional(), Length(max=300, message="Use at most 300 characters.")])
    domain = StringField("Domain checked another way (optional)", validators=[
        Optional(), Length(max=253, message="A domain has at most 253 characters.")])
