"""Accounts: server-side sessions, one-time tokens, credentials (password, e-mail, name),
the member's data export (prepared in the background as a ``DataArchive``) and account
erasure. Owns ``Session`` and ``AccountToken`` and
the account properties of ``Person`` (``emailVerifiedAt``, ``passwordChangedAt``,
``deletionDueAt``); see docs/security.md."""

from graph.accounts.archives import DataArchiveRepository
from graph.accounts.credentials import CredentialRepository
from graph.accounts.erasure import AccountErasureRepository
from graph.accounts.export import DataExportRepository
from graph.accounts.sessions import SessionRepository
from graph.accounts.tokens import AccountTokenRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "sessions": SessionRepository,
    "account_tokens": AccountTokenRepository,
    "credentials": CredentialRepository,
    "data_export": DataExportRepository,
    "data_archives": DataArchiveRepository,
    "account_erasure": AccountErasureRepository,
}

__all__ = ["REPOSITORIES", "AccountErasureRepository", "DataArchiveRepository", "AccountTokenRepository",
           "CredentialRepository", "DataExportRepository", "SessionRepository"]
