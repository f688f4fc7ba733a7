from typing import Literal

AccountUpdateTaxRoundingType0 = Literal["per_line", "per_rate"]

ACCOUNT_UPDATE_TAX_ROUNDING_TYPE_0_VALUES: set[AccountUpdateTaxRoundingType0] = {
    "per_line",
    "per_rate",
}


def check_account_update_tax_rounding_type_0(value: str) -> AccountUpdateTaxRoundingType0:
    if value in ACCOUNT_UPDATE_TAX_ROUNDING_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACCOUNT_UPDATE_TAX_ROUNDING_TYPE_0_VALUES!r}")
