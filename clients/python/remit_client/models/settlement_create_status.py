from typing import Literal

SettlementCreateStatus = Literal["confirmed", "pending"]

SETTLEMENT_CREATE_STATUS_VALUES: set[SettlementCreateStatus] = {
    "confirmed",
    "pending",
}


def check_settlement_create_status(value: str) -> SettlementCreateStatus:
    if value in SETTLEMENT_CREATE_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SETTLEMENT_CREATE_STATUS_VALUES!r}")
