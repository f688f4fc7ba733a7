from typing import Literal

InvoiceCreateStatus = Literal["draft", "open"]

INVOICE_CREATE_STATUS_VALUES: set[InvoiceCreateStatus] = {
    "draft",
    "open",
}


def check_invoice_create_status(value: str) -> InvoiceCreateStatus:
    if value in INVOICE_CREATE_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INVOICE_CREATE_STATUS_VALUES!r}")
