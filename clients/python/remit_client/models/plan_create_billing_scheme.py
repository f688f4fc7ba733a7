from typing import Literal

PlanCreateBillingScheme = Literal["per_unit", "tiered"]

PLAN_CREATE_BILLING_SCHEME_VALUES: set[PlanCreateBillingScheme] = {
    "per_unit",
    "tiered",
}


def check_plan_create_billing_scheme(value: str) -> PlanCreateBillingScheme:
    if value in PLAN_CREATE_BILLING_SCHEME_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PLAN_CREATE_BILLING_SCHEME_VALUES!r}")
