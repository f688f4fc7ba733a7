from typing import Literal

AccountUpdateDunningFinalActionType0 = Literal["leave_open", "mark_uncollectible"]

ACCOUNT_UPDATE_DUNNING_FINAL_ACTION_TYPE_0_VALUES: set[AccountUpdateDunningFinalActionType0] = {
    "leave_open",
    "mark_uncollectible",
}


def check_account_update_dunning_final_action_type_0(value: str) -> AccountUpdateDunningFinalActionType0:
    if value in ACCOUNT_UPDATE_DUNNING_FINAL_ACTION_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ACCOUNT_UPDATE_DUNNING_FINAL_ACTION_TYPE_0_VALUES!r}"
    )
