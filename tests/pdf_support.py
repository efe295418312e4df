"""Small, valid PDF files for the résumé tests: the demo's hand-written one-page PDF
(``demo.resumes.resume_pdf``), so no test depends on a PDF writer."""
from __future__ import annotations

from demo.resumes import resume_pdf


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose page shows ``text`` (ASCII)."""
    return resume_pdf([text])
