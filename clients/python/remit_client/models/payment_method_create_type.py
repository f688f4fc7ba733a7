from typing import Literal

PaymentMethodCreateType = Literal["bank_account", "card", "crypto_wallet"]

PAYMENT_METHOD_CREATE_TYPE_VALUES: set[PaymentMethodCreateType] = {
    "bank_account",
    "card",
    "crypto_wallet",
}


def check_payment_method_create_type(value: str) -> PaymentMethodCreateType:
    if value in PAYMENT_METHOD_CREATE_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PAYMENT_METHOD_CREATE_TYPE_VALUES!r}")
