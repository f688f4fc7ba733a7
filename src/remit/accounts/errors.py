"""Errors of account settings."""

from remit.kernel.problems import Unprocessable


class InvoiceNumberTooLow(Unprocessable):
    code, title = "invoice_number_next_too_low", "Invoice numbers cannot go backwards"


class InvalidNumberTemplate(Unprocessable):
    code, title = "invalid_number_template", "Invalid invoice number template"
