"""Errors of subscription changes and of the upcoming invoice."""

from remit.kernel.problems import Conflict, ValidationFailed


class SubscriptionNotUpdatable(Conflict):
    code, title = "subscription_not_updatable", "The subscription's items cannot change now"


class NoUpcomingInvoice(Conflict):
    code, title = "invoice_upcoming_none", "The subscription bills no next invoice"


class NoItemsLeft(ValidationFailed):
    code, title = "subscription_items_empty", "A subscription keeps at least one item"


class MeteredItemFixed(ValidationFailed):
    code, title = "subscription_item_metered", "A metered item cannot be removed or replaced"
