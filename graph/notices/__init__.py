"""In-app notices: one generic notification model any feature writes to inside its own
transaction, the conversation notices built on it, each member's preferences, and the
e-mail copies the preferences allow."""

from graph.notices.mails import NoticeMailRepository
from graph.notices.preferences import NoticePreferenceRepository
from graph.notices.store import NoticeRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "notices": NoticeRepository,
    "notice_preferences": NoticePreferenceRepository,
    "notice_mails": NoticeMailRepository,
}

__all__ = ["REPOSITORIES", "NoticeMailRepository", "NoticeRepository",
           "NoticePreferenceRepository"]
