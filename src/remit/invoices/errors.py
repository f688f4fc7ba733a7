"""Errors of invoices, each with its status and stable code (SPEC §3.1, §4)."""

from remit.kernel.problems import BadRequest, Conflict, Unprocessable


class InvoiceNotDraft(Conflict):
    code, title = "invoice_not_draft", "The invoice is no longer a draft"


class InvoiceNotOpen(Conflict):
    code, title = "invoice_not_open", "The invoice is not open"


class InvoiceStateConflict(Conflict):
    code, title = "invoice_state_conflict", "The invoice's status does not allow this"


class DuplicateInvoiceHandle(Conflict):
    code, title = "duplicate_handle", "An invoice with this handle already exists"


class InvoiceNumberConflict(Conflict):
    code, title = "invoice_number_conflict", "The invoice number is already taken"


class InvoicePaidOnCreate(BadRequest):
    code, title = "invoice_paid_on_create", "Invoices cannot be created as paid"


class InvalidInvoice(Unprocessable):
    """A rule across fields failed (currency of the plan, discounts, totals); fields listed."""

    code, title = "invalid_invoice", "The invoice is not valid"


class InvalidAllowanceCharge(Unprocessable):
    """An allowance or charge breaks a rule (`invoices.allowances`); each field listed with
    its own code (`amount_or_percent`, `reason_required`, `tax_group_required`, …)."""

    code, title = "invalid_allowance_charge", "An allowance or charge is not valid"


class AmountOutOfRange(Unprocessable):
    code, title = "amount_out_of_range", "An amount is outside the supported range"


class CustomerMissing(Unprocessable):
    code, title = "customer_required", "The invoice needs a customer"


class PaymentMethodRequired(BadRequest):
    code, title = "payment_method_required", "A payment method is required"


class LinesMismatch(Unprocessable):
    code, title = "line_items_mismatch", "The lines do not add up to the price"


class DueDateInPast(BadRequest):
    code, title = "due_date_in_past", "The due date must be in the future"


class InvoiceItemAmountMissing(BadRequest):
    code, title = "invoice_item_amount_missing", "The item has no amount"


class InvoiceItemMismatch(Unprocessable):
    """An invoice item does not fit its invoice (another customer, another currency)."""

    code, title = "invoice_item_mismatch", "The item does not fit the invoice"
