from typing import Literal

FinalizeInvoiceEinvoiceProfile = Literal["en16931", "xrechnung"]

FINALIZE_INVOICE_EINVOICE_PROFILE_VALUES: set[FinalizeInvoiceEinvoiceProfile] = {
    "en16931",
    "xrechnung",
}


def check_finalize_invoice_einvoice_profile(value: str) -> FinalizeInvoiceEinvoiceProfile:
    if value in FINALIZE_INVOICE_EINVOICE_PROFILE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FINALIZE_INVOICE_EINVOICE_PROFILE_VALUES!r}")
