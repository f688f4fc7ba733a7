from typing import Literal

SubscriptionUpdateProrationBehavior = Literal["always_invoice", "create_prorations", "none"]

SUBSCRIPTION_UPDATE_PRORATION_BEHAVIOR_VALUES: set[SubscriptionUpdateProrationBehavior] = {
    "always_invoice",
    "create_prorations",
    "none",
}


def check_subscription_update_proration_behavior(value: str) -> SubscriptionUpdateProrationBehavior:
    if value in SUBSCRIPTION_UPDATE_PRORATION_BEHAVIOR_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SUBSCRIPTION_UPDATE_PRORATION_BEHAVIOR_VALUES!r}")
