from typing import Literal

PayInvoiceFailureAction = Literal["leave_open", "mark_uncollectible"]

PAY_INVOICE_FAILURE_ACTION_VALUES: set[PayInvoiceFailureAction] = {
    "leave_open",
    "mark_uncollectible",
}


def check_pay_invoice_failure_action(value: str) -> PayInvoiceFailureAction:
    if value in PAY_INVOICE_FAILURE_ACTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PAY_INVOICE_FAILURE_ACTION_VALUES!r}")
