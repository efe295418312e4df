"""What the member is told when their job status changes their pseudonym."""
from __future__ import annotations

from flask import flash
from flask_babel import gettext as _

from graph.candidates.pseudonym_names import display_name


def announce_pseudonym(outcome: tuple[str, dict | None]) -> None:
    """Flash the result of ``CandidateRepository.sync`` after a job-status change."""
    change, pseudonym = outcome
    if change == "created":
        name = display_name(pseudonym["hanzi"], pseudonym["pinyin"], pseudonym["generation"])
        flash(_("Your pseudonym is %(name)s. Recruiters in your network see you under a "
                "pseudonym, never by name, and each company under a name of its own. "
                "Review your pseudonymous profile on your candidate page.", name=name), "success")
    elif change == "retired":
        flash(_("Your pseudonymous profile is hidden everywhere now."), "info")
