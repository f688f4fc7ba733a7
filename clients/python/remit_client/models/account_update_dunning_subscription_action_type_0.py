from typing import Literal

AccountUpdateDunningSubscriptionActionType0 = Literal["cancel", "leave_past_due", "mark_unpaid"]

ACCOUNT_UPDATE_DUNNING_SUBSCRIPTION_ACTION_TYPE_0_VALUES: set[AccountUpdateDunningSubscriptionActionType0] = {
    "cancel",
    "leave_past_due",
    "mark_unpaid",
}


def check_account_update_dunning_subscription_action_type_0(value: str) -> AccountUpdateDunningSubscriptionActionType0:
    if value in ACCOUNT_UPDATE_DUNNING_SUBSCRIPTION_ACTION_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ACCOUNT_UPDATE_DUNNING_SUBSCRIPTION_ACTION_TYPE_0_VALUES!r}"
    )
