from typing import Literal

InvoiceUpdateCollectionMethodType0 = Literal["charge_automatically", "send_invoice"]

INVOICE_UPDATE_COLLECTION_METHOD_TYPE_0_VALUES: set[InvoiceUpdateCollectionMethodType0] = {
    "charge_automatically",
    "send_invoice",
}


def check_invoice_update_collection_method_type_0(value: str) -> InvoiceUpdateCollectionMethodType0:
    if value in INVOICE_UPDATE_COLLECTION_METHOD_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INVOICE_UPDATE_COLLECTION_METHOD_TYPE_0_VALUES!r}")
