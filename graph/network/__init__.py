"""The friendship graph: requests, degrees and badges, mutual friends, people you may know,
circles, and the networkx analyses (pure functions) they use."""

from graph.network.circles import CircleRepository
from graph.network.degrees import NetworkRepository
from graph.network.friends import FriendshipRepository
from graph.network.suggestions import SuggestionRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "circles": CircleRepository,
    "network": NetworkRepository,
    "friends": FriendshipRepository,
    "suggestions": SuggestionRepository,
}

__all__ = ["REPOSITORIES", "CircleRepository", "NetworkRepository", "FriendshipRepository",
           "SuggestionRepository"]
