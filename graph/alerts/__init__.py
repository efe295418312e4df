"""Alerts: "jobs in your network" for job seekers and saved candidate searches for
recruiters, each firing once per new match, and the daily e-mail digest of them."""

from graph.alerts.digests import AlertDigestRepository
from graph.alerts.job_alerts import JobAlertRepository
from graph.alerts.saved_searches import SavedSearchRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "job_alerts": JobAlertRepository,
    "saved_searches": SavedSearchRepository,
    "alert_digests": AlertDigestRepository,
}

__all__ = ["REPOSITORIES", "AlertDigestRepository", "JobAlertRepository",
           "SavedSearchRepository"]
