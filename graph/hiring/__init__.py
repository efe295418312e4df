"""Hiring: applications to jobs (as oneself or under a pseudonym, with a résumé), the
one pipeline of a job across applications and referrals, rejections, a
recruiter's candidate search ranked by fit to a job, shortlists, and the anti-spam
caps and "not interested" of outreach to pseudonymous candidates."""

from graph.hiring.applications import ApplicationRepository
from graph.hiring.board import PipelineBoardRepository
from graph.hiring.candidate_search import CandidateFitRepository
from graph.hiring.outreach import NotInterestedRepository
from graph.hiring.shortlists import ShortlistRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "applications": ApplicationRepository,
    "pipeline_board": PipelineBoardRepository,
    "candidate_fit": CandidateFitRepository,
    "not_interested": NotInterestedRepository,
    "shortlists": ShortlistRepository,
}

__all__ = ["REPOSITORIES", "ApplicationRepository", "PipelineBoardRepository",
           "CandidateFitRepository", "NotInterestedRepository",
           "ShortlistRepository"]
