"""Jobs within two degrees and posting them (``postings``); company pages, creating one
and recruiter requests (``companies``); administering a page (``company_admin``)."""
from . import companies, company_admin, postings

BLUEPRINTS = (postings.blp, companies.blp, company_admin.blp)
