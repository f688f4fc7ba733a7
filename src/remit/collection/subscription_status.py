"""A subscription follows the collection of its latest invoice (Stripe's statuses): an
automatic payment that fails makes it `past_due` (`incomplete` when it is the first
invoice), dunning that gives up makes it `unpaid`, and the invoice paid makes it `active`
again. Called wherever a payment's outcome is recorded."""

from __future__ import annotations

from remit.context import Context
from remit.invoices.lifecycle import Status
from remit.invoices.models import Invoice
from remit.subscriptions import service as subscriptions
from remit.subscriptions.repository import SubscriptionRepository

_RUN_REASONS = ("subscription_create", "subscription_cycle")
_FOLLOWS = ("active", "past_due", "incomplete", "unpaid")


async def follow(ctx: Context, invoice: Invoice) -> None:
    if invoice.subscription_id is None or invoice.billing_reason not in _RUN_REASONS:
        return
    repository = SubscriptionRepository(ctx, items=True)
    subscription = await repository.find(invoice.subscription_id, lock=True)
    if (
        subscription is None
        or subscription.status not in _FOLLOWS
        or subscription.latest_invoice_id != invoice.id
    ):
        return
    status = _status_after(invoice)
    if status is not None:
        subscriptions.change_status(ctx, subscription, status)


def _status_after(invoice: Invoice) -> str | None:
    if invoice.status == Status.PAID:
        return "active"
    if invoice.last_payment_error is None:
        return None
    if invoice.next_payment_attempt_at is None and invoice.collection_method == (
        "charge_automatically"
    ):
        return "unpaid"  # dunning gave up
    return "incomplete" if invoice.billing_reason == "subscription_create" else "past_due"
