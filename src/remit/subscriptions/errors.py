"""Errors of subscriptions."""

from remit.kernel.problems import Conflict, ValidationFailed


class SubscriptionCanceled(Conflict):
    code, title = "subscription_canceled", "The subscription is canceled"


class SubscriptionNotPausable(Conflict):
    code, title = "subscription_not_pausable", "The subscription cannot be paused or resumed"


class ItemsDoNotMatch(ValidationFailed):
    code, title = "subscription_items_mismatch", "The items cannot bill on one invoice"


class BillingCycleAnchorInvalid(ValidationFailed):
    code, title = "billing_cycle_anchor_invalid", "The billing cycle anchor cannot be used"
