from typing import Literal

SettlementCreateMethod = Literal["bank_transfer", "card", "cash", "check", "crypto", "other"]

SETTLEMENT_CREATE_METHOD_VALUES: set[SettlementCreateMethod] = {
    "bank_transfer",
    "card",
    "cash",
    "check",
    "crypto",
    "other",
}


def check_settlement_create_method(value: str) -> SettlementCreateMethod:
    if value in SETTLEMENT_CREATE_METHOD_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SETTLEMENT_CREATE_METHOD_VALUES!r}")
