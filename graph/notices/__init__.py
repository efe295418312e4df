"""In-app notices: one generic notification model any feature writes to inside its own
transaction, and the conversation notices built on it."""

from graph.notices.store import NoticeRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "notices": NoticeRepository,
}

__all__ = ["REPOSITORIES", "NoticeRepository"]
