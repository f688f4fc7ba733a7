"""Errors of e-invoice exports, each with its status and stable code."""

from remit.kernel.problems import Conflict, Unprocessable


class InvoiceNotIssued(Conflict):
    code, title = "einvoice_draft", "A draft has no e-invoice: finalize it first"


class EInvoiceIncomplete(Unprocessable):
    """Elements the format requires are missing; each is listed with its business term."""

    code, title = "einvoice_incomplete", "The invoice lacks what the e-invoice requires"


class EInvoiceUnsupported(Unprocessable):
    """The invoice holds figures the export cannot write validly (listed)."""

    code, title = "einvoice_unsupported", "The invoice cannot be written as this e-invoice"
