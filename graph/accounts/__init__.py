"""Accounts: server-side sessions, one-time tokens, API access tokens, credentials
(password, e-mail, name), the member's data export (prepared in the background as a
``DataArchive``) and account erasure. Owns ``Session``, ``AccountToken``, ``ApiToken``
and ``DataArchive`` and the account properties of ``Person`` (``emailVerifiedAt``,
``passwordChangedAt``, ``deletionDueAt``); see docs/security.md."""

from graph.accounts.api_tokens import ApiTokenRepository
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
    "api_tokens": ApiTokenRepository,
}

__all__ = ["REPOSITORIES", "AccountErasureRepository", "ApiTokenRepository",
           "AccountTokenRepository", "DataArchiveRepository",
           "CredentialRepository", "DataExportRepository", "SessionRepository"]
