"""Errors of customers."""

from remit.kernel.problems import Conflict


class DuplicateHandle(Conflict):
    code, title = "duplicate_handle", "The handle is already in use"


class DuplicateInvoicePrefix(Conflict):
    code, title = "duplicate_invoice_prefix", "Another customer has this invoice prefix"
