"""Saving a member's headline and job status, shared by the profile page and the API: the
job status decides the member's pseudonym, so saving it always syncs the candidate side."""
from __future__ import annotations

from ..extensions import graph


def save_basics(person_id: str, headline: str, job_status: str,
                city: str | None = None) -> tuple[str, dict | None]:
    """Save the basics (the city only when given) and sync the pseudonym; the outcome
    of ``CandidateRepository.sync`` (``("created"|"retired"|..., pseudonym)``)."""
    graph().people.update_basics(person_id, headline, job_status, city)
    return graph().candidates.sync(person_id)
