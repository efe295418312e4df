"""Notification settings and saved job filters."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField

from graph.notices.preferences import JOB_ALERT_FREQUENCIES

from ..jobs.forms import JobFilterForm


class NotificationSettingsForm(FlaskForm):
    """Job-alert frequency; the per-kind, per-channel switches are plain checkboxes named
    ``<category>:<channel>`` (one per pair of ``CATEGORIES`` and ``CHANNELS``)."""

    job_alerts = RadioField("Jobs in your network", choices=list(JOB_ALERT_FREQUENCIES.items()),
                            default="app")


class SavedJobFilterForm(JobFilterForm):
    """The job feed's filters, saved as a job alert (a POST: CSRF on)."""

    class Meta:
        csrf = True
