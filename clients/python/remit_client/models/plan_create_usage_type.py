from typing import Literal

PlanCreateUsageType = Literal["licensed", "metered"]

PLAN_CREATE_USAGE_TYPE_VALUES: set[PlanCreateUsageType] = {
    "licensed",
    "metered",
}


def check_plan_create_usage_type(value: str) -> PlanCreateUsageType:
    if value in PLAN_CREATE_USAGE_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PLAN_CREATE_USAGE_TYPE_VALUES!r}")
