"""Notification settings."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField

from graph.notices.preferences import JOB_ALERT_FREQUENCIES

from ..i18n.labels import lazy_choices


class NotificationSettingsForm(FlaskForm):
    """Job-alert frequency; the per-kind, per-channel switches are plain checkboxes named
    ``<category>:<channel>`` (one per pair of ``CATEGORIES`` and ``CHANNELS``)."""

    job_alerts = RadioField(_l("Jobs in your network"), choices=lazy_choices(JOB_ALERT_FREQUENCIES),
                            default="app")
