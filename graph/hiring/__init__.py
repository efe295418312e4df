"""Hiring: applications to jobs (as oneself or under a pseudonym, with a résumé), the
one pipeline of a job across applications and referrals, and rejections."""

from graph.hiring.applications import ApplicationRepository
from graph.hiring.board import PipelineBoardRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "applications": ApplicationRepository,
    "pipeline_board": PipelineBoardRepository,
}

__all__ = ["REPOSITORIES", "ApplicationRepository", "PipelineBoardRepository"]
