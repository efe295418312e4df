"""The pseudonymous candidate: pseudonyms and their catalogue, influence levels, who may see a
candidate (the tie rule, block lists), browsing, conversations with real-name counterparts, consent and reveals."""

from graph.candidates.audit import ProfileAuditRepository
from graph.candidates.blocks import BlockListRepository
from graph.candidates.conversations import ConversationRepository
from graph.candidates.influence import InfluenceRepository
from graph.candidates.pseudonyms import CandidateRepository
from graph.candidates.reveals import RevealRepository
from graph.candidates.search import CandidateSearchRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "conversations": ConversationRepository,
    "candidate_blocks": BlockListRepository,
    "profile_audit": ProfileAuditRepository,
    "influence": InfluenceRepository,
    "candidates": CandidateRepository,
    "reveals": RevealRepository,
    "candidate_search": CandidateSearchRepository,
}

__all__ = ["REPOSITORIES", "BlockListRepository", "ProfileAuditRepository", "ConversationRepository", "InfluenceRepository", "CandidateRepository",
           "RevealRepository", "CandidateSearchRepository"]
