"""Jobs within two degrees and posting them (``postings``); company pages and recruiter
requests (``companies``)."""
from . import companies, postings

BLUEPRINTS = (postings.blp, companies.blp)
