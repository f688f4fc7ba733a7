from typing import Literal

InvoiceCreatePendingItems = Literal["exclude", "include"]

INVOICE_CREATE_PENDING_ITEMS_VALUES: set[InvoiceCreatePendingItems] = {
    "exclude",
    "include",
}


def check_invoice_create_pending_items(value: str) -> InvoiceCreatePendingItems:
    if value in INVOICE_CREATE_PENDING_ITEMS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INVOICE_CREATE_PENDING_ITEMS_VALUES!r}")
