from typing import Literal

SubscriptionCreateProrationBehavior = Literal["create_prorations", "none"]

SUBSCRIPTION_CREATE_PRORATION_BEHAVIOR_VALUES: set[SubscriptionCreateProrationBehavior] = {
    "create_prorations",
    "none",
}


def check_subscription_create_proration_behavior(value: str) -> SubscriptionCreateProrationBehavior:
    if value in SUBSCRIPTION_CREATE_PRORATION_BEHAVIOR_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SUBSCRIPTION_CREATE_PRORATION_BEHAVIOR_VALUES!r}")
