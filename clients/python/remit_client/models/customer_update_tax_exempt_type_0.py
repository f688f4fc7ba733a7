from typing import Literal

CustomerUpdateTaxExemptType0 = Literal["exempt", "none", "reverse"]

CUSTOMER_UPDATE_TAX_EXEMPT_TYPE_0_VALUES: set[CustomerUpdateTaxExemptType0] = {
    "exempt",
    "none",
    "reverse",
}


def check_customer_update_tax_exempt_type_0(value: str) -> CustomerUpdateTaxExemptType0:
    if value in CUSTOMER_UPDATE_TAX_EXEMPT_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CUSTOMER_UPDATE_TAX_EXEMPT_TYPE_0_VALUES!r}")
