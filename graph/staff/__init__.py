"""Site staff: who they are, the review queue (claims that cannot use e-mail, disputes,
reports about companies), their decisions on companies, admins and recruiters, and the
recruiters' candidate-browsing counts."""

from graph.staff.review import StaffRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "staff": StaffRepository,
}

__all__ = ["REPOSITORIES", "StaffRepository"]
