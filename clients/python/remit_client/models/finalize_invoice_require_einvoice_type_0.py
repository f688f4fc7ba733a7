from typing import Literal

FinalizeInvoiceRequireEinvoiceType0 = Literal["cii", "ubl"]

FINALIZE_INVOICE_REQUIRE_EINVOICE_TYPE_0_VALUES: set[FinalizeInvoiceRequireEinvoiceType0] = {
    "cii",
    "ubl",
}


def check_finalize_invoice_require_einvoice_type_0(value: str) -> FinalizeInvoiceRequireEinvoiceType0:
    if value in FINALIZE_INVOICE_REQUIRE_EINVOICE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FINALIZE_INVOICE_REQUIRE_EINVOICE_TYPE_0_VALUES!r}")
