"""Canceling a subscription, and what canceling it now leaves to bill (docs/billing.md,
"Canceling").

At the end of its period (`at_period_end`), the billing run ends it instead of billing the
next period (`billing.run.bill_next_period`). Now, it ends at once, and:

- with `prorate`, the unused time of its licensed items in the period paid in advance is
  credited, to the second (billing.proration, as a change credits it), as pending invoice
  items of the customer, for its next invoice; without (the default, as Stripe's), nothing;
- its metered items' usage not billed yet is invoiced at once, on a final invoice (as
  Stripe's `invoice_now`): usage is never lost, and the run bills nothing after the end.
"""

from __future__ import annotations

from remit.billing import proration
from remit.billing.changes import leave_pending, paid_period
from remit.billing.proration import Proration
from remit.billing.run import Billable, bill_final, billables_of, priced
from remit.context import Context, flushed
from remit.kernel.calendar import Period
from remit.subscriptions import service as subscriptions
from remit.subscriptions.models import Subscription
from remit.subscriptions.repository import SubscriptionRepository


@flushed
async def cancel_subscription(
    ctx: Context, subscription_id: str, *, at_period_end: bool = False, prorate: bool = False
) -> Subscription:
    """Cancel now (crediting the unused time with `prorate`, invoicing the usage not billed
    yet), or at the end of the current period. A canceled subscription is refused (409)."""
    subscription = await SubscriptionRepository(ctx, items=True).get_for_update(subscription_id)
    billables = await billables_of(ctx, subscription.items)
    paid = paid_period(subscription, billables[0].plan) if prorate else None
    subscription = await subscriptions.cancel_subscription(
        ctx, subscription_id, at_period_end=at_period_end
    )
    if at_period_end:
        return subscription
    currency = billables[0].plan.currency
    if paid is not None:
        credits = await _unused_time(ctx, billables, paid, currency)
        await leave_pending(ctx, subscription, currency, credits)
    await bill_final(ctx, subscription, billables, ctx.now, reason="subscription_update")
    return subscription


async def _unused_time(
    ctx: Context, billables: list[Billable], paid: Period, currency: str
) -> list[Proration]:
    """Per licensed item, the credit of its unused time in the paid period, from now."""
    lines: list[Proration] = []
    for billable in billables:
        before = await priced(ctx, billable.plan, billable.quantity)
        lines += proration.item_change(before, None, paid, ctx.now, currency)
    return lines
