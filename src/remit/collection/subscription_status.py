"""A subscription follows the collection of its latest invoice (Stripe's statuses): an
automatic payment that fails makes it `past_due` (`incomplete` when it is the first
invoice); when dunning gives up, the account's `dunning_subscription_action` makes it `unpaid`,
`canceled`, or leaves it `past_due`; the invoice paid makes it `active` again. Called wherever
a payment's outcome is recorded.

Which invoices count is this one rule: the subscription's `latest_invoice`, which every
invoice the subscription makes becomes (billing.run.issue: a period's, a change's
`subscription_update`, its final one). An invoice made by hand for a subscription never is."""

from __future__ import annotations

from remit.accounts.service import get_account
from remit.context import Context
from remit.invoices.lifecycle import Status
from remit.invoices.models import Invoice
from remit.subscriptions import service as subscriptions
from remit.subscriptions.repository import SubscriptionRepository

_FOLLOWS = ("active", "past_due", "incomplete", "unpaid")


async def follow(ctx: Context, invoice: Invoice) -> None:
    if invoice.subscription_id is None or invoice.billing_reason == "manual":
        return  # not one the subscription made: it never is its latest
    repository = SubscriptionRepository(ctx, items=True)
    subscription = await repository.find(invoice.subscription_id, lock=True)
    if (
        subscription is None
        or subscription.status not in _FOLLOWS
        or subscription.latest_invoice_id != invoice.id
    ):
        return
    status = _status_after(invoice, (await get_account(ctx)).dunning_subscription_action)
    if status == "canceled":
        subscriptions.end(ctx, subscription, ctx.now)
    elif status is not None:
        subscriptions.change_status(ctx, subscription, status)


_GIVING_UP = {"mark_unpaid": "unpaid", "cancel": "canceled", "leave_past_due": "past_due"}


def _status_after(invoice: Invoice, action: str) -> str | None:
    if invoice.status == Status.PAID:
        return "active"
    if invoice.last_payment_error is None:
        return None
    if invoice.next_payment_attempt_at is None and invoice.collection_method == (
        "charge_automatically"
    ):
        return _GIVING_UP.get(action, "unpaid")  # dunning gave up
    return "incomplete" if invoice.billing_reason == "subscription_create" else "past_due"
