from typing import Literal

SubscriptionCreateCollectionMethod = Literal["charge_automatically", "send_invoice"]

SUBSCRIPTION_CREATE_COLLECTION_METHOD_VALUES: set[SubscriptionCreateCollectionMethod] = {
    "charge_automatically",
    "send_invoice",
}


def check_subscription_create_collection_method(value: str) -> SubscriptionCreateCollectionMethod:
    if value in SUBSCRIPTION_CREATE_COLLECTION_METHOD_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SUBSCRIPTION_CREATE_COLLECTION_METHOD_VALUES!r}")
