"""Alerts: "jobs in your network" and saved job filters for job seekers, saved candidate
searches for recruiters, each firing once per new match, and the daily e-mail digest of them."""

from graph.alerts.digests import AlertDigestRepository
from graph.alerts.job_alerts import JobAlertRepository
from graph.alerts.job_filters import SavedJobFilterRepository
from graph.alerts.saved_searches import SavedSearchRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "job_alerts": JobAlertRepository,
    "saved_searches": SavedSearchRepository,
    "saved_job_filters": SavedJobFilterRepository,
    "alert_digests": AlertDigestRepository,
}

__all__ = ["REPOSITORIES", "AlertDigestRepository", "JobAlertRepository",
           "SavedJobFilterRepository", "SavedSearchRepository"]
