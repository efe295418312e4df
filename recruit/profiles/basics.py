"""Saving a member's headline and job status, shared by the profile page and the API: the
job status decides the member's pseudonym, so saving it always syncs the candidate side."""
from __future__ import annotations

from ..extensions import graph


def save_basics(person_id: str, headline: str, job_status: str) -> tuple[str, dict | None]:
    """Save the basics and sync the pseudonym; the outcome of
    ``CandidateRepository.sync`` (``("created"|"retired"|..., pseudonym)``)."""
    graph().people.update_basics(person_id, headline, job_status)
    return graph().candidates.sync(person_id)
