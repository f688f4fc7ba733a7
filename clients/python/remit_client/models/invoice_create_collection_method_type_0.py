from typing import Literal

InvoiceCreateCollectionMethodType0 = Literal["charge_automatically", "send_invoice"]

INVOICE_CREATE_COLLECTION_METHOD_TYPE_0_VALUES: set[InvoiceCreateCollectionMethodType0] = {
    "charge_automatically",
    "send_invoice",
}


def check_invoice_create_collection_method_type_0(value: str) -> InvoiceCreateCollectionMethodType0:
    if value in INVOICE_CREATE_COLLECTION_METHOD_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INVOICE_CREATE_COLLECTION_METHOD_TYPE_0_VALUES!r}")
