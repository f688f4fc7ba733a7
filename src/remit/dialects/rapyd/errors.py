"""remit's problems → Rapyd's error codes (digest §3.7), by the operation that raised them.

Rapyd answers business and validation errors with 400 and authentication errors with 401;
its message says what happened and ends with a "Corrective action".
"""

from __future__ import annotations

from remit.dialects.rapyd.envelope import RapydError
from remit.kernel.problems import Problem

_READS = ("retrieve_invoice", "update_invoice", "finalize_invoice", "void_invoice",
          "mark_invoice_uncollectible", "invoice_lines")  # fmt: skip

# (operation or "*", remit code) → Rapyd code. The operation is the endpoint's name.
_CODES: dict[tuple[str, str], str] = {
    **{(operation, "resource_missing"): "ERROR_GET_INVOICE" for operation in _READS},
    ("delete_invoice", "resource_missing"): "ERROR_DELETE_INVOICE",
    ("pay_invoice", "resource_missing"): "ERROR_PAY_INVOICE",
    ("update_invoice", "invoice_not_draft"): "ERROR_UPDATE_NOT_DRAFT_INVOICE",
    ("delete_invoice", "invoice_not_draft"): "ERROR_DELETE_NOT_DRAFT_INVOICE",
    ("finalize_invoice", "invoice_not_draft"): "ERROR_FINALIZE_NOT_DRAFT_INVOICE",
    ("void_invoice", "invoice_state_conflict"): "ERROR_VOID_NOT_UNCOLLECTIBLE_OR_OPEN_INVOICE",
    ("void_invoice", "invoice_not_open"): "ERROR_VOID_NOT_UNCOLLECTIBLE_OR_OPEN_INVOICE",
    ("mark_invoice_uncollectible", "invoice_not_open"): "ERROR_MARK_UNCOLLECTIBLE_NOT_OPEN_INVOICE",
    ("pay_invoice", "invoice_not_open"): "ERROR_PAY_INVOICE",
    ("*", "payment_in_progress"): "ERROR_PAY_INVOICE_PAYMENT_PENDING",
    ("*", "payment_method_missing"): "INVALID_PAYMENT_METHOD",
    ("create_invoice_item", "invoice_not_draft"): "ERROR_UPDATE_NOT_DRAFT_INVOICE",
    ("update_invoice_item", "invoice_not_draft"): "ERROR_UPDATE_NOT_DRAFT_INVOICE",
    ("delete_invoice_item", "invoice_not_draft"): "ERROR_DELETE_INVOICE_ITEMS",
    ("retrieve_invoice_item", "resource_missing"): "ERROR_INVOICE_ITEM_NOT_FOUND",
    ("update_invoice_item", "resource_missing"): "ERROR_INVOICE_ITEM_NOT_FOUND",
    ("delete_invoice_item", "resource_missing"): "ERROR_INVOICE_ITEM_NOT_FOUND",
    ("*", "insufficient_scope"): "UNAUTHORIZED_API_CALL",
    ("*", "due_date_in_past"): "INVALID_DUE_DATE",
    ("*", "invoice_item_amount_missing"): "ERROR_INVOICE_ITEM_AMOUNT_PARAM",
}
# Rapyd's own words for remit's rules, where they name Rapyd's fields.
_DETAILS = {
    "INVALID_DUE_DATE": "The due_date must be a Unix timestamp in the future",
    "ERROR_INVOICE_ITEM_AMOUNT_PARAM": "The request did not give the item's amount",
}
# A missing object named by a parameter, whatever the operation.
_PARAMS = {
    "customer": "INVALID_CUSTOMER",
    "subscription": "INVALID_INVOICE_CUSTOMER",
    "payment_method": "INVALID_PAYMENT_METHOD",
    "invoice": "INVALID_INVOICE_ID",
    "plan": "INVALID_PLAN",
    "product": "INVALID_PRODUCT",
}
# Codes of the fields of a failed rule.
_FIELD_CODES = {
    ("invoice_item_mismatch", "currency_mismatch"): "ERROR_INVOICE_ITEM_CURRENCY_MISMATCH",
    ("invoice_item_mismatch", "customer_mismatch"): "INVALID_INVOICE_CUSTOMER",
    ("invalid_invoice", "currency_mismatch"): "INVALID_INVOICE_CURRENCY",
}


def translate(operation: str, problem: Problem) -> RapydError:
    code = _CODES.get((operation, problem.code)) or _CODES.get(("*", problem.code))
    first = problem.errors[0] if problem.errors else None
    if code is None and first is not None:
        if problem.code == "resource_missing":
            code = _PARAMS.get(first.param)
        code = code or _FIELD_CODES.get((problem.code, first.code))
    if code is None:
        code = "INVALID_FIELDS" if problem.status == 400 else f"ERROR_{problem.code.upper()}"
    status = {401: 401, 403: 403, 429: 429, 503: 503}.get(problem.status, 400)
    detail = _DETAILS.get(code, problem.detail.rstrip("."))
    message = (
        f"{detail}. The request was rejected. Corrective action: "
        f"{_CORRECTIVE.get(code, 'Correct the request and send it again.')}"
    )
    return RapydError(code, message, status)


_CORRECTIVE = {
    "ERROR_GET_INVOICE": "Use the ID of an existing invoice.",
    "ERROR_DELETE_INVOICE": "Use the ID of an existing invoice.",
    "ERROR_PAY_INVOICE": "Pay an existing open invoice.",
    "ERROR_UPDATE_NOT_DRAFT_INVOICE": "Update only draft invoices.",
    "ERROR_DELETE_NOT_DRAFT_INVOICE": "Delete only draft invoices; void an issued one.",
    "ERROR_VOID_NOT_UNCOLLECTIBLE_OR_OPEN_INVOICE": "Void only open or uncollectible invoices.",
    "ERROR_MARK_UNCOLLECTIBLE_NOT_OPEN_INVOICE": "Mark only open invoices uncollectible.",
    "ERROR_PAY_INVOICE_PAYMENT_PENDING": "Wait for the active payment to complete.",
    "INVALID_CUSTOMER": "Use the correct customer, or create a new customer.",
    "INVALID_INVOICE_CUSTOMER": "Use the subscription's own customer.",
    "ERROR_INVOICE_ITEM_NOT_FOUND": "Use the ID of an existing invoice item.",
    "INVALID_DUE_DATE": "Send a future due_date, in seconds.",
    "ERROR_INVOICE_ITEM_AMOUNT_PARAM": "Send amount, or unit_amount and quantity.",
}
