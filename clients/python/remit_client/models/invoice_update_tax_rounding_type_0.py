from typing import Literal

InvoiceUpdateTaxRoundingType0 = Literal["per_line", "per_rate"]

INVOICE_UPDATE_TAX_ROUNDING_TYPE_0_VALUES: set[InvoiceUpdateTaxRoundingType0] = {
    "per_line",
    "per_rate",
}


def check_invoice_update_tax_rounding_type_0(value: str) -> InvoiceUpdateTaxRoundingType0:
    if value in INVOICE_UPDATE_TAX_ROUNDING_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INVOICE_UPDATE_TAX_ROUNDING_TYPE_0_VALUES!r}")
