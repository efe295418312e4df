"""In-app notices: one generic notification model any feature writes to inside its own
transaction, the conversation notices built on it, and each member's preferences."""

from graph.notices.preferences import NoticePreferenceRepository
from graph.notices.store import NoticeRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "notices": NoticeRepository,
    "notice_preferences": NoticePreferenceRepository,
}

__all__ = ["REPOSITORIES", "NoticeRepository", "NoticePreferenceRepository"]
