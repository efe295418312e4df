"""Company pages, their admins and recruiter requests, verification by domain proof,
domains and aliases, the tie rule's keys, who is a verified recruiter now, and members'
work e-mail confirmation (docs/trust.md)."""

from graph.companies.pages import CompanyRepository
from graph.companies.verification import CompanyVerificationRepository
from graph.companies.work_email import WorkEmailRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "companies": CompanyRepository,
    "work_emails": WorkEmailRepository,
    "company_trust": CompanyVerificationRepository,
}

__all__ = ["REPOSITORIES", "CompanyRepository", "CompanyVerificationRepository",
           "WorkEmailRepository"]
