"""Contact imports: members' match keys (keyed digests only) and matching uploaded address
books and follow lists against them."""

from graph.contacts.imports import ContactImportRepository
from graph.contacts.match_keys import MatchKeyRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "contact_imports": ContactImportRepository,
    "match_keys": MatchKeyRepository,
}

__all__ = ["REPOSITORIES", "ContactImportRepository", "MatchKeyRepository"]
