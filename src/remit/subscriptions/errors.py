"""Errors of subscriptions."""

from remit.kernel.problems import Conflict


class SubscriptionCanceled(Conflict):
    code, title = "subscription_canceled", "The subscription is canceled"
