"""Errors of the documents' PDFs, each with its status and stable code."""

from remit.kernel.problems import Conflict


class DraftHasNoPdf(Conflict):
    """Like Stripe's `invoice_pdf`, a draft has none: its number, totals and dates may change."""

    code, title = "pdf_draft", "A draft has no PDF: finalize it first"
