from typing import Literal

CustomerCreateTaxExemptType0 = Literal["exempt", "none", "reverse"]

CUSTOMER_CREATE_TAX_EXEMPT_TYPE_0_VALUES: set[CustomerCreateTaxExemptType0] = {
    "exempt",
    "none",
    "reverse",
}


def check_customer_create_tax_exempt_type_0(value: str) -> CustomerCreateTaxExemptType0:
    if value in CUSTOMER_CREATE_TAX_EXEMPT_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CUSTOMER_CREATE_TAX_EXEMPT_TYPE_0_VALUES!r}")
