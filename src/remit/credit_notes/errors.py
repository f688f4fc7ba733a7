"""Errors of credit notes, each with its status and stable code (SPEC §4)."""

from remit.kernel.problems import Conflict, Unprocessable


class InvoiceNotCreditable(Conflict):
    """Credit notes correct issued invoices that still stand: open, past due or paid."""

    code, title = "invoice_not_creditable", "The invoice's status does not allow credit notes"


class CreditNoteExceedsInvoice(Unprocessable):
    code, title = "credit_note_exceeds_invoice", "The credit exceeds what the invoice allows"


class CreditNoteExceedsLine(Unprocessable):
    code, title = (
        "credit_note_exceeds_invoice_line",
        "The credit exceeds what is left of an invoice line",
    )


class CreditNoteSplitMismatch(Unprocessable):
    """refund_amount + credit_amount + out_of_band_amount ≠ the part beyond what was left to
    pay."""

    code, title = (
        "credit_note_split_mismatch",
        "The refund, credit and out-of-band amounts do not add up",
    )


class InvalidCreditNote(Unprocessable):
    """A rule across fields failed (a note that credits nothing); fields listed."""

    code, title = "invalid_credit_note", "The credit note is not valid"


class CreditNoteNotVoidable(Conflict):
    code, title = "credit_note_not_voidable", "The credit note cannot be voided"


class CreditNoteNumberConflict(Conflict):
    code, title = "credit_note_number_conflict", "The credit note number is already taken"
