"""Company pages, their admins and recruiter requests, company e-mail domains, and
members' work e-mail confirmation."""

from graph.companies.pages import CompanyRepository
from graph.companies.work_email import WorkEmailRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "companies": CompanyRepository,
    "work_emails": WorkEmailRepository,
}

__all__ = ["REPOSITORIES", "CompanyRepository", "WorkEmailRepository"]
