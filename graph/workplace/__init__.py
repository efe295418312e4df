"""The workplace channel (docs/workplace.md): verified employees talk anonymously about
their company. Membership and labels (``membership``), keyed hashes, handles and hours
(``anonymity``), the word filter (``masking``), writing (``posts``), reading
(``reading``), reactions, reports and the poll (``feedback``), moderation
(``moderation``) and the company insight job seekers read (``insight``)."""

from graph.workplace.feedback import FeedbackRepository
from graph.workplace.insight import InsightRepository
from graph.workplace.moderation import ModerationRepository
from graph.workplace.posts import ChannelRepository
from graph.workplace.reading import ReadingRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "workplace": ChannelRepository,
    "workplace_reading": ReadingRepository,
    "workplace_feedback": FeedbackRepository,
    "workplace_moderation": ModerationRepository,
    "workplace_insight": InsightRepository,
}

__all__ = ["REPOSITORIES", "ChannelRepository", "FeedbackRepository", "InsightRepository",
           "ModerationRepository", "ReadingRepository"]
