"""Job posts by verified recruiters, and the reads over them: the network job feed
("jobs within two degrees") and the open-job search."""

from graph.jobs.feed import JobFeedRepository
from graph.jobs.postings import JobRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "job_feed": JobFeedRepository,
    "jobs": JobRepository,
}

__all__ = ["REPOSITORIES", "JobFeedRepository", "JobRepository"]
