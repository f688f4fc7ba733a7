from typing import Literal

AccountUpdateInvoiceNumberScopeType0 = Literal["account", "customer"]

ACCOUNT_UPDATE_INVOICE_NUMBER_SCOPE_TYPE_0_VALUES: set[AccountUpdateInvoiceNumberScopeType0] = {
    "account",
    "customer",
}


def check_account_update_invoice_number_scope_type_0(value: str) -> AccountUpdateInvoiceNumberScopeType0:
    if value in ACCOUNT_UPDATE_INVOICE_NUMBER_SCOPE_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ACCOUNT_UPDATE_INVOICE_NUMBER_SCOPE_TYPE_0_VALUES!r}"
    )
