from typing import Literal

InvoiceCreateTaxRoundingType0 = Literal["per_line", "per_rate"]

INVOICE_CREATE_TAX_ROUNDING_TYPE_0_VALUES: set[InvoiceCreateTaxRoundingType0] = {
    "per_line",
    "per_rate",
}


def check_invoice_create_tax_rounding_type_0(value: str) -> InvoiceCreateTaxRoundingType0:
    if value in INVOICE_CREATE_TAX_ROUNDING_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INVOICE_CREATE_TAX_ROUNDING_TYPE_0_VALUES!r}")
