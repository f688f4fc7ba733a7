from typing import Literal

PlanCreateTiersModeType0 = Literal["graduated", "volume"]

PLAN_CREATE_TIERS_MODE_TYPE_0_VALUES: set[PlanCreateTiersModeType0] = {
    "graduated",
    "volume",
}


def check_plan_create_tiers_mode_type_0(value: str) -> PlanCreateTiersModeType0:
    if value in PLAN_CREATE_TIERS_MODE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PLAN_CREATE_TIERS_MODE_TYPE_0_VALUES!r}")
