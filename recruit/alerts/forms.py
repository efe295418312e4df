"""Notification settings and saved job filters."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField

from graph.notices.preferences import JOB_ALERT_FREQUENCIES

from ..i18n.labels import lazy_choices
from ..jobs.forms import JobFilterForm


class NotificationSettingsForm(FlaskForm):
    """Job-alert frequency; the per-kind, per-channel switches are plain checkboxes named
    ``<category>:<channel>`` (one per pair of ``CATEGORIES`` and ``CHANNELS``)."""

    job_alerts = RadioField(_l("Jobs in your network"), choices=lazy_choices(JOB_ALERT_FREQUENCIES),
                            default="app")


class SavedJobFilterForm(JobFilterForm):
    """The job feed's filters, saved as a job alert (a POST: CSRF on)."""

    class Meta:
        csrf = True
